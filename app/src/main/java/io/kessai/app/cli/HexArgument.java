package io.kessai.app.cli;

import io.kessai.app.UsageException;
import io.kessai.card.Hex;

/** Reads a hex command-line value, naming the option in the error so a person knows which one to fix. */
final class HexArgument {
    private HexArgument() {}

    static byte[] decode(String option, String value) {
        try {
            return Hex.decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    static byte[] decode(String option, String value, int... allowedLengths) {
        byte[] bytes = decode(option, value);
        for (int allowed : allowedLengths) {
            if (bytes.length == allowed) {
                return bytes;
            }
        }
        throw new UsageException(option + ": must be " + describe(allowedLengths) + " bytes of hex, got " + bytes.length);
    }

    private static String describe(int[] lengths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lengths.length; i++) {
            if (i > 0) {
                sb.append(i == lengths.length - 1 ? " or " : ", ");
            }
            sb.append(lengths[i]);
        }
        return sb.toString();
    }
}
