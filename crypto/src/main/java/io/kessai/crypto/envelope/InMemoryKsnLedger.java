package io.kessai.crypto.envelope;

import io.kessai.card.Hex;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A KSN ledger in memory, bounded: when full it refuses rather than forgetting (forgetting = replays). */
public final class InMemoryKsnLedger implements KsnLedger {
    private final int capacity;
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    public InMemoryKsnLedger(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean firstUse(KeyScheme scheme, byte[] ksn) throws EnvelopeException {
        if (used.size() >= capacity) {
            throw new EnvelopeException(EnvelopeException.Reason.LEDGER_FAILURE,
                    "KSN ledger is full (" + capacity + " entries): use a durable ledger");
        }
        return used.add(scheme.code() + ":" + Hex.encode(ksn));
    }
}
