package io.kessai.iso8583.link;

/**
 * Turns the caller's messages into frame bodies and back, and says how responses pair with requests.
 * The link knows nothing else about {@code M}, so it works for any message model.
 *
 * <p>Called from several threads at once (senders, the connection's reader): implementations must be
 * thread-safe, which a stateless codec is. Any failure must be a {@link LinkException} whose text
 * carries no message contents; a {@link RuntimeException} is treated the same way (the message is
 * dropped and reported) so that a codec bug cannot kill a connection.
 *
 * @param <M> the message type
 */
public interface LinkCodec<M> {
    /** The frame body (no length header). The link zeroes the array once it has been written. */
    byte[] encode(M message) throws LinkException;

    /**
     * The message in a frame body. The link zeroes {@code frame} when this returns, so the message
     * must not keep a reference to it.
     */
    M decode(byte[] frame) throws LinkException;

    /**
     * True if {@code message} answers a request (ISO 8583: message function 1 or 3, as 0110, 0230,
     * 0810). Anything else that arrives is a request from the peer.
     */
    boolean isResponse(M message);

    /** The key under which a request waits for its response. */
    MatchKey requestKey(M request) throws LinkException;

    /** The key of the request that {@code response} answers: equal to that request's {@link #requestKey}. */
    MatchKey responseKey(M response) throws LinkException;
}
