package io.kessai.iso8583.link;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keys of requests that gave up on their response (timed out, or their connection dropped), so that a
 * response arriving afterwards is recognised as late rather than unknown, and so that the key is not
 * reused while such a response may still arrive. Bounded: beyond {@code capacity} the oldest key is
 * forgotten. Lock-free, because {@link #contains} runs on every send.
 */
final class AbandonedKeys {
    private final int capacity;
    private final ConcurrentHashMap<MatchKey, Boolean> keys = new ConcurrentHashMap<>();
    /** Insertion order for eviction; may still hold keys already forgotten, never more than capacity. */
    private final ConcurrentLinkedQueue<MatchKey> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ordered = new AtomicInteger();

    AbandonedKeys(int capacity) {
        this.capacity = Checks.inRange("capacity", capacity, 0, Integer.MAX_VALUE / 2);
    }

    void remember(MatchKey key) {
        if (capacity == 0 || keys.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        order.offer(key);
        if (ordered.incrementAndGet() > capacity) {
            MatchKey oldest = order.poll();
            if (oldest != null) {
                ordered.decrementAndGet();
                if (!oldest.equals(key)) {
                    keys.remove(oldest);
                }
            }
        }
    }

    boolean contains(MatchKey key) {
        return !keys.isEmpty() && keys.containsKey(key);
    }

    /** Forgets the key; true if it was remembered (its late response has now arrived). */
    boolean forget(MatchKey key) {
        return keys.remove(key) != null;
    }

    int size() {
        return keys.size();
    }
}
