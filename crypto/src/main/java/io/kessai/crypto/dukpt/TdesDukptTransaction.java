package io.kessai.crypto.dukpt;

import io.kessai.card.Bytes;

/**
 * One reader-side TDES DUKPT transaction: its KSN and the keys for it. Holds the transaction key until
 * {@link #close()}, which wipes it — use try-with-resources. Keys returned are copies the caller wipes.
 */
public final class TdesDukptTransaction implements AutoCloseable {
    private final TdesKsn ksn;
    private final byte[] transactionKey;
    private boolean closed;

    /** Takes ownership of {@code transactionKey}. */
    TdesDukptTransaction(TdesKsn ksn, byte[] transactionKey) {
        this.ksn = ksn;
        this.transactionKey = transactionKey;
    }

    /** The KSN to send with this transaction's messages. */
    public TdesKsn ksn() {
        return ksn;
    }

    /** The key for a purpose, as {@link TdesDukpt#variant} derives it on the host. */
    public synchronized byte[] key(DukptKeyPurpose purpose) {
        if (closed) {
            throw new IllegalStateException("transaction " + ksn.hex() + " is closed; its key was wiped");
        }
        return TdesDukpt.variant(transactionKey, purpose);
    }

    /** Wipes the transaction key; later key requests throw {@link IllegalStateException}. */
    @Override
    public synchronized void close() {
        Bytes.wipe(transactionKey);
        closed = true;
    }

    @Override
    public synchronized String toString() {
        return "TdesDukptTransaction[" + ksn.hex() + (closed ? ", closed]" : "]");
    }
}
