package io.kessai.center.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.Hex;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/** The PIN hash is PBKDF2-HMAC-SHA256 to the byte: hashes stored before (by the JDK's implementation) still match. */
class PinHasherTest {
    private static byte[] jdk(String pin, byte[] salt, int iterations) throws Exception {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(pin.toCharArray(), salt, iterations, 256))
                .getEncoded();
    }

    @Test
    void theRfc7914TestVectorComesOut() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1, first 32 of the 64 bytes.
        assertThat(Hex.encode(PinHasher.derive("passwd", "salt".getBytes(StandardCharsets.US_ASCII), 1)).toLowerCase())
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    }

    @Test
    void theSameBytesAsTheJdkForPinsSaltsAndIterationCounts() throws Exception {
        SplittableRandom random = new SplittableRandom(20261121);
        for (int round = 0; round < 40; round++) {
            int digits = PinHasher.MIN_DIGITS + random.nextInt(PinHasher.MAX_DIGITS - PinHasher.MIN_DIGITS + 1);
            StringBuilder pin = new StringBuilder();
            for (int d = 0; d < digits; d++) {
                pin.append((char) ('0' + random.nextInt(10)));
            }
            byte[] salt = new byte[PinHasher.SALT_BYTES];
            random.nextBytes(salt);
            int iterations = 1 + random.nextInt(2_000);
            assertThat(PinHasher.derive(pin.toString(), salt, iterations)).as("PIN %s, %d iterations", pin, iterations)
                    .isEqualTo(jdk(pin.toString(), salt, iterations));
        }
        // A key longer than SHA-256's block is hashed first, as HMAC says.
        String longKey = "0123456789".repeat(7);
        assertThat(PinHasher.derive(longKey, new byte[] {1, 2}, 3)).isEqualTo(jdk(longKey, new byte[] {1, 2}, 3));
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
