package io.kessai.crypto.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kessai.card.Bytes;
import java.util.Arrays;

/**
 * Decoding any block with any PAN (and, for format 4, any AES key) either yields a 4–12 digit PIN or
 * throws {@link PinBlockException} — nothing else. Regression mode (the default) runs the seeds in
 * {@code PinBlockDecodeFuzzTestInputs/decodeOnlyEverThrowsPinBlockException}; to fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl crypto test -Dtest=PinBlockDecodeFuzzTest}.
 *
 * <p>Input layout (Jazzer takes numbers from the end, bytes and strings from the front): last byte =
 * format (mod 3: ISO 0, 3, 4), the byte before = block length (mod 21), the one before = AES key length
 * (mod 3: 16, 24, 32); from the front the PAN as an ASCII string ended by a backslash and another
 * character, then the block, then the key.
 */
class PinBlockDecodeFuzzTest {
    private static final int[] AES_KEY_LENGTHS = {16, 24, 32};
    private static final int MAX_BLOCK_BYTES = 20;
    private static final int MAX_PAN_CHARS = 24;

    @FuzzTest(maxDuration = "10s")
    void decodeOnlyEverThrowsPinBlockException(FuzzedDataProvider data) {
        int format = data.consumeInt(0, 2);
        int blockLength = data.consumeInt(0, MAX_BLOCK_BYTES);
        int keyLength = AES_KEY_LENGTHS[data.consumeInt(0, AES_KEY_LENGTHS.length - 1)];
        String pan = data.consumeAsciiString(MAX_PAN_CHARS);
        byte[] block = data.consumeBytes(blockLength);
        byte[] key = Arrays.copyOf(data.consumeRemainingAsBytes(), keyLength);
        char[] pin = null;
        try {
            pin = switch (format) {
                case 0 -> PinBlocks.decodeIso0(block, pan);
                case 1 -> PinBlocks.decodeIso3(block, pan);
                default -> PinBlocks.decipherIso4(key, block, pan);
            };
            assertThat(pin.length).isBetween(PinField.MIN_PIN_DIGITS, PinField.MAX_PIN_DIGITS);
            for (char digit : pin) {
                assertThat(digit).isBetween('0', '9');
            }
        } catch (PinBlockException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } finally {
            Bytes.wipe(pin);
            Bytes.wipe(key);
        }
    }
}
