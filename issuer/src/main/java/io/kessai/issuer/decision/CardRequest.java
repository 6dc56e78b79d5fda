package io.kessai.issuer.decision;

import io.kessai.card.ExpiryDate;
import io.kessai.card.Pan;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.iso8583.IsoMessage;
import io.kessai.issuer.ledger.PanKey;
import io.kessai.issuer.ledger.RrnKey;
import io.kessai.issuer.ledger.TxnKey;
import java.util.List;

/**
 * A 0100 or 0200 read and checked for format, before the decision. Holds the PAN (for the HSM's PIN
 * check) and the encrypted PIN block only as long as the request is being decided.
 *
 * @param rrn DE 37 without padding, or null
 * @param pan the card, or null when the number fails the Luhn check (answered 14)
 * @param panDigits the number as received (kept only while deciding; see {@link #maskedPan()})
 * @param cardExpiries expiry dates the request carries (DE 14, track 2); each must be the account's
 * @param processingCode DE 3, or null
 * @param pinBlock the PIN block under the zone PIN key, or null
 */
record CardRequest(
        IsoMessage message, boolean financial, TxnKey key, RrnKey rrnKey, String rrn, Pan pan, PanKey panKey, String panDigits,
        List<ExpiryDate> cardExpiries, long amountMinor, String currency, String processingCode,
        EncryptedPinBlock pinBlock, long fingerprint) {

    /** First 6 / last 4; made only when needed (a known card's account has its own). */
    String maskedPan() {
        return RequestParser.mask(panDigits);
    }

    @Override
    public String toString() {
        return "CardRequest[" + message.mti() + ", " + key + "]";
    }
}
