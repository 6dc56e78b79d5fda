package io.kessai.iso8583.link;

import java.net.SocketAddress;

/**
 * The other end of one connection, as a {@link LinkHandler} sees it. Besides answering through the
 * returned stage, a handler can misbehave on purpose through it, which is what an issuer simulator's
 * fault injection needs: close the connection, or put bytes on the wire that are not a valid answer.
 * (Delay: complete the stage later. Drop: complete it with null.)
 */
public interface Peer {
    SocketAddress remoteAddress();

    boolean isOpen();

    /** Closes the connection at once, without flushing what is queued. */
    void close();

    /**
     * Queues {@code frame} with a correct length header, whether or not it is a valid message
     * (a frame that does not decode, an unsolicited message encoded by the caller). The bytes are
     * copied.
     *
     * @return false if the connection is closed or its write queue is full
     * @throws IllegalArgumentException if {@code frame} is longer than the maximum frame
     */
    boolean writeFrame(byte[] frame);

    /**
     * Queues bytes that are written exactly as given, without a length header: garbage that desynchronises
     * the peer's framing. The bytes are copied.
     *
     * @return false if the connection is closed or its write queue is full
     * @throws IllegalArgumentException if {@code bytes} is longer than the header plus the maximum frame
     */
    boolean writeRaw(byte[] bytes);
}
