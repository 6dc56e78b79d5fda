package io.kessai.issuer.decision;

import io.kessai.issuer.ledger.PanKey;

/**
 * What an exact re-send of a request has in common with the first one: message class, card, amount,
 * currency, processing code and RRN, mixed into 64 bits. A request that reuses a key with another
 * fingerprint is a duplicate (94); with the same one, it is a re-send and gets the first answer. The
 * PIN block is left out: a re-sent ISO 9564 format 3 or 4 block has new random fill.
 */
final class Fingerprint {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Fingerprint() {}

    static long of(char messageClass, PanKey card, long amountMinor, String currency, String processingCode, String rrn) {
        long hash = mix(messageClass);
        hash = mix(hash ^ card.high());
        hash = mix(hash ^ card.low());
        hash = mix(hash ^ amountMinor);
        hash = mix(hash ^ currency.hashCode());
        hash = mix(hash ^ (processingCode == null ? 0 : processingCode.hashCode()));
        return mix(hash ^ (rrn == null ? 0 : rrn.hashCode()));
    }

    /** SplitMix64's finaliser: every input bit reaches every output bit. */
    private static long mix(long value) {
        long z = value + GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
