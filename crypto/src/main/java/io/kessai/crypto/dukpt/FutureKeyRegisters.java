package io.kessai.crypto.dukpt;

import io.kessai.card.Bytes;
import java.nio.ByteBuffer;

/**
 * The reader-side DUKPT algorithm both variants share (X9.24-1:2009 Annex A "future key registers",
 * X9.24-3-2017 §6.1 "intermediate derivation key registers"), with forward secrecy: the initial key is
 * used only to fill the registers, and every key is erased once used.
 *
 * <p>Register {@code i} holds the key for the counter that sets bit {@code i} below the bits already
 * used. Before counter {@code c} is used, register {@code lowestSetBit(c)} holds key(c). Using it: if
 * {@code c} has fewer one-bits than allowed, key(c) derives the keys for {@code c | 1<<j} into every
 * register {@code j} below, and the next counter is {@code c + 1}; otherwise the next counter is
 * {@code c + lowestSetBit(c)}, which skips every counter with too many one-bits. Either way key(c) leaves
 * the registers. A counter that carries out of its width means the device is exhausted.
 *
 * <p>Not thread-safe; the public register classes synchronise.
 */
final class FutureKeyRegisters {
    /** Derives key(childCounter) from the key of its parent counter (childCounter minus its lowest bit). */
    @FunctionalInterface
    interface ChildDerivation {
        byte[] derive(byte[] parentKey, long childCounter);
    }

    /** A counter and its key, now owned by the caller. */
    record UsedKey(long counter, byte[] key) {
        @Override
        public String toString() {
            return "UsedKey[counter=" + counter + "]";
        }
    }

    /** Bytes {@link #writeTo} puts before the registers: next counter, last counter, presence mask. */
    static final int FIXED_STATE_BYTES = Long.BYTES + Long.BYTES + Integer.BYTES;

    private final CounterLayout layout;
    private final int keyBytes;
    private final ChildDerivation derivation;
    private final byte[][] registers;
    private long nextCounter;
    private long lastUsedCounter;
    private boolean destroyed;

    private FutureKeyRegisters(CounterLayout layout, int keyBytes, ChildDerivation derivation) {
        this.layout = layout;
        this.keyBytes = keyBytes;
        this.derivation = derivation;
        this.registers = new byte[layout.counterBits()][];
    }

    /**
     * Fills the registers exactly as a device that has used every counter before {@code counter} would
     * have them, walking from the initial key down the path to {@code counter} and deriving each sibling
     * the device would still be holding. The caller has validated {@code counter} and wipes its own key.
     */
    static FutureKeyRegisters startingAt(
            CounterLayout layout, byte[] initialKey, long counter, ChildDerivation derivation) {
        FutureKeyRegisters state = new FutureKeyRegisters(layout, initialKey.length, derivation);
        int lowestPosition = Long.numberOfTrailingZeros(counter);
        byte[] pathKey = initialKey;
        long pathCounter = 0;
        try {
            for (int position = layout.counterBits() - 1; position >= lowestPosition; position--) {
                long bit = 1L << position;
                if ((counter & bit) == 0) {
                    state.registers[position] = derivation.derive(pathKey, pathCounter | bit);
                } else {
                    pathCounter |= bit;
                    byte[] next = derivation.derive(pathKey, pathCounter);
                    if (pathKey != initialKey) {
                        Bytes.wipe(pathKey);
                    }
                    pathKey = next;
                }
            }
        } catch (RuntimeException e) {
            if (pathKey != initialKey) {
                Bytes.wipe(pathKey);
            }
            state.destroy();
            throw e;
        }
        state.registers[lowestPosition] = pathKey;
        state.nextCounter = counter;
        return state;
    }

    /** Hands out the next counter's key and moves the registers on (see the class comment). */
    UsedKey next() throws DukptException {
        requireNotDestroyed();
        if (exhausted()) {
            throw new DukptException(layout.variant() + " register is exhausted: counter "
                    + layout.hex(lastUsedCounter) + " was its last usable counter; load a new initial key");
        }
        long counter = nextCounter;
        int position = Long.numberOfTrailingZeros(counter);
        byte[] key = registers[position];
        registers[position] = null;
        try {
            if (Long.bitCount(counter) < layout.maxOneBits()) {
                for (int child = position - 1; child >= 0; child--) {
                    registers[child] = derivation.derive(key, counter | 1L << child);
                }
                nextCounter = counter + 1;
            } else {
                nextCounter = counter + (1L << position);
            }
        } catch (RuntimeException e) {
            Bytes.wipe(key);
            destroy();
            throw e;
        }
        lastUsedCounter = counter;
        if (exhausted()) {
            wipeRegisters();
        }
        return new UsedKey(counter, key);
    }

