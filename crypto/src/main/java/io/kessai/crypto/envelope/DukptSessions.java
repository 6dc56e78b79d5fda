package io.kessai.crypto.envelope;

import io.kessai.card.Bytes;
import io.kessai.crypto.dukpt.AesDukpt;
import io.kessai.crypto.dukpt.AesDukptTransaction;
import io.kessai.crypto.dukpt.AesKsn;
import io.kessai.crypto.dukpt.DukptException;
import io.kessai.crypto.dukpt.DukptKeyPurpose;
import io.kessai.crypto.dukpt.TdesDukpt;
import io.kessai.crypto.dukpt.TdesDukptTransaction;
import io.kessai.crypto.dukpt.TdesKsn;

/** The two ways to hold the keys of one DUKPT transaction: the reader's register, or the host's BDK. */
public final class DukptSessions {
    private DukptSessions() {}

    /** Reader side, AES: keys from the register's current transaction. */
    public static DukptSession of(AesDukptTransaction transaction, KeyScheme scheme) {
        if (!scheme.isAes()) {
            throw new IllegalArgumentException("an AES DUKPT transaction cannot serve " + scheme);
        }
        return new DukptSession() {
            @Override public KeyScheme scheme() { return scheme; }
            @Override public byte[] ksn() { return transaction.ksn().toBytes(); }
            @Override public byte[] key(DukptKeyPurpose purpose) { return transaction.key(purpose); }
            @Override public void close() { transaction.close(); }
        };
    }

    /** Reader side, TDES: keys from the register's current transaction. */
    public static DukptSession of(TdesDukptTransaction transaction) {
        return new DukptSession() {
            @Override public KeyScheme scheme() { return KeyScheme.TDES_DUKPT; }
            @Override public byte[] ksn() { return transaction.ksn().toBytes(); }
            @Override public byte[] key(DukptKeyPurpose purpose) { return transaction.key(purpose); }
            @Override public void close() { transaction.close(); }
        };
    }

    /**
     * Host side: derives the transaction key once from the BDK (or a cached initial key), then each working
     * key from it. The caller keeps ownership of {@code initialKey} and wipes it; the session wipes its own
     * transaction key on close.
     */
    public static DukptSession fromInitialKey(KeyScheme scheme, byte[] initialKey, byte[] ksn) throws DukptException {
        return scheme.isAes() ? new HostAes(scheme, initialKey, AesKsn.parse(ksn)) : new HostTdes(initialKey, TdesKsn.parse(ksn));
    }

    /**
     * Host side, AES, with the transaction key already derived (e.g. by an {@code AesDerivationMemo}):
     * the session takes ownership of {@code transactionKey} and wipes it on close.
     */
    public static DukptSession fromAesTransactionKey(KeyScheme scheme, byte[] transactionKey, AesKsn ksn) {
        if (!scheme.isAes()) {
            throw new IllegalArgumentException("an AES transaction key cannot serve " + scheme);
        }
        return new HostAes(scheme, ksn, transactionKey);
    }

    private static final class HostAes implements DukptSession {
        private final KeyScheme scheme;
        private final AesKsn ksn;
        private final byte[] transactionKey;

        HostAes(KeyScheme scheme, byte[] initialKey, AesKsn ksn) {
            this(scheme, ksn, AesDukpt.transactionKey(initialKey, ksn));
        }

        private HostAes(KeyScheme scheme, AesKsn ksn, byte[] ownedTransactionKey) {
            this.scheme = scheme;
            this.ksn = ksn;
            this.transactionKey = ownedTransactionKey;
        }

        @Override public KeyScheme scheme() { return scheme; }
        @Override public byte[] ksn() { return ksn.toBytes(); }
        @Override public byte[] key(DukptKeyPurpose purpose) { return AesDukpt.workingKey(transactionKey, ksn, purpose); }
        @Override public void close() { Bytes.wipe(transactionKey); }
    }

    private static final class HostTdes implements DukptSession {
        private final TdesKsn ksn;
        private final byte[] transactionKey;

        HostTdes(byte[] ipek, TdesKsn ksn) {
            this.ksn = ksn;
            this.transactionKey = TdesDukpt.transactionKey(ipek, ksn);
        }

        @Override public KeyScheme scheme() { return KeyScheme.TDES_DUKPT; }
        @Override public byte[] ksn() { return ksn.toBytes(); }
        @Override public byte[] key(DukptKeyPurpose purpose) { return TdesDukpt.variant(transactionKey, purpose); }
        @Override public void close() { Bytes.wipe(transactionKey); }
    }
}
