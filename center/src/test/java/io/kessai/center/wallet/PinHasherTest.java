package io.kessai.center.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The PIN hash is PBKDF2-HMAC-SHA256 to the byte (stored hashes depend on it), salted per PIN. */
class PinHasherTest {
    @Test
    void theRfc7914TestVectorComesOut() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1, first 32 of the 64 bytes.
        assertThat(Hex.encode(PinHasher.derive("passwd", "salt".getBytes(StandardCharsets.US_ASCII), 1)).toLowerCase())
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    }

    @Test
    void aHashMatchesItsPinOnly() {
        PinHasher hasher = new PinHasher(PinHasher.MIN_ITERATIONS);
        PinHasher.Hashed hashed = hasher.hash("2468");
        assertThat(PinHasher.matches("2468", hashed.salt(), hashed.iterations(), hashed.hash())).isTrue();
        assertThat(PinHasher.matches("2469", hashed.salt(), hashed.iterations(), hashed.hash())).isFalse();
        assertThat(hasher.hash("2468").salt()).isNotEqualTo(hashed.salt());
    }
}
