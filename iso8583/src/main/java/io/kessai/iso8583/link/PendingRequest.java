package io.kessai.iso8583.link;

import java.util.concurrent.CompletableFuture;

/** A request that was sent and waits for its response. */
final class PendingRequest<M> {
    final MatchKey key;
    final CompletableFuture<M> future = new CompletableFuture<>();
    /** The connection it went out on: only that connection's loss fails it. */
    final Connection connection;
    final long deadlineNanos;
    final int timeoutMillis;
    /** False for network management, which does not take a window slot. */
    final boolean holdsSlot;

    PendingRequest(MatchKey key, Connection connection, long deadlineNanos, int timeoutMillis, boolean holdsSlot) {
        this.key = key;
        this.connection = connection;
        this.deadlineNanos = deadlineNanos;
        this.timeoutMillis = timeoutMillis;
        this.holdsSlot = holdsSlot;
    }
}
