package io.kessai.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time range check against the obvious byte loop, for every byte value and place. */
class TextCheckTest {
    private static final int[][] RANGES = {{'0', '9'}, {' ', '~'}, {0, 0x7F}, {'A', 'A'}};

    @Test
    void findsEveryRefusedByteValueAtEveryPlaceInEveryAlignment() {
        for (int[] range : RANGES) {
            int low = range[0];
            int high = range[1];
            for (int length = 0; length <= 19; length++) {
                for (int from = 0; from <= 3; from++) {
                    byte[] bytes = new byte[from + length + 2];
                    Arrays.fill(bytes, (byte) 0xFF); // outside the slice: must not be looked at
                    Arrays.fill(bytes, from, from + length, (byte) low);
                    assertThat(TextCheck.firstOutside(bytes, from, from + length, low, high)).isEqualTo(TextCheck.NONE_REFUSED);
                    for (int place = from; place < from + length; place++) {
                        for (int value = 0; value <= 0xFF; value++) {
                            byte kept = bytes[place];
                            bytes[place] = (byte) value;
                            int expected = value >= low && value <= high ? TextCheck.NONE_REFUSED : place;
                            assertThat(TextCheck.firstOutside(bytes, from, from + length, low, high))
                                    .as("range %02X-%02X, length %d, from %d, 0x%02X at %d", low, high, length, from, value, place)
                                    .isEqualTo(expected);
                            bytes[place] = kept;
                        }
                    }
                }
            }
        }
    }

    @Test
    void reportsTheFirstOfSeveralRefusedBytes() {
        byte[] digits = "0123456789012345678A9B".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(TextCheck.firstOutside(digits, 0, digits.length, '0', '9')).isEqualTo(19);
        digits[3] = (byte) 0x80;
        assertThat(TextCheck.firstOutside(digits, 0, digits.length, '0', '9')).isEqualTo(3);
    }
}
