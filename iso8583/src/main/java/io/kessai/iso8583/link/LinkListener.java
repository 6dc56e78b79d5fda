package io.kessai.iso8583.link;

import java.net.SocketAddress;

/**
 * What happens on a link, for metrics and logs. Every method has an empty default; implement those
 * you need. Called on the link's own threads (reader, timer, supervisor): return quickly and do not
 * block. An exception thrown here is caught and logged, never allowed to break the link.
 *
 * <p>Nothing passed here carries message contents except {@link #onLateResponse}'s response, the
 * caller's own message: log keys and sizes, never the message.
 *
 * @param <M> the message type
 */
public interface LinkListener<M> {
    /** A client's state changed (the center exports it as a metric). */
    default void onStateChange(LinkState previous, LinkState current) {}

    /** A connection is open (client: before sign-on; server: accepted). */
    default void onConnected(SocketAddress peer) {}

    /** A client could not connect (refused, timed out, TLS handshake failed). */
    default void onConnectFailed(String target, Throwable cause) {}

    /** A connection closed; {@code cause} is null when this side closed it on purpose. */
    default void onDisconnected(SocketAddress peer, Throwable cause) {}

    /** A server refused a connection (its connection limit was reached). */
    default void onConnectionRefused(SocketAddress peer, String reason) {}

    /**
     * The peer broke the protocol. Framing errors close the connection; a frame that does not decode
     * is dropped and the connection stays up.
     */
    default void onProtocolError(SocketAddress peer, LinkException error) {}

    /**
     * A response arrived after its request had timed out or lost its connection. It was dropped: the
     * request's future already failed and stays failed (the caller has reversed or will reverse it).
     */
    default void onLateResponse(MatchKey key, M response) {}

    /** A message was dropped; {@code key} and {@code cause} may be null when unknown. */
    default void onDropped(SocketAddress peer, DropReason reason, MatchKey key, Throwable cause) {}

    /** A sign-on, echo test or sign-off failed (refused, timed out, or the link went down). */
    default void onManagementFailure(NetworkManagement.Step step, Throwable cause) {}

    /** A listener that ignores everything (tests, benchmarks). */
    static <M> LinkListener<M> silent() {
        return new LinkListener<>() {};
    }

    /** A listener that writes to {@link System.Logger} {@code io.kessai.iso8583.link.<name>}. */
    static <M> LinkListener<M> logging(String linkName) {
        return new LoggingLinkListener<>(linkName);
    }
}
