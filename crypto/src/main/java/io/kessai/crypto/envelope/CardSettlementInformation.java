package io.kessai.crypto.envelope;

import io.kessai.card.CardRead;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * The seed's "card settlement information" (JP 2004-078662 ¶0032): what the reader seals. The card
 * read is sensitive authentication data; {@link #destroy()} wipes it once the authorization completes
 * (PCI DSS 3.3.1). {@link #toString()} shows the masked PAN only.
 *
 * @param amountMinor amount in minor units of the currency (JPY has none: 1000 = ¥1,000)
 * @param pinBlock the PIN block as the reader enciphered it under its DUKPT PIN key, if a PIN was taken
 * @param sequenceNumber the reader's own transaction sequence number, printed on its slip
 */
public record CardSettlementInformation(
        CardRead cardRead,
        long amountMinor,
        Currency currency,
        Optional<EncryptedPinBlock> pinBlock,
        String merchantId,
        String terminalId,
        String readerSerial,
        LocalDateTime localDateTime,
        long sequenceNumber)
        implements Destroyable {

    /** ISO 8583 DE 4 is n12: the largest amount a card network can carry. */
    public static final long MAX_AMOUNT_MINOR = 999_999_999_999L;
    public static final int MAX_MERCHANT_ID_CHARS = 15;
    public static final int MAX_TERMINAL_ID_CHARS = 8;
    public static final int MAX_READER_SERIAL_CHARS = 32;
    public static final long MAX_SEQUENCE_NUMBER = 0xFFFF_FFFFL;

    public CardSettlementInformation {
        Objects.requireNonNull(cardRead, "cardRead");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(pinBlock, "pinBlock");
        Objects.requireNonNull(localDateTime, "localDateTime");
        if (amountMinor <= 0 || amountMinor > MAX_AMOUNT_MINOR) {
            throw new IllegalArgumentException("amount must be 1.." + MAX_AMOUNT_MINOR + " minor units, got " + amountMinor);
        }
        requireText("merchant ID", merchantId, MAX_MERCHANT_ID_CHARS);
        requireText("terminal ID", terminalId, MAX_TERMINAL_ID_CHARS);
        requireText("reader serial", readerSerial, MAX_READER_SERIAL_CHARS);
        if (sequenceNumber < 0 || sequenceNumber > MAX_SEQUENCE_NUMBER) {
            throw new IllegalArgumentException("sequence number must be 0.." + MAX_SEQUENCE_NUMBER + ", got " + sequenceNumber);
        }
    }

    /** IDs are printable ASCII (ISO 8583 "ans"): they end up in DE 41/42 and on slips. */
    public static void requireText(String what, String value, int maxChars) {
        if (value == null || value.isEmpty() || value.length() > maxChars) {
            throw new IllegalArgumentException(what + " must be 1.." + maxChars + " characters, got "
                    + (value == null ? "none" : value.length()));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~') {
                throw new IllegalArgumentException(what + " must be printable ASCII; character " + (i + 1) + " is not");
            }
        }
    }

    @Override
    public void destroy() {
        cardRead.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return cardRead.isDestroyed();
    }

    @Override
    public String toString() {
        return "CardSettlementInformation[" + cardRead + ", " + amountMinor + " " + currency.getCurrencyCode()
                + ", PIN " + (pinBlock.isPresent() ? "yes" : "no") + ", merchant " + merchantId + ", terminal "
                + terminalId + ", reader " + readerSerial + ", " + localDateTime + ", seq " + sequenceNumber + "]";
    }
}
