package io.kessai.crypto.dukpt;

import io.kessai.card.Bytes;

/**
 * One reader-side AES DUKPT transaction: its KSN and the keys for it. Holds the transaction key until
 * {@link #close()}, which wipes it — use try-with-resources. Keys returned are copies the caller wipes.
 */
public final class AesDukptTransaction implements AutoCloseable {
    private final AesKsn ksn;
    private final byte[] transactionKey;
    private boolean closed;

    /** Takes ownership of {@code transactionKey}. */
    AesDukptTransaction(AesKsn ksn, byte[] transactionKey) {
        this.ksn = ksn;
        this.transactionKey = transactionKey;
    }

    /** The KSN to send with this transaction's messages. */
    public AesKsn ksn() {
        return ksn;
    }

    /** Any working key (X9.24-3-2017 §6.3.3), as {@link AesDukpt#workingKey} would derive it on the host. */
    public synchronized byte[] workingKey(AesKeyUsage usage, AesDukptKeyType type) {
        requireOpen();
        return AesDukpt.workingKey(transactionKey, ksn, usage, type);
    }

    /** The key for a purpose, with the same mapping as {@link AesDukpt#hostKey}. */
    public synchronized byte[] key(DukptKeyPurpose purpose) {
        requireOpen();
        return AesDukpt.workingKey(transactionKey, ksn, purpose);
    }

    /** Wipes the transaction key; later key requests throw {@link IllegalStateException}. */
    @Override
    public synchronized void close() {
        Bytes.wipe(transactionKey);
        closed = true;
    }

    @Override
    public synchronized String toString() {
        return "AesDukptTransaction[" + ksn.hex() + (closed ? ", closed]" : "]");
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("transaction " + ksn.hex() + " is closed; its key was wiped");
        }
    }
}
