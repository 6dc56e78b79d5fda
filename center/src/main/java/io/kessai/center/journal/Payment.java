package io.kessai.center.journal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * One row of the journal as the flow reads it. The PAN appears only masked and as its keyed index;
 * the encrypted PAN is read separately ({@link JournalStore#encryptedPan}) by the one caller that needs
 * it, the issuer link.
 */
public record Payment(
        String id,
        int keyScheme,
        String ksn,
        String envelopeSha256,
        Channel channel,
        String readerSerial,
        String merchantId,
        String terminalId,
        long readerSequence,
        LocalDateTime readerLocalAt,
        PaymentState state,
        long amountMinor,
        String currency,
        String panMasked,
        String entryMode,
        boolean pinPresent,
        Optional<String> issuerId,
        Optional<Integer> stan,
        Optional<Instant> transmittedAt,
        Optional<String> rrn,
        Optional<String> responseCode,
        Optional<String> approvalCode,
        Optional<String> outcome,
        Optional<String> reason,
        Optional<byte[]> sealedResult,
        Optional<String> additionalItemsJson,
        Instant createdAt,
        Instant updatedAt) {

    public enum Channel {
        HTTPS,
        EMAIL,
        /** A wallet payment (seed 001): no reader, no envelope; the card comes from the vault. */
        WALLET
    }
}
