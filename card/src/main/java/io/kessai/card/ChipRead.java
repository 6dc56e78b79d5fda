package io.kessai.card;

import io.kessai.card.tlv.BerTlv;
import io.kessai.card.tlv.Tlv;
import io.kessai.card.tlv.TlvTag;
import java.nio.CharBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An EMV chip read: the ICC data (BER-TLV) the reader collected, with the card data taken from it.
 *
 * <ul>
 *   <li>PAN from 5A (compressed numeric, F-padded) or from 57 Track 2 Equivalent Data (PAN, 'D'
 *       separator, YYMM, service code, discretionary data, one 'F' pad nibble when odd); when
 *       both are present they must agree.</li>
 *   <li>Expiry date from 5F24 (YYMMDD) or 57; when both are present their YYMM must agree.</li>
 *   <li>PAN sequence number (ISO 8583 DE 23) from 5F34, when present.</li>
 * </ul>
 * Tags are looked up depth first, so data inside a template (70, 77) counts too.
 *
 * <p>The ICC data is kept encoded in a byte array, and 57 as a {@link Track2}: {@link #destroy()}
 * wipes both. The {@link Tlv} objects passed in are immutable and cannot be wiped; whoever
 * decoded them drops them, and wipes its raw buffer, as soon as this object exists.
 */
public final class ChipRead implements CardRead {
    private static final TlvTag TRACK2_EQUIVALENT = TlvTag.of(0x57);
    private static final TlvTag PAN_TAG = TlvTag.of(0x5A);
    private static final TlvTag EXPIRATION_DATE = TlvTag.of(0x5F24);
    private static final TlvTag PAN_SEQUENCE_NUMBER = TlvTag.of(0x5F34);
    private static final String CONTEXT = "chip";
    private static final int EXPIRATION_DATE_BYTES = 3;
    private static final int PAN_SEQUENCE_NUMBER_BYTES = 1;
    private static final int NIBBLE_BITS = 4;
    private static final int NIBBLE_MASK = 0x0F;
    private static final int MAX_DECIMAL_DIGIT = 9;
    private static final int SEPARATOR_NIBBLE = 0x0D;
    private static final int PAD_NIBBLE = 0x0F;
    private static final int DECIMAL_RADIX = 10;
    private static final int HEX_RADIX = 16;

    private final byte[] iccData;
    private final Track2 track2Equivalent;
    private Pan pan;
    private ExpiryDate expiry;
    private final int panSequenceNumber;
    private boolean destroyed;

    private ChipRead(byte[] iccData, Track2 track2Equivalent, Pan pan, ExpiryDate expiry, int panSequenceNumber) {
        this.iccData = iccData;
        this.track2Equivalent = track2Equivalent;
        this.pan = pan;
        this.expiry = expiry;
        this.panSequenceNumber = panSequenceNumber;
    }

    /** Decodes the ICC data (e.g. DE 55 as the reader built it) and reads the card data from it. */
    public static ChipRead decode(byte[] iccData) throws CardDataException {
        return of(BerTlv.decode(iccData));
    }

    /**
     * @throws CardDataException when PAN or expiry date is missing, malformed or inconsistent
     */
    public static ChipRead of(List<Tlv> iccData) throws CardDataException {
        Optional<Tlv> track2Tlv = BerTlv.find(iccData, TRACK2_EQUIVALENT);
        Optional<Tlv> panTlv = BerTlv.find(iccData, PAN_TAG);
        Optional<Tlv> expiryTlv = BerTlv.find(iccData, EXPIRATION_DATE);
        if (track2Tlv.isEmpty() && panTlv.isEmpty()) {
            throw new CardDataException(CONTEXT + ": ICC data has neither 5A (PAN) nor 57 (track 2 equivalent data)");
        }
        if (track2Tlv.isEmpty() && expiryTlv.isEmpty()) {
            throw new CardDataException(CONTEXT
                    + ": ICC data has neither 5F24 (expiration date) nor 57 (track 2 equivalent data)");
        }
        Track2 track2 = track2Tlv.isPresent() ? track2Equivalent(track2Tlv.get()) : null;
        try {
            Pan pan = panTlv.isPresent() ? panFrom5A(panTlv.get()) : track2.pan();
            if (track2 != null && !track2.pan().equals(pan)) {
                throw new CardDataException(CONTEXT + ": the PANs in 5A and in 57 (track 2 equivalent data) differ");
            }
            ExpiryDate expiry = expiryTlv.isPresent() ? expiryFrom5F24(expiryTlv.get()) : track2.expiry();
            if (track2 != null && !track2.expiry().yymm().equals(expiry.yymm())) {
                throw new CardDataException(CONTEXT
                        + ": the expiry dates in 5F24 and in 57 (track 2 equivalent data) differ");
            }
            int sequenceNumber = panSequenceNumber(BerTlv.find(iccData, PAN_SEQUENCE_NUMBER));
            return new ChipRead(BerTlv.encode(iccData), track2, pan, expiry, sequenceNumber);
        } catch (CardDataException e) {
            if (track2 != null) {
                track2.destroy();
            }
            throw e;
        }
    }

    /** 57 as nibbles: digits stay, 'D' becomes the track's '=', one trailing 'F' pad is dropped. */
    private static Track2 track2Equivalent(Tlv tlv) throws CardDataException {
        byte[] value = tlv.value();
        char[] characters = new char[value.length * 2];
        try {
            for (int i = 0; i < value.length; i++) {
                characters[2 * i] = nibbleCharacter((value[i] >>> NIBBLE_BITS) & NIBBLE_MASK);
                characters[2 * i + 1] = nibbleCharacter(value[i] & NIBBLE_MASK);
            }
            int length = characters.length;
            boolean padded = value.length > 0 && (value[value.length - 1] & NIBBLE_MASK) == PAD_NIBBLE;
            if (padded) {
                length--;
            }
            return Track2.parse(CharBuffer.wrap(characters, 0, length));
        } catch (CardDataException e) {
            throw new CardDataException(CONTEXT + ": tag 57 (track 2 equivalent data; offsets count nibbles, "
                    + "separator 'D' shown as '='): " + e.getMessage(), e.offset());
        } finally {
            Bytes.wipe(value);
            Bytes.wipe(characters);
        }
    }

    private static char nibbleCharacter(int nibble) {
        if (nibble <= MAX_DECIMAL_DIGIT) {
            return (char) ('0' + nibble);
        }
        if (nibble == SEPARATOR_NIBBLE) {
            return Track2.SEPARATOR;
        }
        return Character.toUpperCase(Character.forDigit(nibble, HEX_RADIX));
    }

    /** 5A is compressed numeric: BCD digits, then only F padding. */
    private static Pan panFrom5A(Tlv tlv) throws CardDataException {
        byte[] value = tlv.value();
        char[] digits = new char[value.length * 2];
        int count = 0;
        try {
            boolean padding = false;
            for (int i = 0; i < digits.length; i++) {
                int nibble = (i % 2 == 0 ? value[i / 2] >>> NIBBLE_BITS : value[i / 2]) & NIBBLE_MASK;
                if (nibble == PAD_NIBBLE) {
                    padding = true;
                } else if (padding || nibble > MAX_DECIMAL_DIGIT) {
                    throw new CardDataException(CONTEXT + ": tag 5A (PAN) is not BCD digits followed by F padding, "
                            + "at byte " + i / 2, i / 2);
                } else {
                    digits[count++] = (char) ('0' + nibble);
                }
            }
            return Pan.parse(CharBuffer.wrap(digits, 0, count), 0, count, CONTEXT + ": tag 5A");
        } finally {
            Bytes.wipe(value);
            Bytes.wipe(digits);
        }
    }

    private static ExpiryDate expiryFrom5F24(Tlv tlv) throws CardDataException {
        byte[] value = tlv.value();
        if (value.length != EXPIRATION_DATE_BYTES) {
            throw new CardDataException(CONTEXT + ": tag 5F24 (expiration date) has " + value.length
                    + " bytes, expected " + EXPIRATION_DATE_BYTES);
        }
        StringBuilder yymmdd = new StringBuilder(EXPIRATION_DATE_BYTES * 2);
        for (byte b : value) {
            yymmdd.append(nibbleCharacter((b >>> NIBBLE_BITS) & NIBBLE_MASK)).append(nibbleCharacter(b & NIBBLE_MASK));
        }
        try {
            return ExpiryDate.parseYymmdd(yymmdd.toString());
        } catch (CardDataException e) {
            throw new CardDataException(CONTEXT + ": tag 5F24 (offsets count nibbles): " + e.getMessage(), e.offset());
        }
    }

    /** 5F34 is n2 in one byte, 00–99; -1 when absent. */
    private static int panSequenceNumber(Optional<Tlv> tlv) throws CardDataException {
        if (tlv.isEmpty()) {
            return -1;
        }
        byte[] value = tlv.get().value();
        if (value.length != PAN_SEQUENCE_NUMBER_BYTES) {
            throw new CardDataException(CONTEXT + ": tag 5F34 (PAN sequence number) has " + value.length
                    + " bytes, expected " + PAN_SEQUENCE_NUMBER_BYTES);
        }
        int tens = (value[0] >>> NIBBLE_BITS) & NIBBLE_MASK;
        int units = value[0] & NIBBLE_MASK;
        if (tens > MAX_DECIMAL_DIGIT || units > MAX_DECIMAL_DIGIT) {
            throw new CardDataException(CONTEXT + ": tag 5F34 (PAN sequence number) is not two BCD digits");
        }
        return tens * DECIMAL_RADIX + units;
    }

    /** The ICC data as read, decoded afresh on every call (the encoded copy is what gets wiped). */
    public List<Tlv> iccData() {
        checkNotDestroyed();
        try {
            return BerTlv.decode(iccData);
        } catch (CardDataException e) {
            throw new IllegalStateException("ICC data encoded by this class no longer decodes", e);
        }
    }

    /** The ICC data encoded (a copy), e.g. for DE 55. */
    public byte[] iccDataEncoded() {
        checkNotDestroyed();
        return iccData.clone();
    }

    /** Tag 57 as a track 2 (for DE 35), when the card gave it. Owned by this read. */
    public Optional<Track2> track2Equivalent() {
        checkNotDestroyed();
        return Optional.ofNullable(track2Equivalent);
    }

    /** 5F34 (ISO 8583 DE 23), 0–99, when the card gave it. */
    public OptionalInt panSequenceNumber() {
        checkNotDestroyed();
        return panSequenceNumber < 0 ? OptionalInt.empty() : OptionalInt.of(panSequenceNumber);
    }

    @Override
    public Pan pan() {
        checkNotDestroyed();
        return pan;
    }

    @Override
    public ExpiryDate expiry() {
        checkNotDestroyed();
        return expiry;
    }

    @Override
    public boolean fallback() {
        return false;
    }

    /** Contact chip: 05x. */
    @Override
    public EntryMode entryMode(boolean terminalCanAcceptPin) {
        return new EntryMode(EntryMode.PanEntry.CHIP, EntryMode.PinCapability.of(terminalCanAcceptPin));
    }

    @Override
    public void destroy() {
        Bytes.wipe(iccData);
        if (track2Equivalent != null) {
            track2Equivalent.destroy();
        }
        pan = null;
        expiry = null;
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("chip read was destroyed");
        }
    }

    /** Masked PAN and PAN sequence number only. */
    @Override
    public String toString() {
        if (destroyed) {
            return "ChipRead[destroyed]";
        }
        return "ChipRead[pan=" + pan.masked() + ", panSequenceNumber="
                + (panSequenceNumber < 0 ? "absent" : String.format("%02d", panSequenceNumber)) + "]";
    }
}
