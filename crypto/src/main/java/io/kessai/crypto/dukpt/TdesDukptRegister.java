package io.kessai.crypto.dukpt;

import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The reader side of TDES DUKPT (ANSI X9.24-1:2009 Annex A): 21 future key registers with forward
 * secrecy. The IPEK is used once, to fill the registers, and is not kept; each key is erased from the
 * registers when it is handed out, and the next one comes from the registers, never from the IPEK.
 * Counters run from 1 to 0x1FF800, skipping those with more than 10 one-bits.
 *
 * <p>Persist {@link #exportState()} after every {@link #next()} and before using the transaction's keys,
 * so a crash can never hand out the same counter twice. Thread-safe.
 */
public final class TdesDukptRegister {
    private final byte[] initialKsn;
    private final FutureKeyRegisters registers;

    private TdesDukptRegister(byte[] initialKsn, FutureKeyRegisters registers) {
        this.initialKsn = initialKsn;
        this.registers = registers;
    }

    /**
     * Loads a freshly injected IPEK; the first {@link #next()} is counter 1. Both arrays are copied (the
     * caller wipes its own IPEK right after).
     *
     * @param initialKsn the 10-byte initial KSN, counter bits 0 (e.g. {@code FFFF9876543210E00000})
     * @throws IllegalArgumentException if the IPEK is not 16 bytes, the KSN not 10 bytes, or its counter
     *     bits are not 0
     */
    public static TdesDukptRegister load(byte[] ipek, byte[] initialKsn) {
        Objects.requireNonNull(initialKsn, "initialKsn");
        if (initialKsn.length == TdesKsn.BYTES && TdesKsn.counterOf(initialKsn) != 0) {
            throw new IllegalArgumentException("an initial KSN has counter bits 0; this one has "
                    + TdesKsn.LAYOUT.hex(TdesKsn.counterOf(initialKsn)));
        }
        try {
            return startingAt(ipek, initialKsn, 1);
        } catch (DukptException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * A register positioned so that the first {@link #next()} returns exactly {@code counter}, as if
     * every earlier counter had been used. For tests (reaching the end of the counter space) and for
     * provisioning a replacement reader that must continue a known sequence; it needs the IPEK, which a
     * reader in service no longer has. At most 21 derivations.
     *
     * @param ksn any 10-byte KSN of the device; its counter bits are ignored
     * @throws DukptException if the KSN is not 10 bytes or {@code counter} is not a valid TDES counter
     */
    public static TdesDukptRegister startingAt(byte[] ipek, byte[] ksn, long counter) throws DukptException {
        Objects.requireNonNull(ipek, "ipek");
        if (ipek.length != TdesDukpt.KEY_BYTES) {
            throw new IllegalArgumentException("TDES DUKPT IPEK must be " + TdesDukpt.KEY_BYTES + " bytes, got "
                    + ipek.length);
        }
        byte[] initialKsn = TdesKsn.of(ksn, counter).initialKsn();
        return new TdesDukptRegister(initialKsn,
                FutureKeyRegisters.startingAt(TdesKsn.LAYOUT, ipek, counter, childDerivation(initialKsn)));
    }

    /**
     * Moves to the next usable counter and returns its transaction; the caller closes it.
     *
     * @throws DukptException if no usable counter is left; every later call throws too
     * @throws IllegalStateException after {@link #destroy()}
     */
    public synchronized TdesDukptTransaction next() throws DukptException {
        FutureKeyRegisters.UsedKey used = registers.next();
        try {
            return new TdesDukptTransaction(TdesKsn.of(initialKsn, used.counter()), used.key());
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
     * The register as bytes, to persist between runs: header, initial KSN, counters and the live
     * registers. It holds key material: encrypt it at rest and wipe the array after writing.
     */
    public synchronized byte[] exportState() {
        ByteBuffer out = RegisterStateFormat.begin(RegisterStateFormat.VARIANT_TDES,
                TdesKsn.BYTES + registers.stateBytes());
        out.put(initialKsn);
        registers.writeTo(out);
        return out.array();
    }

    /**
     * Restores a register from {@link #exportState()}; the caller wipes {@code state} afterwards.
     *
     * @throws DukptException if the bytes are not a consistent TDES register state of a supported version
     */
    public static TdesDukptRegister importState(byte[] state) throws DukptException {
        ByteBuffer in = RegisterStateFormat.open(state, RegisterStateFormat.VARIANT_TDES, TdesKsn.LAYOUT.variant());
        if (in.remaining() < TdesKsn.BYTES) {
            throw new DukptException("TDES DUKPT register state is truncated before its initial KSN");
        }
        byte[] initialKsn = new byte[TdesKsn.BYTES];
        in.get(initialKsn);
        if (TdesKsn.counterOf(initialKsn) != 0) {
            throw new DukptException("TDES DUKPT register state has an initial KSN with counter bits set");
        }
        FutureKeyRegisters registers = FutureKeyRegisters.readFrom(
                in, TdesKsn.LAYOUT, TdesDukpt.KEY_BYTES, childDerivation(initialKsn));
        return new TdesDukptRegister(initialKsn, registers);
    }

    /** Wipes every register; the object is unusable afterwards. */
    public synchronized void destroy() {
        registers.destroy();
    }

    @Override
    public synchronized String toString() {
        return "TdesDukptRegister[initialKsn=" + Hex.encode(initialKsn) + ", counter="
                + TdesKsn.LAYOUT.hex(registers.lastUsedCounter())
                + (registers.destroyed() ? ", destroyed" : registers.exhausted() ? ", exhausted" : "") + "]";
    }

    /** key(c) from key(c without its lowest bit): the non-reversible process with c in the KSN register. */
    private static FutureKeyRegisters.ChildDerivation childDerivation(byte[] initialKsn) {
        long registerBase = TdesKsn.registerBase(initialKsn);
        return (parentKey, childCounter) -> TdesDukpt.nonReversibleKey(parentKey, registerBase | childCounter);
    }
}
