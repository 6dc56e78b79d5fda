package io.kessai.center.flow;

import io.kessai.card.CardRead;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.iso8583.kessai.JapanPaymentOptions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.Optional;

/**
 * What the issuer link needs to build an 0100 for one payment. Holds the card read (sensitive
 * authentication data) in memory only, for the duration of the authorization; the PIN block is already
 * under the issuer's zone PIN key.
 *
 * @param transmittedAt DE 7 (UTC), together with the STAN and terminal the key that pairs the answer
 * @param readerLocalAt DE 12/13, the reader's clock
 * @param paymentOptions 支払区分 and installments in DE 48 when known before the authorization (the wallet)
 */
public record AuthorizationRequest(
        String paymentId,
        String issuerId,
        int stan,
        Instant transmittedAt,
        String rrn,
        CardRead card,
        long amountMinor,
        Currency currency,
        Optional<EncryptedPinBlock> pinUnderZoneKey,
        String merchantId,
        String terminalId,
        String merchantCategoryCode,
        LocalDateTime readerLocalAt,
        Optional<JapanPaymentOptions> paymentOptions) {

    /** A card-present authorization: the payment method is chosen after the approval (S809). */
    public AuthorizationRequest(String paymentId, String issuerId, int stan, Instant transmittedAt, String rrn, CardRead card,
            long amountMinor, Currency currency, Optional<EncryptedPinBlock> pinUnderZoneKey, String merchantId, String terminalId,
            String merchantCategoryCode, LocalDateTime readerLocalAt) {
        this(paymentId, issuerId, stan, transmittedAt, rrn, card, amountMinor, currency, pinUnderZoneKey, merchantId, terminalId,
                merchantCategoryCode, readerLocalAt, Optional.empty());
    }

    @Override
    public String toString() {
        return "AuthorizationRequest[" + paymentId + ", issuer " + issuerId + ", STAN " + stan + ", " + card.pan().masked()
                + ", " + amountMinor + " " + currency.getCurrencyCode() + "]";
    }
}
