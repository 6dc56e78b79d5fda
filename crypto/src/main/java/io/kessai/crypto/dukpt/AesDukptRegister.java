package io.kessai.crypto.dukpt;

import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The reader side of AES DUKPT (ANSI X9.24-3-2017 §6.1): intermediate derivation key registers that
 * give each transaction a fresh key with forward secrecy. The initial key is used once, to fill the
 * registers, and is not kept; each key is erased from the registers when it is handed out, and the next
 * one comes from the registers, never from the initial key — so a reader captured today cannot
 * re-create the keys of earlier transactions.
 *
 * <p>Persist {@link #exportState()} after every {@link #next()} and before using the transaction's keys,
 * so a crash can never hand out the same counter twice. Thread-safe.
 */
public final class AesDukptRegister {
    private static final int KEY_LENGTH_FIELD_BYTES = 1;

    private final byte[] initialKeyId;
    private final FutureKeyRegisters registers;

    private AesDukptRegister(byte[] initialKeyId, FutureKeyRegisters registers) {
        this.initialKeyId = initialKeyId;
        this.registers = registers;
    }

    /**
     * Loads a freshly injected initial key; the first {@link #next()} is counter 1. Both arrays are
     * copied (the caller wipes its own initial key right after).
     *
     * @throws IllegalArgumentException if the key is not 16, 24 or 32 bytes or the ID not 8 bytes
     */
    public static AesDukptRegister load(byte[] initialKey, byte[] initialKeyId8) {
        try {
            return startingAt(initialKey, initialKeyId8, 1);
        } catch (DukptException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * A register positioned so that the first {@link #next()} returns exactly {@code counter}, as if
     * every earlier counter had been used. For tests (reaching the end of the counter space) and for
     * provisioning a replacement reader that must continue a known sequence; it needs the initial key,
     * which a reader in service no longer has. At most 32 derivations.
     *
     * @throws DukptException if the ID is not 8 bytes or {@code counter} is not a valid AES counter
     */
    public static AesDukptRegister startingAt(byte[] initialKey, byte[] initialKeyId8, long counter)
            throws DukptException {
        AesDukptKeyType type = AesDukptKeyType.forBdkLength(Objects.requireNonNull(initialKey, "initialKey").length);
        AesKsn first = AesKsn.of(initialKeyId8, counter);
        byte[] initialKeyId = first.initialKeyId();
        return new AesDukptRegister(initialKeyId,
                FutureKeyRegisters.startingAt(AesKsn.LAYOUT, initialKey, counter, childDerivation(initialKeyId, type)));
    }

    /**
     * Moves to the next usable counter and returns its transaction; the caller closes it.
     *
     * @throws DukptException if no usable counter is left; every later call throws too
     * @throws IllegalStateException after {@link #destroy()}
     */
    public synchronized AesDukptTransaction next() throws DukptException {
        FutureKeyRegisters.UsedKey used = registers.next();
        try {
            return new AesDukptTransaction(AesKsn.of(initialKeyId, used.counter()), used.key());
        } catch (DukptException | RuntimeException e) {
            Bytes.wipe(used.key());
            throw e;
        }
    }

    /** The counter of the last transaction handed out; 0 before the first. */
    public synchronized long counter() {
        return registers.lastUsedCounter();
    }

    /** Whether every usable counter has been handed out. */
    public synchronized boolean exhausted() {
        return registers.exhausted();
    }

    /**
     * The register as bytes, to persist between runs: header, key length, Initial Key ID, counters and
     * the live registers. It holds key material: encrypt it at rest and wipe the array after writing.
     */
    public synchronized byte[] exportState() {
        int keyBytes = registers.keyBytes();
        ByteBuffer out = RegisterStateFormat.begin(RegisterStateFormat.VARIANT_AES,
                KEY_LENGTH_FIELD_BYTES + AesKsn.INITIAL_KEY_ID_BYTES + registers.stateBytes());
        out.put((byte) keyBytes).put(initialKeyId);
        registers.writeTo(out);
        return out.array();
    }

    /**
     * Restores a register from {@link #exportState()}; the caller wipes {@code state} afterwards.
     *
     * @throws DukptException if the bytes are not a consistent AES register state of a supported version
     */
    public static AesDukptRegister importState(byte[] state) throws DukptException {
        ByteBuffer in = RegisterStateFormat.open(state, RegisterStateFormat.VARIANT_AES, AesKsn.LAYOUT.variant());
        if (in.remaining() < KEY_LENGTH_FIELD_BYTES + AesKsn.INITIAL_KEY_ID_BYTES) {
            throw new DukptException("AES DUKPT register state is truncated before its Initial Key ID");
        }
        int keyBytes = in.get();
        AesDukptKeyType type;
        try {
            type = AesDukptKeyType.forBdkLength(keyBytes);
        } catch (IllegalArgumentException e) {
            throw new DukptException("AES DUKPT register state declares " + keyBytes
                    + "-byte keys; only 16, 24 or 32 exist");
        }
        byte[] initialKeyId = new byte[AesKsn.INITIAL_KEY_ID_BYTES];
        in.get(initialKeyId);
        FutureKeyRegisters registers = FutureKeyRegisters.readFrom(
                in, AesKsn.LAYOUT, keyBytes, childDerivation(initialKeyId, type));
        return new AesDukptRegister(initialKeyId, registers);
    }

    /** Wipes every register; the object is unusable afterwards. */
    public synchronized void destroy() {
        registers.destroy();
    }

    @Override
    public synchronized String toString() {
        return "AesDukptRegister[initialKeyId=" + Hex.encode(initialKeyId) + ", counter="
                + AesKsn.LAYOUT.hex(registers.lastUsedCounter())
                + (registers.destroyed() ? ", destroyed" : registers.exhausted() ? ", exhausted" : "") + "]";
    }

    /** key(c) from key(c without its lowest bit): usage 0x8000, the derivation key's own type (§6.4). */
    private static FutureKeyRegisters.ChildDerivation childDerivation(byte[] initialKeyId, AesDukptKeyType type) {
        long derivationIdPart = AesKsn.derivationKsnData(initialKeyId, 0);
        return (parentKey, childCounter) ->
                AesDukpt.deriveKey(parentKey, AesKeyUsage.KEY_DERIVATION, type, derivationIdPart | childCounter);
    }
}
