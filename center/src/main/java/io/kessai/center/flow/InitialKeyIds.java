package io.kessai.center.flow;

import io.kessai.card.Hex;
import io.kessai.crypto.envelope.KeyScheme;
import java.util.Arrays;

/**
 * The reader's initial key ID as the registry stores it, from a KSN: AES, the first 8 bytes; TDES, the
 * 10-byte KSN with its 21 counter bits cleared (docs/protocol/envelope.md §Keys).
 */
public final class InitialKeyIds {
    private static final int AES_INITIAL_KEY_ID_BYTES = 8;
    private static final int TDES_COUNTER_BITS = 21;

    private InitialKeyIds() {}

    public static String of(KeyScheme scheme, byte[] ksn) {
        if (scheme.isAes()) {
            return Hex.encode(Arrays.copyOf(ksn, AES_INITIAL_KEY_ID_BYTES));
        }
        byte[] initial = ksn.clone();
        int bitsLeft = TDES_COUNTER_BITS;
        for (int i = initial.length - 1; i >= 0 && bitsLeft > 0; i--) {
            int clear = Math.min(Byte.SIZE, bitsLeft);
            initial[i] &= (byte) ~((1 << clear) - 1);
            bitsLeft -= clear;
        }
        return Hex.encode(initial);
    }
}
