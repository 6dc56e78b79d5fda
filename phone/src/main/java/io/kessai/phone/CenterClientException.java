package io.kessai.phone;

/** The center could not be reached, or refused the request; the message says which, with its error code. */
public final class CenterClientException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public CenterClientException(String code, String message) {
        super(message);
        this.code = code;
    }

    public CenterClientException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The center's stable error code, or "unreachable" / "bad_response" for the phone's own. */
    public String code() {
        return code;
    }
}
