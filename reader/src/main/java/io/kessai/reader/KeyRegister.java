package io.kessai.reader;

import io.kessai.crypto.dukpt.AesDukptRegister;
import io.kessai.crypto.dukpt.DukptException;
import io.kessai.crypto.dukpt.TdesDukptRegister;
import io.kessai.crypto.envelope.DukptSession;
import io.kessai.crypto.envelope.DukptSessions;
import io.kessai.crypto.envelope.KeyScheme;

/**
 * The reader's DUKPT key register, AES or TDES behind one face: each {@link #next()} is a new KSN
 * whose keys are derived from the future-key registers, never from the (erased) initial key.
 */
sealed interface KeyRegister {
    KeyScheme scheme();

    DukptSession next() throws DukptException;

    boolean exhausted();

    byte[] exportState();

    void destroy();

    static KeyRegister importState(KeyScheme scheme, byte[] state) throws DukptException {
        return scheme.isAes() ? new Aes(scheme, AesDukptRegister.importState(state)) : new Tdes(TdesDukptRegister.importState(state));
    }

    static KeyRegister load(KeyScheme scheme, byte[] initialKey, byte[] initialKeyId) throws DukptException {
        return scheme.isAes()
                ? new Aes(scheme, AesDukptRegister.load(initialKey, initialKeyId))
                : new Tdes(TdesDukptRegister.load(initialKey, initialKeyId));
    }

    record Aes(KeyScheme scheme, AesDukptRegister register) implements KeyRegister {
        @Override public DukptSession next() throws DukptException { return DukptSessions.of(register.next(), scheme); }
        @Override public boolean exhausted() { return register.exhausted(); }
        @Override public byte[] exportState() { return register.exportState(); }
        @Override public void destroy() { register.destroy(); }
    }

    record Tdes(TdesDukptRegister register) implements KeyRegister {
        @Override public KeyScheme scheme() { return KeyScheme.TDES_DUKPT; }
        @Override public DukptSession next() throws DukptException { return DukptSessions.of(register.next()); }
        @Override public boolean exhausted() { return register.exhausted(); }
        @Override public byte[] exportState() { return register.exportState(); }
        @Override public void destroy() { register.destroy(); }
    }
}
