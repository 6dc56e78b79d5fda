package io.kessai.center.http;

import io.kessai.card.Luhn;

/**
 * The last guard before text reaches a log line or an error message (PCI DSS 3.3, 3.4): any run of
 * digits that looks like a card number (12–19 digits passing Luhn) is masked to its first 6 and last
 * 4 digits, and any run of 20 or more digits (track discretionary data, a PAN glued to its expiry) is
 * hidden entirely. IDs such as merchant numbers mostly survive: only about one in ten passes Luhn.
 */
public final class CardDataRedactor {
    private static final int MIN_PAN_DIGITS = 12;
    private static final int MAX_PAN_DIGITS = 19;
    private static final int SHOWN_LEADING = 6;
    private static final int SHOWN_TRAILING = 4;
    private static final char MASK = '*';
    private static final String HIDDEN_RUN = "[digits hidden]";
    private static final int MAX_CAUSE_DEPTH = 8;

    private CardDataRedactor() {}

    /** {@code text} with card-number-like digit runs masked; null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int start = i;
            boolean digits = isAsciiDigit(text.charAt(i));
            while (i < text.length() && isAsciiDigit(text.charAt(i)) == digits) {
                i++;
            }
            String piece = text.substring(start, i);
            String replacement = digits ? replacementFor(piece) : null;
            out.append(replacement == null ? piece : replacement);
        }
        return out.toString();
    }

    /**
     * A copy of {@code failure} (and its causes) fit for a log: same classes named, same stack frames,
     * messages redacted. Exceptions from libraries may quote input they choked on.
     */
    public static Throwable redactFailure(Throwable failure) {
        return redactFailure(failure, 0);
    }

    private static Throwable redactFailure(Throwable failure, int depth) {
        if (failure == null || depth >= MAX_CAUSE_DEPTH) {
            return null;
        }
        String message = failure.getMessage();
        RedactedFailure copy = new RedactedFailure(failure.getClass().getName()
                + (message == null ? "" : ": " + redact(message)));
        copy.setStackTrace(failure.getStackTrace());
        Throwable cause = redactFailure(failure.getCause(), depth + 1);
        if (cause != null) {
            copy.initCause(cause);
        }
        return copy;
    }

    /** Stands in for a logged exception; its message starts with the original class name. */
    static final class RedactedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedactedFailure(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    private static String replacementFor(String run) {
        if (run.length() > MAX_PAN_DIGITS) {
            return HIDDEN_RUN;
        }
        if (run.length() >= MIN_PAN_DIGITS && Luhn.isValid(run)) {
            return run.substring(0, SHOWN_LEADING)
                    + String.valueOf(MASK).repeat(run.length() - SHOWN_LEADING - SHOWN_TRAILING)
                    + run.substring(run.length() - SHOWN_TRAILING);
        }
        return null;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
