package io.kessai.card;

import static io.kessai.card.CardDataErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PanTest {
    private static final String VISA = "4111111111111111";

    @Test
    void exposesItsParts() throws CardDataException {
        Pan pan = Pan.of(VISA);
        assertThat(pan.digits()).isEqualTo(VISA);
        assertThat(pan.bin6()).isEqualTo("411111");
        assertThat(pan.bin8()).isEqualTo("41111111");
        assertThat(pan.last4()).isEqualTo("1111");
        assertThat(pan.length()).isEqualTo(16);
        assertThat(pan.masked()).isEqualTo("411111******1111");
        assertThat(pan).hasToString("411111******1111");
    }

    @Test
    void shortestAndLongestPansAreMaskedToTheirOwnLength() throws CardDataException {
        String twelve = withCheckDigit("41111111111");
        String nineteen = withCheckDigit("621234567890123456");
        assertThat(Pan.of(twelve).masked()).isEqualTo("411111**" + twelve.substring(8));
        assertThat(Pan.of(nineteen).masked()).isEqualTo("621234*********" + nineteen.substring(15));
        assertThat(Pan.of(nineteen).bin8()).isEqualTo("62123456");
    }

    @Test
    void equalityIsOnTheDigits() throws CardDataException {
        assertThat(Pan.of(VISA)).isEqualTo(Pan.of(VISA)).hasSameHashCodeAs(Pan.of(VISA));
        assertThat(Pan.of(VISA)).isNotEqualTo(Pan.of("4242424242424242"));
    }

    @Test
    void refusesANonDigit() {
        assertRefused(() -> Pan.of("4111-111111111111"), "PAN has a non-digit '-' at offset 4", 4);
        assertRefused(() -> Pan.of("411111111111111\n"), "PAN has a non-digit U+000A at offset 15", 15);
    }

    @Test
    void refusesALengthOutside12To19() {
        assertRefused(() -> Pan.of("41111111111"), "PAN has 11 digits at offset 0, expected 12 to 19", 0);
        assertRefused(() -> Pan.of("41111111111111111111"), "PAN has 20 digits at offset 0, expected 12 to 19", 0,
                "41111111111111111111");
        assertRefused(() -> Pan.of(""), "PAN has 0 digits at offset 0, expected 12 to 19", 0);
    }

    @Test
    void refusesAFailedLuhnCheckWithTheMaskedPanOnly() {
        assertRefused(() -> Pan.of("4111111111111112"), "PAN 411111******1112 at offset 0 fails the Luhn check", 0,
                "4111111111111112");
        assertRefused(() -> Pan.of("1234567890123456"), "PAN 123456******3456 at offset 0 fails the Luhn check", 0,
                "1234567890123456");
    }

    @Test
    void maskHidesEverythingOfAStringTooShortToBeAPan() {
        assertThat(Pan.mask("12345678901")).isEqualTo("***********");
        assertThat(Pan.mask("123456789012")).isEqualTo("123456**9012");
    }

    static String withCheckDigit(String digitsWithoutCheck) {
        return digitsWithoutCheck + Luhn.checkDigit(digitsWithoutCheck);
    }
}
