package io.kessai.center.journal;

import java.time.Instant;

/** One store-and-forward message to an issuer: a reversal (0400) or a completion advice (0220). */
public record Advice(
        long id,
        String paymentId,
        Kind kind,
        String issuerId,
        long amountMinor,
        int stan,
        Instant transmittedAt,
        int attempts) {

    public enum Kind {
        REVERSAL,
        COMPLETION
    }
}
