package io.kessai.crypto.dukpt;

import io.kessai.card.Bytes;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Host-side memo of AES DUKPT intermediate keys, one derivation path per reader (Initial Key ID).
 *
 * <p>Why: the transaction key for a counter costs one AES key expansion per one-bit of the counter (up
 * to 16, each about 0.3 µs in the JCE), plus one for the initial key. A reader's counters go up one
 * transaction at a time, so the next counter shares its high one-bits with the previous one: the keys
 * for that shared prefix are the same and only the bits below it need deriving, usually one or two.
 * The same payment also asks for its keys three times (open the envelope, translate the PIN, seal the
 * result); those calls derive nothing. See docs/adr/0012-dukpt-derivation-memo.md.
 *
 * <p>What it holds is as secret as the BDK it came from (an initial key and its derived keys), so it
 * lives only inside the HSM boundary, is bounded to {@code maxReaders} paths (least recently used
 * evicted first) and wipes every key it drops: on eviction, on replacement and on {@link #clear()}.
 *
 * <p>Thread-safety: the map is guarded by this object; each path by itself, so different readers
 * derive in parallel.
 */
public final class AesDerivationMemo {
    /** A path is the initial key plus at most one key per counter one-bit. */
    private static final int PATH_LEVELS = AesKsn.MAX_COUNTER_ONE_BITS + 1;
    /** Losing a path to eviction twice in a row needs 2 × maxReaders new readers in between. */
    private static final int EVICTION_RACE_ATTEMPTS = 2;

    private static final int DEFAULT_CAPACITY = 16;
    private static final float DEFAULT_LOAD_FACTOR = 0.75f;
    private static final boolean ACCESS_ORDER = true;

    private final int maxReaders;
    private final LinkedHashMap<Long, Path> paths;

    /** @param maxReaders how many readers' paths to keep, at least 1 (≈ 300 bytes per reader for AES-128) */
    public AesDerivationMemo(int maxReaders) {
        if (maxReaders < 1) {
            throw new IllegalArgumentException("maxReaders must be at least 1, got " + maxReaders);
        }
        this.maxReaders = maxReaders;
        // Default capacity: the table grows with the readers seen, and clear() walks the whole table.
        this.paths = new LinkedHashMap<>(DEFAULT_CAPACITY, DEFAULT_LOAD_FACTOR, ACCESS_ORDER);
    }

    /**
     * The transaction key for {@code ksn}, derived from the longest remembered prefix of its counter.
     *
     * @param initialKey called only when this reader has no remembered path; must return a fresh initial
     *     key array, which the memo then owns (and wipes when it drops it)
     * @return a new copy the caller wipes
     */
    public byte[] transactionKey(AesKsn ksn, Supplier<byte[]> initialKey) {
        for (int attempt = 0; attempt < EVICTION_RACE_ATTEMPTS; attempt++) {
            Path path = pathFor(ksn.initialKeyId(), initialKey);
            synchronized (path) {
                if (!path.wiped) {
                    return path.transactionKey(ksn);
                }
            }
            // Evicted between look-up and use (maxReaders other readers arrived meanwhile): look up again.
        }
        byte[] unremembered = initialKey.get();
        try {
            return AesDukpt.transactionKey(unremembered, ksn);
        } finally {
            Bytes.wipe(unremembered);
        }
    }

    /** Number of readers with a remembered path. */
    public synchronized int readers() {
        return paths.size();
    }

    /** Wipes and forgets every remembered key. */
    public synchronized void clear() {
        for (Path path : paths.values()) {
            path.wipe();
        }
        paths.clear();
    }

    private Path pathFor(byte[] initialKeyId, Supplier<byte[]> initialKey) {
        Long readerKey = ByteBuffer.wrap(initialKeyId).getLong();
        synchronized (this) {
            Path path = paths.get(readerKey);
            if (path != null) {
                return path;
            }
        }
        // Derive outside the map lock: an initial key costs an AES operation and other readers wait for
        // nothing. Two threads racing for a new reader both derive; the second one's key is wiped.
        Path fresh = new Path(initialKey.get());
        synchronized (this) {
            Path existing = paths.putIfAbsent(readerKey, fresh);
            if (existing != null) {
                fresh.wipe();
                return existing;
            }
            evictBeyondBound();
            return fresh;
        }
    }

    private void evictBeyondBound() {
        Iterator<Map.Entry<Long, Path>> eldestFirst = paths.entrySet().iterator();
        while (paths.size() > maxReaders) {
            Path eldest = eldestFirst.next().getValue();
            eldestFirst.remove();
            synchronized (eldest) {
                eldest.wipe();
            }
        }
    }

    /**
     * {@code keys[0]} is the initial key; {@code keys[i]} is the key derived for {@code partials[i]},
     * the counter's i highest one-bits. Invariant: for 1 ≤ i ≤ depth, partials[i] has i one-bits and
     * partials[i-1] is partials[i] without its lowest one-bit.
     */
    private static final class Path {
        private final byte[][] keys = new byte[PATH_LEVELS][];
        private final long[] partials = new long[PATH_LEVELS];
        private final AesDukptKeyType type;
        private int depth;
        private boolean wiped;

        Path(byte[] initialKey) {
            this.type = AesDukptKeyType.forBdkLength(initialKey.length);
            keys[0] = initialKey;
        }

        byte[] transactionKey(AesKsn ksn) {
            assert !wiped : "a wiped path is never used";
            long remaining = ksn.counter();
            long partial = 0;
            int level = 0;
            while (remaining != 0) {
                long bit = Long.highestOneBit(remaining);
                long next = partial | bit;
                if (level < depth && partials[level + 1] == next) {
                    level++;
                } else {
                    byte[] derived = AesDukpt.deriveKey(keys[level], AesKeyUsage.KEY_DERIVATION, type, ksn.derivationKsnData(next));
                    level++;
                    Bytes.wipe(keys[level]);
                    keys[level] = derived;
                    partials[level] = next;
                    // Deeper remembered keys belonged to another branch.
                    for (int stale = level + 1; stale <= depth; stale++) {
                        Bytes.wipe(keys[stale]);
                        keys[stale] = null;
                    }
                    depth = level;
                }
                partial = next;
                remaining ^= bit;
            }
            assert Long.bitCount(partials[level]) == level : "path level and counter bits disagree";
            return keys[level].clone();
        }

        void wipe() {
            for (int level = 0; level < PATH_LEVELS; level++) {
                Bytes.wipe(keys[level]);
                keys[level] = null;
            }
            depth = 0;
            wiped = true;
        }
    }
}
