package io.kessai.center.journal;

import io.kessai.crypto.hsm.EncryptedPan;
import java.time.LocalDateTime;
import java.util.Objects;

/** What the journal records when an envelope has been opened and its reader and merchant checked. */
public record NewPayment(
        String id,
        int keyScheme,
        String ksn,
        String envelopeSha256,
        Payment.Channel channel,
        String readerSerial,
        String merchantId,
        String terminalId,
        long readerSequence,
        LocalDateTime readerLocalAt,
        long amountMinor,
        String currency,
        String panMasked,
        String panIndex,
        EncryptedPan panEncrypted,
        String entryMode,
        boolean pinPresent) {

    public NewPayment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(panEncrypted, "panEncrypted");
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("amount must be positive, got " + amountMinor);
        }
        if (!panMasked.contains("*")) {
            throw new IllegalArgumentException("the journal takes masked PANs only");
        }
    }
}
