package io.kessai.center.flow;

/** No answer from the issuer: link down, timed out, or refused by the link's back-pressure. */
public final class IssuerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IssuerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
