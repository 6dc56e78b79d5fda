package io.kessai.issuer.fault;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A fault put on a share of all traffic: {@code KIND@PERCENT}, e.g. {@code drop@5} or
 * {@code delay:1500@0.5}. The share is kept in parts per million, an integer: no floating point
 * decides which answer is lost.
 */
public record TrafficFault(Fault fault, int partsPerMillion) {
    public static final int MILLION = 1_000_000;
    private static final BigDecimal PARTS_PER_PERCENT = BigDecimal.valueOf(MILLION / 100);

    public TrafficFault {
        Objects.requireNonNull(fault, "fault");
        if (partsPerMillion < 1 || partsPerMillion > MILLION) {
            throw new IllegalArgumentException("fault share must be above 0 and at most 100%");
        }
    }

    /** Reads {@code KIND@PERCENT}; the percentage may have up to four decimals. */
    public static TrafficFault parse(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("traffic fault '" + text + "' needs a share: KIND@PERCENT, e.g. drop@5");
        }
        Fault fault = Fault.parse(text.substring(0, at));
        String percentText = text.substring(at + 1).strip();
        BigDecimal parts;
        try {
            parts = new BigDecimal(percentText).multiply(PARTS_PER_PERCENT);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault share '" + percentText + "' is not a percentage");
        }
        if (parts.signum() <= 0 || parts.compareTo(BigDecimal.valueOf(MILLION)) > 0 || parts.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("fault share must be above 0 and at most 100 with up to 4 decimals, got '"
                    + percentText + "'");
        }
        return new TrafficFault(fault, parts.intValueExact());
    }

    @Override
    public String toString() {
        return fault + "@" + BigDecimal.valueOf(partsPerMillion).divide(PARTS_PER_PERCENT).stripTrailingZeros().toPlainString();
    }
}
