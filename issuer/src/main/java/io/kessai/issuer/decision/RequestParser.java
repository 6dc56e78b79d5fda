package io.kessai.issuer.decision;

import io.kessai.card.Bytes;
import io.kessai.card.CardDataException;
import io.kessai.card.ExpiryDate;
import io.kessai.card.Pan;
import io.kessai.card.Track2;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.crypto.pin.PinBlockFormat;
import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.OriginalDataElements;
import io.kessai.iso8583.kessai.SecurityControl;
import io.kessai.issuer.keys.PanIndex;
import io.kessai.issuer.ledger.PanKey;
import io.kessai.issuer.ledger.RrnKey;
import io.kessai.issuer.ledger.Terminal;
import io.kessai.issuer.ledger.TxnKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the decision needs out of a request, without touching the ledger, so it runs outside
 * the decision lock. Anything missing or unreadable is a {@link FormatError} (DE 39 = 30).
 */
final class RequestParser {
    private static final int MIN_PAN_DIGITS = 12;
    private static final int SHOWN_LEADING = 6;
    private static final int SHOWN_TRAILING = 4;

    private final PanIndex panIndex;

    RequestParser(PanIndex panIndex) {
        this.panIndex = panIndex;
    }

    /** A 0100 / 0200: DE 2 or 35, DE 4, 7, 11, 49 required; DE 14, 35, 52/110 + 53 checked when present. */
    CardRequest card(IsoMessage message, boolean financial) throws FormatError {
        require(message, DataElement.AMOUNT_TRANSACTION, "amount");
        require(message, DataElement.TRANSMISSION_DATE_TIME, "transmission date and time");
        require(message, DataElement.STAN, "STAN");
        require(message, DataElement.CURRENCY_CODE_TRANSACTION, "currency");
        List<ExpiryDate> expiries = new ArrayList<>(2);
        String panDigits = panDigits(message, expiries);
        if (message.hasField(DataElement.EXPIRATION_DATE)) {
            try {
                expiries.add(ExpiryDate.parseYymm(message.get(DataElement.EXPIRATION_DATE)));
            } catch (CardDataException e) {
                throw new FormatError("DE 14: not an expiry date YYMM");
            }
        }
        Pan pan;
        try {
            pan = Pan.of(panDigits);
        } catch (CardDataException e) {
            pan = null; // not a card number: answered 14, not 30, since the format is right
        }
        PanKey panKey = panIndex.keyOfDigits(panDigits);
        TxnKey key = keyOf(message);
        long terminal = key.terminal();
        String rrn = optional(message, DataElement.RETRIEVAL_REFERENCE_NUMBER);
        long amount = message.amountMinor();
        String currency = message.get(DataElement.CURRENCY_CODE_TRANSACTION);
        String processingCode = optional(message, DataElement.PROCESSING_CODE);
        EncryptedPinBlock pinBlock = pinBlock(message);
        long fingerprint = Fingerprint.of(financial ? '2' : '1', panKey, amount, currency, processingCode, rrn);
        RrnKey rrnKey = RrnKey.of(terminal, rrn);
        return new CardRequest(message, financial, key, rrnKey, rrnKey == null ? null : rrn.strip(), pan, panKey, panDigits,
                expiries, amount, currency, processingCode, pinBlock, fingerprint);
    }

