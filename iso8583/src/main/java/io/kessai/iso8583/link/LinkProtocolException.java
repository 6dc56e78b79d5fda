package io.kessai.iso8583.link;

/**
 * The byte stream broke the framing rules (a length over the maximum, a header that is not digits,
 * a peer that closed inside a frame). The stream cannot be resynchronised, so the connection is
 * closed.
 */
public final class LinkProtocolException extends LinkException {
    public LinkProtocolException(String message) {
        super(message);
    }
}
