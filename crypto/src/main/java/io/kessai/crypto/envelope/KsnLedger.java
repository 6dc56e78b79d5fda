package io.kessai.crypto.envelope;

/**
 * Remembers which KSNs were already accepted, so that a replayed or twice-delivered envelope is caught
 * (DESIGN.md: a KSN that was already used is refused). The center keeps it in PostgreSQL under a unique
 * constraint; {@link InMemoryKsnLedger} and {@link FileKsnLedger} serve tests and the command line.
 */
public interface KsnLedger {
    /**
     * Records the KSN and returns true if it was never recorded before; false if it was (a replay).
     * Atomic: of two concurrent calls with the same KSN exactly one returns true.
     */
    boolean firstUse(KeyScheme scheme, byte[] ksn) throws EnvelopeException;

    /** Refuses a KSN that was used before, with the reason the center reports. */
    default void requireFirstUse(KeyScheme scheme, byte[] ksn) throws EnvelopeException {
        if (!firstUse(scheme, ksn)) {
            throw new EnvelopeException(EnvelopeException.Reason.REPLAYED_KSN,
                    "KSN " + io.kessai.card.Hex.encode(ksn) + " was already used: replayed or duplicate envelope");
        }
    }
}