    /** A 0220 / 0400 / 0420: DE 11, and DE 90 or DE 37 to find the original; DE 4 required for a 0220. */
    FollowUpRequest followUp(IsoMessage message, boolean completion) throws FormatError {
        require(message, DataElement.STAN, "STAN");
        if (completion) {
            require(message, DataElement.AMOUNT_TRANSACTION, "amount");
        }
        long terminal = terminal(message);
        TxnKey originalKey = null;
        if (message.hasField(DataElement.ORIGINAL_DATA_ELEMENTS)) {
            try {
                OriginalDataElements original = OriginalDataElements.parse(message.get(DataElement.ORIGINAL_DATA_ELEMENTS));
                originalKey = new TxnKey(TxnKey.acquirerOf(original.acquiringInstitutionId()), terminal, original.stan(),
                        TxnKey.transmissionOf(original.transmissionDateTime()));
            } catch (IsoFormatException e) {
                throw new FormatError(e.getMessage());
            }
        }
        RrnKey rrnKey = RrnKey.of(terminal, optional(message, DataElement.RETRIEVAL_REFERENCE_NUMBER));
        if (originalKey == null && rrnKey == null) {
            throw new FormatError("neither DE 90 nor DE 37 names the original transaction");
        }
        long amount = message.hasField(DataElement.AMOUNT_TRANSACTION) ? message.amountMinor() : FollowUpRequest.NO_AMOUNT;
        return new FollowUpRequest(message, completion, originalKey, rrnKey, terminal, message.stan(), amount,
                optional(message, DataElement.CURRENCY_CODE_TRANSACTION));
    }

    /** DE 2, or the PAN of DE 35; when both are there they must agree. Adds the track's expiry. */
    private static String panDigits(IsoMessage message, List<ExpiryDate> expiries) throws FormatError {
        String de2 = optional(message, DataElement.PAN);
        if (!message.hasField(DataElement.TRACK_2)) {
            if (de2 == null) {
                throw new FormatError("neither DE 2 nor DE 35 carries the card number");
            }
            return de2;
        }
        Track2 track;
        try {
            track = Track2.parse(message.get(DataElement.TRACK_2));
        } catch (CardDataException e) {
            throw new FormatError("DE 35 is not a track 2"); // the parser's text may quote the track's fields
        }
        try {
            String trackPan = track.pan().digits();
            expiries.add(track.expiry());
            if (de2 != null && !de2.equals(trackPan)) {
                throw new FormatError("DE 2 and the PAN of DE 35 differ");
            }
            return trackPan;
        } finally {
            track.destroy();
        }
    }

    /** The PIN block under the zone PIN key, as DE 53 describes it, or null when the request has none. */
    private static EncryptedPinBlock pinBlock(IsoMessage message) throws FormatError {
        if (!message.hasField(DataElement.PIN_DATA) && !message.hasField(DataElement.PIN_DATA_AES)) {
            return null;
        }
        byte[] block = null;
        try {
            SecurityControl control = SecurityControl.from(message);
            block = control.pinBlockFrom(message);
            return new EncryptedPinBlock(PinBlockFormat.valueOf(control.pinBlockFormat().name()), block);
        } catch (IsoFormatException e) {
            throw new FormatError(e.getMessage());
        } finally {
            Bytes.wipe(block);
        }
    }

    /** The request's own key; the codec has checked the digits, so only a bug could make it throw. */
    static TxnKey keyOf(IsoMessage message) {
        return new TxnKey(
                TxnKey.acquirerOf(optional(message, DataElement.ACQUIRING_INSTITUTION_ID)),
                terminal(message),
                message.stan(),
                TxnKey.transmissionOf(message.get(DataElement.TRANSMISSION_DATE_TIME)));
    }

    private static long terminal(IsoMessage message) {
        return Terminal.pack(optional(message, DataElement.TERMINAL_ID));
    }

    private static void require(IsoMessage message, int field, String name) throws FormatError {
        if (!message.hasField(field)) {
            throw new FormatError("DE " + field + " (" + name + ") is missing");
        }
    }

    private static String optional(IsoMessage message, int field) {
        return message.hasField(field) ? message.get(field) : null;
    }

    /** First 6 / last 4 for numbers of 12 digits or more, all stars below (6 + 4 would show too much). */
    static String mask(String digits) {
        if (digits.length() < MIN_PAN_DIGITS) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, SHOWN_LEADING) + "*".repeat(digits.length() - SHOWN_LEADING - SHOWN_TRAILING)
                + digits.substring(digits.length() - SHOWN_TRAILING);
    }
}
