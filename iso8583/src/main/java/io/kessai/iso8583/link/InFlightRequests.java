package io.kessai.iso8583.link;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The client's requests in flight, by key, and its window. Whoever removes a request from the map
 * completes it, so each request completes exactly once however a response, a timeout and a dropped
 * connection race; its window slot is released before its future completes, so a caller that reacts
 * to the completion finds the slot free.
 */
final class InFlightRequests<M> {
    private final ConcurrentHashMap<MatchKey, PendingRequest<M>> byKey;
    private final AbandonedKeys abandoned;
    private final Semaphore window;

    InFlightRequests(int maxInFlight, int abandonedKeyMemory) {
        this.byKey = new ConcurrentHashMap<>(maxInFlight * 2);
        this.abandoned = new AbandonedKeys(abandonedKeyMemory);
        this.window = new Semaphore(maxInFlight);
    }

    /** Waits up to {@code waitMillis} for a window slot. */
    boolean acquireSlot(int waitMillis) throws InterruptedException {
        return window.tryAcquire() || window.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
    }

    void releaseSlot() {
        window.release();
    }

    int availableSlots() {
        return window.availablePermits();
    }

    /** Registers the request; the refusal if its key is in flight or was abandoned recently, else null. */
    LinkDuplicateKeyException register(PendingRequest<M> request) {
        if (byKey.putIfAbsent(request.key, request) != null) {
            return new LinkDuplicateKeyException(request.key, "a request with this key is in flight");
        }
        if (abandoned.contains(request.key)) {
            byKey.remove(request.key, request);
            return new LinkDuplicateKeyException(request.key,
                    "a request with this key timed out or lost its connection recently; its late response may still arrive");
        }
        return null;
    }

    /** Completes the request waiting under {@code key}; false if none is. */
    boolean complete(MatchKey key, M response) {
        PendingRequest<M> request = byKey.remove(key);
        if (request == null) {
            return false;
        }
        release(request);
        request.future.complete(response);
        return true;
    }

    /** True (once) if {@code key} belongs to a request that gave up on its response. */
    boolean wasAbandoned(MatchKey key) {
        return abandoned.forget(key);
    }

    /** Fails a request whose frame was never queued: not remembered, since no response can come. */
    void withdraw(PendingRequest<M> request, LinkException cause) {
        if (byKey.remove(request.key, request)) {
            release(request);
            request.future.completeExceptionally(cause);
        }
    }

    /** Fails a request that may have reached the host; its key is remembered as abandoned. */
    boolean abandon(PendingRequest<M> request, LinkException cause) {
        if (!byKey.remove(request.key, request)) {
            return false;
        }
        abandoned.remember(request.key);
        release(request);
        request.future.completeExceptionally(cause);
        return true;
    }

    /** Fails every request whose deadline has passed with a {@link LinkTimeoutException}. */
    void expire(long nowNanos) {
        for (PendingRequest<M> request : byKey.values()) {
            if (nowNanos - request.deadlineNanos >= 0) {
                abandon(request, new LinkTimeoutException(request.key, request.timeoutMillis));
            }
        }
    }

    /** Fails every request sent on {@code connection} (every request if null). */
    void abandonAll(Connection connection, Function<MatchKey, LinkException> cause) {
        for (PendingRequest<M> request : byKey.values()) {
            if (connection == null || request.connection == connection) {
                abandon(request, cause.apply(request.key));
            }
        }
    }

    int size() {
        return byKey.size();
    }

    private void release(PendingRequest<M> request) {
        if (request.holdsSlot) {
            window.release();
        }
    }
}
