package io.kessai.crypto.envelope;

import io.kessai.crypto.dukpt.DukptKeyPurpose;

/**
 * The working keys of one DUKPT transaction (one KSN). The reader gets them from its key register, the
 * HSM from the BDK; the envelope code does not care which. Every returned key is a fresh copy that the
 * caller wipes; {@link #close()} wipes whatever the session itself holds.
 */
public interface DukptSession extends AutoCloseable {
    KeyScheme scheme();

    byte[] ksn();

    byte[] key(DukptKeyPurpose purpose);

    @Override
    void close();
}
