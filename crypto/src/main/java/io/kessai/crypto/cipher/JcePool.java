package io.kessai.crypto.cipher;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A small bounded pool of JCE objects ({@code Cipher}, {@code Mac}) shared by all threads.
 *
 * <p>Why not one per thread: the center serves every request on a new virtual thread, so a per-thread
 * cache made a new {@code Cipher.getInstance} (a provider look-up, several microseconds) for nearly
 * every operation. A JCE object is only ever held for one {@code init} and its {@code doFinal}, with
 * no blocking in between, so about as many are in use at once as there are carrier threads; the pool
 * keeps a few more than that and lets the rest go to the garbage collector.
 *
 * <p>Whoever takes an object must {@code init} it before use (that resets whatever an earlier failed
 * call left behind) and give it back with {@link #giveBack} when done, also after a failure.
 */
public final class JcePool<T> {
    private static final int MIN_SLOTS = 8;
    private static final int MAX_SLOTS = 64;
    private static final int SLOTS_PER_PROCESSOR = 4;
    /** Spreads threads' first probes over the slots (Fibonacci hashing). */
    private static final int PROBE_MIX = 0x9E3779B9;

    private final AtomicReferenceArray<T> slots;
    private final Supplier<T> factory;

    public JcePool(Supplier<T> factory) {
        this(factory, Math.clamp((long) SLOTS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors(), MIN_SLOTS, MAX_SLOTS));
    }

    JcePool(Supplier<T> factory, int slotCount) {
        if (slotCount < 1) {
            throw new IllegalArgumentException("a pool needs at least one slot, got " + slotCount);
        }
        this.factory = Objects.requireNonNull(factory, "factory");
        this.slots = new AtomicReferenceArray<>(slotCount);
    }

    /** A pooled object, or a new one when all are in use. */
    public T take() {
        int start = firstProbe();
        int count = slots.length();
        for (int i = 0; i < count; i++) {
            int slot = (start + i) % count;
            T pooled = slots.getPlain(slot);
            if (pooled != null && slots.compareAndSet(slot, pooled, null)) {
                return pooled;
            }
        }
        return Objects.requireNonNull(factory.get(), "the factory made null");
    }

    /** Returns {@code object} to the pool, or drops it when the pool is full. */
    public void giveBack(T object) {
        Objects.requireNonNull(object, "object");
        int start = firstProbe();
        int count = slots.length();
        for (int i = 0; i < count; i++) {
            int slot = (start + i) % count;
            if (slots.getPlain(slot) == null && slots.compareAndSet(slot, null, object)) {
                return;
            }
        }
    }

    /** How many objects wait in the pool now (for tests). */
    int idle() {
        int idle = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                idle++;
            }
        }
        return idle;
    }

    private int firstProbe() {
        int mixed = (int) Thread.currentThread().threadId() * PROBE_MIX;
        return Math.floorMod(mixed, slots.length());
    }
}
