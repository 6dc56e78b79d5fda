package io.kessai.card;

/**
 * POS entry mode, ISO 8583:1987 DE 22 (n3): how the PAN was read (positions 1–2) and whether the
 * terminal can take a PIN (position 3).
 */
public record EntryMode(PanEntry panEntry, PinCapability pinCapability) {

    /** DE 22 positions 1–2. */
    public enum PanEntry {
        MANUAL("01"),
        CHIP("05"),
        /** A chip card swiped at a chip-capable terminal: fallback to magnetic stripe. */
        MAGSTRIPE_FALLBACK("80"),
        /** Full, unaltered track read from the magnetic stripe. */
        MAGSTRIPE_FULL("90");

        private final String code;

        PanEntry(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** DE 22 position 3. */
    public enum PinCapability {
        CAN_ACCEPT_PIN('1'),
        CANNOT_ACCEPT_PIN('2');

        private final char digit;

        PinCapability(char digit) {
            this.digit = digit;
        }

        public char digit() {
            return digit;
        }

        public static PinCapability of(boolean terminalCanAcceptPin) {
            return terminalCanAcceptPin ? CAN_ACCEPT_PIN : CANNOT_ACCEPT_PIN;
        }
    }

    public EntryMode {
        if (panEntry == null || pinCapability == null) {
            throw new IllegalArgumentException("entry mode needs both PAN entry and PIN capability");
        }
    }

    /** The three digits of DE 22, e.g. "051". */
    public String de22() {
        return panEntry.code() + pinCapability.digit();
    }

    @Override
    public String toString() {
        return de22();
    }
}
