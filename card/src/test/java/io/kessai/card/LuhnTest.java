package io.kessai.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** REFERENCE §3 Luhn vectors. */
class LuhnTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4242424242424242", "5350290149345177", "371449635398431",
            "4012345678909", "79927398713"})
    void acceptsPublishedValidNumbers(String digits) {
        assertThat(Luhn.isValid(digits)).isTrue();
        int last = digits.length() - 1;
        assertThat(Luhn.checkDigit(digits.substring(0, last))).isEqualTo(digits.charAt(last) - '0');
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890123456", "4000340000000506", "4111111111111112"})
    void refusesPublishedInvalidNumbers(String digits) {
        assertThat(Luhn.isValid(digits)).isFalse();
    }

    @Test
    void checkDigitOfTheWikipediaExampleIsThree() {
        assertThat(Luhn.checkDigit("7992739871")).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4111 1111 1111 1111", "411111111111111A", "\u0664\u0661\u0661\u0661"})
    void nonDigitsOrNothingAreNeverValid(String input) {
        assertThat(Luhn.isValid(input)).isFalse();
    }

    @Test
    void checkDigitNeedsDigits() {
        assertThatThrownBy(() -> Luhn.checkDigit("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Luhn.checkDigit("12a")).isInstanceOf(IllegalArgumentException.class);
    }
}
