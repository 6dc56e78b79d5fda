package io.kessai.crypto.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyAlgorithmTest {
    @Test
    void validLengths() {
        assertThat(KeyAlgorithm.TDES.isValidLength(16)).isTrue();
        assertThat(KeyAlgorithm.TDES.isValidLength(24)).isTrue();
        assertThat(KeyAlgorithm.TDES.isValidLength(8)).isFalse();
        assertThat(KeyAlgorithm.TDES.isValidLength(20)).isFalse();
        assertThat(KeyAlgorithm.AES.isValidLength(16)).isTrue();
        assertThat(KeyAlgorithm.AES.isValidLength(24)).isTrue();
        assertThat(KeyAlgorithm.AES.isValidLength(32)).isTrue();
        assertThat(KeyAlgorithm.AES.isValidLength(40)).isFalse();
        assertThat(KeyAlgorithm.HMAC.isValidLength(16)).isTrue();
        assertThat(KeyAlgorithm.HMAC.isValidLength(33)).isTrue();
        assertThat(KeyAlgorithm.HMAC.isValidLength(64)).isTrue();
        assertThat(KeyAlgorithm.HMAC.isValidLength(15)).isFalse();
        assertThat(KeyAlgorithm.HMAC.isValidLength(65)).isFalse();
    }

    @Test
    void requireValidLengthNamesTheLengths() {
        assertThatThrownBy(() -> KeyAlgorithm.HMAC.requireValidLength(new byte[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HMAC key must be 16 to 64 bytes, got 4");
        assertThatThrownBy(() -> KeyAlgorithm.AES.requireValidLength(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AES key is missing");
    }
}
