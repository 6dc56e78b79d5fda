package io.kessai.iso8583.link;

/**
 * A failure of an ISO 8583 network link: the base of every exception the link reports, and what a
 * {@link LinkCodec} throws for a message it cannot encode or decode.
 *
 * <p>Messages name keys, sizes and addresses only, never message contents: they end up in logs and
 * messages carry card data.
 */
public class LinkException extends Exception {
    public LinkException(String message) {
        super(message);
    }

    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * For failures raised in bulk by the link's own threads (timeouts, a dropped connection): a stack
     * trace would show the link's timer, not the caller, and filling it costs time at the worst moment.
     */
    protected LinkException(String message, Throwable cause, boolean withStackTrace) {
        super(message, cause, true, withStackTrace);
    }
}
