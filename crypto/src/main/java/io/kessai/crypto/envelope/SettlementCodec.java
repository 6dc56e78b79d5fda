package io.kessai.crypto.envelope;

import io.kessai.card.Bytes;
import io.kessai.card.CardDataException;
import io.kessai.card.CardRead;
import io.kessai.card.ChipRead;
import io.kessai.card.ExpiryDate;
import io.kessai.card.ManualEntry;
import io.kessai.card.Pan;
import io.kessai.card.Track1;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.card.tlv.TlvTag;
import io.kessai.crypto.pin.PinBlockFormat;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Optional;

/**
 * The plaintext of an envelope: a {@link CardSettlementInformation} as flat BER-TLV
 * (docs/protocol/envelope.md §Payload). Exactly one of the card-read groups is present.
 */
public final class SettlementCodec {
    static final TlvTag TRACK2 = TlvTag.of("DF11");
    static final TlvTag TRACK1 = TlvTag.of("DF12");
    static final TlvTag ICC_DATA = TlvTag.of("DF13");
    static final TlvTag MANUAL_PAN = TlvTag.of("DF14");
    static final TlvTag MANUAL_EXPIRY = TlvTag.of("DF15");
    static final TlvTag MANUAL_CVC = TlvTag.of("DF16");
    static final TlvTag AMOUNT_MINOR = TlvTag.of("DF20");
    static final TlvTag CURRENCY = TlvTag.of("DF21");
    static final TlvTag PIN_BLOCK = TlvTag.of("DF22");
    static final TlvTag PIN_BLOCK_FORMAT = TlvTag.of("DF23");
    static final TlvTag MERCHANT_ID = TlvTag.of("DF30");
    static final TlvTag TERMINAL_ID = TlvTag.of("DF31");
    static final TlvTag READER_SERIAL = TlvTag.of("DF32");
    static final TlvTag LOCAL_DATE_TIME = TlvTag.of("DF33");
    static final TlvTag SEQUENCE_NUMBER = TlvTag.of("DF34");

    private static final int AMOUNT_BYTES = 8;
    private static final int SEQUENCE_BYTES = 4;
    private static final int PIN_FORMAT_BYTES = 1;
    private static final DateTimeFormatter LOCAL_DATE_TIME_FORMAT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final int LOCAL_DATE_TIME_CHARS = 14;

    private SettlementCodec() {}

    /** Encodes for sealing. The returned array holds card data: the caller wipes it after sealing. */
    public static byte[] encode(CardSettlementInformation info) {
        TlvFields.Writer writer = new TlvFields.Writer();
        switch (info.cardRead()) {
            case TrackRead track -> {
                writer.text(TRACK2, track.track2().format(false));
                track.track1().ifPresent(t1 -> writer.text(TRACK1, t1.format(false)));
            }
            case ChipRead chip -> writer.bytes(ICC_DATA, chip.iccDataEncoded());
            case ManualEntry manual -> {
                writer.text(MANUAL_PAN, manual.pan().digits()).text(MANUAL_EXPIRY, manual.expiry().yymm());
                manual.cardVerificationCode().ifPresent(cvc -> writer.text(MANUAL_CVC, new String(cvc)));
            }
        }
        writer.unsigned(AMOUNT_MINOR, info.amountMinor(), AMOUNT_BYTES).text(CURRENCY, info.currency().getCurrencyCode());
        info.pinBlock().ifPresent(pin -> writer.bytes(PIN_BLOCK, pin.block())
                .unsigned(PIN_BLOCK_FORMAT, pin.format().number(), PIN_FORMAT_BYTES));
        return writer.text(MERCHANT_ID, info.merchantId())
                .text(TERMINAL_ID, info.terminalId())
                .text(READER_SERIAL, info.readerSerial())
                .text(LOCAL_DATE_TIME, LOCAL_DATE_TIME_FORMAT.format(info.localDateTime()))
                .unsigned(SEQUENCE_NUMBER, info.sequenceNumber(), SEQUENCE_BYTES)
                .encode();
    }

