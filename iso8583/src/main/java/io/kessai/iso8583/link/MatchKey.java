package io.kessai.iso8583.link;

import java.util.Objects;

/**
 * What pairs a response with its request on a pipelined connection. For ISO 8583 it is the request
 * MTI, the STAN (DE 11), the terminal (DE 41) and the transmission date and time (DE 7): see
 * {@code io.kessai.iso8583.link.iso.IsoLinkCodec}. It names a transaction without any card data, so
 * it is what the link puts in its exceptions and events.
 *
 * @param value the whole key as text; two keys are equal when their texts are
 */
public record MatchKey(String value) {
    private static final char SEPARATOR = '/';

    public MatchKey {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a match key must not be empty");
        }
    }

    /** The parts joined by '/', so "0100", "000123" gives {@code 0100/000123}. */
    public static MatchKey of(String... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("a match key needs at least one part");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                text.append(SEPARATOR);
            }
            text.append(Objects.requireNonNull(parts[i], "part"));
        }
        return new MatchKey(text.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
