package io.kessai.iso8583.link;

/** Why a link dropped a message instead of delivering or answering it. */
public enum DropReason {
    /** A response whose key matches no request in flight and none that timed out recently. */
    UNMATCHED_RESPONSE,
    /** A request from the peer that nobody answers (a client's {@link NetworkManagement#answer} said null). */
    UNANSWERED_REQUEST,
    /** A server received a response: servers send no requests. */
    UNEXPECTED_RESPONSE,
    /** A request that arrived while the server was draining for shutdown. */
    SERVER_DRAINING,
    /** The handler threw, returned null, or completed its stage exceptionally. */
    HANDLER_FAILED,
    /** The handler did not complete within the handler timeout; its slot was freed. */
    HANDLER_TIMED_OUT,
    /** The answer could not be encoded. */
    ENCODE_FAILED,
    /** The answer could not be queued: the connection closed or stopped reading. */
    WRITE_REFUSED
}
