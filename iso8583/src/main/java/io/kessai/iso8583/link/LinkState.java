package io.kessai.iso8583.link;

/**
 * Where a {@link LinkClient} is in its life. Only {@link #READY} carries requests. A client moves
 * DISCONNECTED → CONNECTING → SIGNING_ON → READY, falls back to DISCONNECTED whenever a connection or
 * a sign-on fails, and ends DRAINING → CLOSED when it is closed.
 */
public enum LinkState {
    /** No connection; waiting out the reconnect delay. */
    DISCONNECTED,
    /** Opening the TCP connection (and the TLS handshake). */
    CONNECTING,
    /** Connected; the sign-on is out and no request may be sent before it is accepted. */
    SIGNING_ON,
    /** Signed on: requests are sent. */
    READY,
    /** Closing: new requests are refused while those in flight finish, then the link signs off. */
    DRAINING,
    /** Closed for good. */
    CLOSED
}
