package io.kessai.center.flow;

/**
 * A refused terminal request, with the stable code the API returns and the HTTP status. Refusals
 * change nothing: no payment row, no issuer message.
 */
public final class TerminalException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Stable codes: clients switch on them, so never rename one. */
    public enum Code {
        ENVELOPE_MALFORMED(400),
        ENVELOPE_UNSUPPORTED(400),
        ENVELOPE_UNKNOWN_KEY(403),
        ENVELOPE_BAD_KSN(400),
        ENVELOPE_MAC_MISMATCH(403),
        ENVELOPE_BAD_CONTENT(422),
        KSN_REPLAYED(409),
        UNKNOWN_READER(403),
        READER_DISABLED(403),
        READER_MISMATCH(403),
        UNKNOWN_MERCHANT(403),
        MERCHANT_DISABLED(403),
        PAYMENT_NOT_FOUND(404),
        PAYMENT_NOT_AWAITING_ITEMS(409),
        /** An answer to an item that was not asked, as the center's JSON bodies name a field they do not have. */
        UNKNOWN_FIELD(400),
        INVALID_ITEMS(422);

        private final int httpStatus;

        Code(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public String apiCode() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Code code;
    private final String field;

    public TerminalException(Code code, String message) {
        this(code, message, null);
    }

    public TerminalException(Code code, String message, String field) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public Code code() {
        return code;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