    public static CardSettlementInformation decode(byte[] plaintext) throws EnvelopeException {
        TlvFields fields = TlvFields.decode("envelope content", plaintext);
        CardRead card = cardRead(fields);
        try {
            return new CardSettlementInformation(
                    card,
                    fields.requiredUnsigned(AMOUNT_MINOR, "amount", AMOUNT_BYTES),
                    currency(fields),
                    pinBlock(fields),
                    fields.requiredText(MERCHANT_ID, "merchant ID"),
                    fields.requiredText(TERMINAL_ID, "terminal ID"),
                    fields.requiredText(READER_SERIAL, "reader serial"),
                    localDateTime(fields),
                    fields.requiredUnsigned(SEQUENCE_NUMBER, "sequence number", SEQUENCE_BYTES));
        } catch (IllegalArgumentException | EnvelopeException e) {
            card.destroy();
            throw e instanceof EnvelopeException envelopeException ? envelopeException : fields.bad(e.getMessage());
        }
    }

    private static CardRead cardRead(TlvFields fields) throws EnvelopeException {
        Optional<byte[]> track2 = fields.optional(TRACK2);
        Optional<byte[]> icc = fields.optional(ICC_DATA);
        Optional<byte[]> manualPan = fields.optional(MANUAL_PAN);
        int groups = (track2.isPresent() ? 1 : 0) + (icc.isPresent() ? 1 : 0) + (manualPan.isPresent() ? 1 : 0);
        if (groups != 1) {
            throw fields.bad("needs exactly one card read (track DF11, chip DF13 or manual DF14), found " + groups);
        }
        try {
            if (track2.isPresent()) {
                Optional<Track1> track1 = fields.optional(TRACK1).isPresent()
                        ? Optional.of(Track1.parse(fields.requiredText(TRACK1, "track 1")))
                        : Optional.empty();
                return TrackRead.of(Track2.parse(fields.requiredText(TRACK2, "track 2")), track1);
            }
            if (icc.isPresent()) {
                return ChipRead.decode(icc.get());
            }
            Pan pan = Pan.of(fields.requiredText(MANUAL_PAN, "PAN"));
            ExpiryDate expiry = ExpiryDate.parseYymm(fields.requiredText(MANUAL_EXPIRY, "expiry"));
            Optional<byte[]> cvc = fields.optional(MANUAL_CVC);
            if (cvc.isEmpty()) {
                return ManualEntry.of(pan, expiry);
            }
            char[] code = new String(cvc.get(), StandardCharsets.US_ASCII).toCharArray();
            try {
                return ManualEntry.of(pan, expiry, code);
            } finally {
                Bytes.wipe(code);
                Bytes.wipe(cvc.get());
            }
        } catch (CardDataException e) {
            throw fields.bad(e.getMessage());
        }
    }

    private static Currency currency(TlvFields fields) throws EnvelopeException {
        String code = fields.requiredText(CURRENCY, "currency");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw fields.bad("currency '" + code + "' is not an ISO 4217 code");
        }
    }

    private static Optional<EncryptedPinBlock> pinBlock(TlvFields fields) throws EnvelopeException {
        Optional<byte[]> block = fields.optional(PIN_BLOCK);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        int number = (int) fields.requiredUnsigned(PIN_BLOCK_FORMAT, "PIN block format", PIN_FORMAT_BYTES);
        try {
            return Optional.of(new EncryptedPinBlock(PinBlockFormat.fromNumber(number), block.get()));
        } catch (IllegalArgumentException e) {
            throw fields.bad("PIN block: " + e.getMessage());
        }
    }

    /**
     * yyyyMMddHHmmss by hand: DateTimeFormatter parsing costs more than the AES work of opening an
     * envelope (EnvelopeOpenBenchmark), and this field is fixed-width digits.
     */
    private static LocalDateTime localDateTime(TlvFields fields) throws EnvelopeException {
        String text = fields.requiredText(LOCAL_DATE_TIME, "local date-time");
        if (text.length() != LOCAL_DATE_TIME_CHARS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw fields.bad("local date-time '" + text + "' is not yyyyMMddHHmmss");
        }
        try {
            return LocalDateTime.of(digits(text, 0, 4), digits(text, 4, 6), digits(text, 6, 8),
                    digits(text, 8, 10), digits(text, 10, 12), digits(text, 12, 14));
        } catch (DateTimeException e) {
            throw fields.bad("local date-time '" + text + "' is not a valid date and time");
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
