package io.kessai.iso8583.link;

/**
 * The link cannot carry the request: it is not signed on, it is closing, or the connection that
 * carried the request dropped before the response arrived. Never retried by the link: whether the
 * request reached the host is unknown, so the caller decides (typically a reversal).
 */
public final class LinkDownException extends LinkException {
    public LinkDownException(String message) {
        super(message, null, false);
    }

    public LinkDownException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