    /** The counter of the last key handed out, 0 before the first. */
    long lastUsedCounter() {
        return lastUsedCounter;
    }

    boolean exhausted() {
        return nextCounter >= layout.end();
    }

    int keyBytes() {
        return keyBytes;
    }

    boolean destroyed() {
        return destroyed;
    }

    void destroy() {
        wipeRegisters();
        destroyed = true;
    }

    int stateBytes() {
        int present = 0;
        for (byte[] register : registers) {
            present += register == null ? 0 : 1;
        }
        return FIXED_STATE_BYTES + present * keyBytes;
    }

    /** Next counter, last counter, a mask of the registers present, then those registers in bit order. */
    void writeTo(ByteBuffer out) {
        requireNotDestroyed();
        int presentMask = 0;
        for (int position = 0; position < registers.length; position++) {
            presentMask |= registers[position] == null ? 0 : 1 << position;
        }
        out.putLong(nextCounter).putLong(lastUsedCounter).putInt(presentMask);
        for (byte[] register : registers) {
            if (register != null) {
                out.put(register);
            }
        }
    }

    /**
     * Reads what {@link #writeTo} wrote, to the end of {@code in}, checking that it describes a state
     * the algorithm can reach.
     */
    static FutureKeyRegisters readFrom(ByteBuffer in, CounterLayout layout, int keyBytes, ChildDerivation derivation)
            throws DukptException {
        if (in.remaining() < FIXED_STATE_BYTES) {
            throw new DukptException(layout.variant() + " register state is truncated: " + in.remaining()
                    + " bytes where at least " + FIXED_STATE_BYTES + " are needed");
        }
        long nextCounter = in.getLong();
        long lastUsedCounter = in.getLong();
        int presentMask = in.getInt();
        boolean exhausted = nextCounter == layout.end();
        if (!exhausted) {
            layout.requireValid(nextCounter);
        }
        if (lastUsedCounter != 0) {
            layout.requireValid(lastUsedCounter);
        }
        if (lastUsedCounter >= nextCounter) {
            throw new DukptException(layout.variant() + " register state is inconsistent: last counter "
                    + layout.hex(lastUsedCounter) + " is not below next counter " + layout.hex(nextCounter));
        }
        long allowedMask = layout.end() - 1;
        if ((Integer.toUnsignedLong(presentMask) & ~allowedMask) != 0) {
            throw new DukptException(layout.variant() + " register state marks registers beyond bit "
                    + (layout.counterBits() - 1));
        }
        boolean nextKeyPresent = !exhausted && (presentMask >>> Long.numberOfTrailingZeros(nextCounter) & 1) != 0;
        if (!exhausted && !nextKeyPresent) {
            throw new DukptException(layout.variant() + " register state lacks the key for next counter "
                    + layout.hex(nextCounter));
        }
        if (exhausted && presentMask != 0) {
            throw new DukptException(layout.variant() + " register state is exhausted but still holds keys");
        }
        int expected = Integer.bitCount(presentMask) * keyBytes;
        if (in.remaining() != expected) {
            throw new DukptException(layout.variant() + " register state has " + in.remaining()
                    + " bytes of keys where its " + Integer.bitCount(presentMask) + " registers need " + expected);
        }
        FutureKeyRegisters state = new FutureKeyRegisters(layout, keyBytes, derivation);
        for (int position = 0; position < layout.counterBits(); position++) {
            if ((presentMask >>> position & 1) != 0) {
                state.registers[position] = new byte[keyBytes];
                in.get(state.registers[position]);
            }
        }
        state.nextCounter = nextCounter;
        state.lastUsedCounter = lastUsedCounter;
        return state;
    }

    private void wipeRegisters() {
        for (int position = 0; position < registers.length; position++) {
            Bytes.wipe(registers[position]);
            registers[position] = null;
        }
    }

    private void requireNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException(layout.variant() + " register was destroyed");
        }
    }
}
