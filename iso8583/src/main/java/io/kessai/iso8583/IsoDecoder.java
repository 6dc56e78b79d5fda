package io.kessai.iso8583;

import static io.kessai.iso8583.Wire.BYTE_MASK;
import static io.kessai.iso8583.Wire.HEX_VALUE;
import static io.kessai.iso8583.Wire.MAX_DECIMAL_DIGIT;
import static io.kessai.iso8583.Wire.NIBBLE_BITS;
import static io.kessai.iso8583.Wire.NIBBLE_MASK;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads one message of any {@link Dialect}. Generic: everything it knows about a field comes from
 * the field's definition. One instance per message holds the cursor. The input is copied once (or,
 * for {@link Dialect#decodeInPlace}, taken) and every ASCII or raw value is a slice of it; only hex
 * and BCD values, which change form, get arrays of their own.
 *
 * <p>Throws only {@link IsoFormatException} for bad input, naming the field and the byte offset from
 * the message's first byte. Every read is bounds-checked against what is left before it happens.
 */
final class IsoDecoder {
    /** Largest message accepted: what a 2-byte binary length header can frame. */
    static final int MAX_MESSAGE_BYTES = 65_535;

    private static final int DIGITS_PER_BYTE = 2;

    private final Dialect dialect;
    private final FieldDefinition[] table;
    private final byte[] wire;
    private final int start;
    private final int end;
    private int position;

    private IsoDecoder(Dialect dialect, byte[] wire, int start, int end) {
        this.dialect = dialect;
        this.table = dialect.table();
        this.wire = wire;
        this.start = start;
        this.end = end;
        this.position = start;
    }

    /**
     * Decodes {@code wire[offset, offset + length)}. With {@code copy} false the message's values are
     * slices of {@code wire}, which the caller hands over (see {@link Dialect#decodeInPlace}); with
     * {@code copy} true the range is copied first and offsets still count from its first byte.
     */
    static IsoMessage decode(Dialect dialect, byte[] wire, int offset, int length, boolean copy)
            throws IsoFormatException {
        Objects.requireNonNull(dialect, "dialect");
        Objects.checkFromIndexSize(offset, length, wire.length);
        if (length > MAX_MESSAGE_BYTES) {
            throw new IsoFormatException(
                    "message: " + length + " bytes exceed the maximum " + MAX_MESSAGE_BYTES, 0);
        }
        if (copy) {
            return new IsoDecoder(dialect, Arrays.copyOfRange(wire, offset, offset + length), 0, length).message();
        }
        return new IsoDecoder(dialect, wire, offset, offset + length).message();
    }

    private IsoMessage message() throws IsoFormatException {
        String mti = readMti();
        int bitmapOffset = offset();
        long primary = readBitmap("bitmap");
        long secondary = (primary & FieldBits.SECONDARY_BITMAP_PRESENT) != 0 ? readBitmap("secondary bitmap") : 0;
        primary &= ~FieldBits.SECONDARY_BITMAP_PRESENT;
        requireDefined(primary & ~dialect.definedPrimaryBits(), 1, bitmapOffset);
        requireDefined(secondary & ~dialect.definedSecondaryBits(), FieldBits.FIELDS_PER_BITMAP + 1, bitmapOffset);
        IsoMessage message = new IsoMessage(dialect, mti, Long.bitCount(primary) + Long.bitCount(secondary));
        readFields(message, primary, 1);
        readFields(message, secondary, FieldBits.FIELDS_PER_BITMAP + 1);
        if (position != end) {
            throw new IsoFormatException("message: " + (end - position)
                    + " bytes after the last field at offset " + offset(), offset());
        }
        return message;
    }

    private int offset() {
        return position - start;
    }

    private int remaining() {
        return end - position;
    }

    /** The message is built only on failure: {@code what} names the part, e.g. "MTI:" or "DE 2: length prefix". */
    private IsoFormatException tooShort(String what, int needed) {
        return new IsoFormatException(what + " needs " + needed + " bytes, " + remaining()
                + " left at offset " + offset(), offset());
    }

    private String readMti() throws IsoFormatException {
        NumberEncoding encoding = dialect.mtiEncoding();
        int bytes = encoding.bytesFor(Mti.LENGTH);
        if (bytes > remaining()) {
            throw tooShort("MTI:", bytes);
        }
        String mti;
        if (encoding == NumberEncoding.ASCII) {
            for (int i = position; i < position + bytes; i++) {
                int digit = wire[i] - '0';
                if (digit < 0 || digit > MAX_DECIMAL_DIGIT) {
                    throw new IsoFormatException(
                            "MTI: " + Wire.quote(wire, position, bytes) + " is not 4 digits", offset());
                }
            }
            mti = Mti.of(wire, position);
        } else {
            byte[] digits = new byte[Mti.LENGTH];
            for (int i = 0; i < Mti.LENGTH; i++) {
                int nibble = nibble(position, i);
                if (nibble > MAX_DECIMAL_DIGIT) {
                    throw new IsoFormatException("MTI: 0x" + hexOf(position, bytes)
                            + " is not 4 BCD digits", offset());
                }
                digits[i] = (byte) ('0' + nibble);
            }
            mti = new String(digits, StandardCharsets.ISO_8859_1);
        }
        position += bytes;
        return mti;
    }

    private long readBitmap(String what) throws IsoFormatException {
        BitmapEncoding encoding = dialect.bitmapEncoding();
        int bytes = encoding.bytesPerBitmap();
        if (bytes > remaining()) {
            throw tooShort(what + ":", bytes);
        }
        long word = 0;
        if (encoding == BitmapEncoding.HEX) {
            for (int i = position; i < position + bytes; i++) {
                int value = HEX_VALUE[wire[i] & BYTE_MASK];
                if (value < 0) {
                    throw new IsoFormatException(what + ": non-hex " + Wire.describe(wire[i] & BYTE_MASK)
                            + " at offset " + (i - start), i - start);
                }
                word = (word << NIBBLE_BITS) | value;
            }
        } else {
            for (int i = position; i < position + bytes; i++) {
                word = (word << Byte.SIZE) | (wire[i] & BYTE_MASK);
            }
        }
        position += bytes;
        return word;
    }

    private void requireDefined(long undefined, int firstField, int bitmapOffset) throws IsoFormatException {
        if (undefined != 0) {
            int field = FieldBits.lowestField(undefined, firstField);
            throw new IsoFormatException("bitmap: field " + field
                    + " present but the dialect does not define it", bitmapOffset);
        }
    }

    private void readFields(IsoMessage message, long presence, int firstField) throws IsoFormatException {
        for (long word = presence; word != 0; ) {
            int field = FieldBits.lowestField(word, firstField);
            word &= ~FieldBits.mask(field);
            readValue(message, field, table[field]);
        }
    }

    private void readValue(IsoMessage message, int field, FieldDefinition definition) throws IsoFormatException {
        int units = definition.isFixed() ? definition.fixedUnits() : readPrefix(definition);
        int bytes = definition.wireBytes(units);
        if (bytes > remaining()) {
            throw valueBeyondEnd(definition, units, bytes);
        }
        int from = position;
        int to = from + units;
        int refused = switch (definition.codecKind) {
            case CodecKind.DIGITS -> TextCheck.firstOutside(wire, from, to, '0', '9');
            case CodecKind.PRINTABLE -> TextCheck.firstOutside(wire, from, to, ' ', '~');
            case CodecKind.TABLE -> TextCheck.firstNotAllowed(definition.type(), wire, from, to);
            case CodecKind.SIGNED_DIGITS -> {
                requireSign(definition);
                yield TextCheck.firstOutside(wire, from + 1, to, '0', '9');
            }
            default -> TextCheck.NONE_REFUSED; // packed and hex values are checked as they are converted
        };
        if (refused != TextCheck.NONE_REFUSED) {
            throw badCharacterAt(definition, refused);
        }
        switch (definition.codecKind) {
            case CodecKind.PACKED_DIGITS -> appendWhole(message, field, readPackedNumber(definition, units));
            case CodecKind.PACKED_TRACK -> appendWhole(message, field, readPackedTrack(definition, units));
            case CodecKind.HEX -> appendWhole(message, field, readHex(definition, units));
            default -> message.append(field, wire, from, units); // ASCII text and raw bytes: a slice of the input
        }
        position += bytes;
    }

    /** Reads a length prefix; the error paths live in the cold methods below, to keep this one small. */
    private int readPrefix(FieldDefinition definition) throws IsoFormatException {
        int bytes = definition.prefixBytes();
        if (bytes > remaining()) {
            throw tooShort(prefixLabel(definition), bytes);
        }
        int length = definition.prefixEncoding() == NumberEncoding.ASCII
                ? asciiPrefix(definition, bytes)
                : packedPrefix(definition, bytes);
        if (length > definition.maxUnits()) {
            throw prefixOverMaximum(definition, length);
        }
        if (definition.valueEncoding() == ValueEncoding.HEX && length % DIGITS_PER_BYTE != 0) {
            throw oddHexLength(definition, length);
        }
        position += bytes;
        return length;
    }

    private int asciiPrefix(FieldDefinition definition, int bytes) throws IsoFormatException {
        int length = 0;
        for (int i = position; i < position + bytes; i++) {
            int digit = wire[i] - '0';
            if (digit < 0 || digit > MAX_DECIMAL_DIGIT) {
                throw badPrefix(definition, bytes, Wire.quote(wire, position, bytes));
            }
            length = length * (MAX_DECIMAL_DIGIT + 1) + digit;
        }
        return length;
    }

    /** A packed LLL prefix is 2 bytes, 4 nibbles: the first is padding and must be 0. */
    private int packedPrefix(FieldDefinition definition, int bytes) throws IsoFormatException {
        int padNibbles = bytes * DIGITS_PER_BYTE - definition.lengthType().prefixDigits();
        int length = 0;
        for (int i = 0; i < bytes * DIGITS_PER_BYTE; i++) {
            int nibble = nibble(position, i);
            if (nibble > MAX_DECIMAL_DIGIT || (i < padNibbles && nibble != 0)) {
                throw badPrefix(definition, bytes, "0x" + hexOf(position, bytes));
            }
            length = length * (MAX_DECIMAL_DIGIT + 1) + nibble;
        }
        return length;
    }

    private static void appendWhole(IsoMessage message, int field, byte[] value) {
        message.append(field, value, 0, value.length);
    }

    private void requireSign(FieldDefinition definition) throws IsoFormatException {
        int sign = wire[position];
        if (sign != 'C' && sign != 'D') {
            throw new IsoFormatException("DE " + definition.number() + ": sign "
                    + Wire.describe(sign & BYTE_MASK) + " is not C or D at offset " + offset(), offset());
        }
    }

    // ---- errors: built only when thrown, out of the hot methods ----

    private IsoFormatException valueBeyondEnd(FieldDefinition definition, int units, int bytes) {
        String needed = definition.isFixed()
                ? "needs " + bytes + " bytes"
                : "declared length " + units + (bytes != units ? " (" + bytes + " bytes)" : "");
        return new IsoFormatException("DE " + definition.number() + ": " + needed + ", " + remaining()
                + " bytes left at offset " + offset(), offset());
    }

    private IsoFormatException badCharacterAt(FieldDefinition definition, int at) {
        return new IsoFormatException(Wire.badCharacter(definition, wire[at] & BYTE_MASK)
                + " at offset " + (at - start), at - start);
    }

    private IsoFormatException badPrefix(FieldDefinition definition, int bytes, String shown) {
        String kind = definition.prefixEncoding() == NumberEncoding.ASCII ? " digits" : " BCD digits";
        return new IsoFormatException(prefixLabel(definition) + " " + shown + " is not "
                + definition.lengthType().prefixDigits() + kind + " at offset " + offset(), offset());
    }

    private IsoFormatException prefixOverMaximum(FieldDefinition definition, int length) {
        boolean hex = definition.valueEncoding() == ValueEncoding.HEX;
        return new IsoFormatException("DE " + definition.number() + ": declared length " + length
                + " exceeds the maximum " + definition.maxUnits() + (hex ? " hex digits" : "")
                + " at offset " + offset(), offset());
    }

    private IsoFormatException oddHexLength(FieldDefinition definition, int length) {
        return new IsoFormatException("DE " + definition.number() + ": declared length " + length
                + " is odd, hex needs 2 digits a byte at offset " + offset(), offset());
    }

    /** Packed n: an odd digit count has a leading 0 nibble, which must be 0. */
    private byte[] readPackedNumber(FieldDefinition definition, int digits) throws IsoFormatException {
        int bytes = definition.wireBytes(digits);
        int padNibbles = bytes * DIGITS_PER_BYTE - digits;
        if (padNibbles > 0 && nibble(position, 0) != 0) {
            throw badNibble(definition, "BCD pad nibble is not 0", 0);
        }
        byte[] text = new byte[digits];
        for (int i = 0; i < digits; i++) {
            int nibble = nibble(position, padNibbles + i);
            if (nibble > MAX_DECIMAL_DIGIT) {
                throw badNibble(definition, "non-BCD nibble", padNibbles + i);
            }
            text[i] = (byte) ('0' + nibble);
        }
        return text;
    }

    /** Packed z: separator nibble D is '='; an odd count ends with an F nibble. */
    private byte[] readPackedTrack(FieldDefinition definition, int characters) throws IsoFormatException {
        int bytes = definition.wireBytes(characters);
        if (characters % DIGITS_PER_BYTE != 0 && nibble(position, characters) != Wire.BCD_FILLER) {
            throw badNibble(definition, "BCD filler nibble is not F", characters);
        }
        byte[] text = new byte[characters];
        for (int i = 0; i < characters; i++) {
            int nibble = nibble(position, i);
            if (nibble <= MAX_DECIMAL_DIGIT) {
                text[i] = (byte) ('0' + nibble);
            } else if (nibble == Wire.BCD_SEPARATOR) {
                text[i] = '=';
            } else {
                throw badNibble(definition, "non-track nibble", i);
            }
        }
        assert bytes * DIGITS_PER_BYTE >= characters;
        return text;
    }

    private static String prefixLabel(FieldDefinition definition) {
        return "DE " + definition.number() + ": length prefix";
    }

    private byte[] readHex(FieldDefinition definition, int hexDigits) throws IsoFormatException {
        byte[] bytes = new byte[hexDigits / DIGITS_PER_BYTE];
        int at = position;
        for (int i = 0; i < bytes.length; i++, at += DIGITS_PER_BYTE) {
            int pair = Wire.HIGH_HEX_VALUE[wire[at] & BYTE_MASK] | HEX_VALUE[wire[at + 1] & BYTE_MASK];
            if (pair < 0) {
                throw badCharacterAt(definition, HEX_VALUE[wire[at] & BYTE_MASK] < 0 ? at : at + 1);
            }
            bytes[i] = (byte) pair;
        }
        return bytes;
    }

    /** Nibble {@code index} (0 = high nibble of the first byte) counted from {@code from}. */
    private int nibble(int from, int index) {
        int b = wire[from + index / DIGITS_PER_BYTE] & BYTE_MASK;
        return index % DIGITS_PER_BYTE == 0 ? b >>> NIBBLE_BITS : b & NIBBLE_MASK;
    }

    private IsoFormatException badNibble(FieldDefinition definition, String problem, int nibbleIndex) {
        int at = position - start + nibbleIndex / DIGITS_PER_BYTE;
        return new IsoFormatException("DE " + definition.number() + ": " + problem + " at offset " + at, at);
    }

    private String hexOf(int from, int length) {
        StringBuilder hex = new StringBuilder(length * DIGITS_PER_BYTE);
        for (int i = from; i < from + length; i++) {
            hex.append((char) Wire.HEX_DIGITS[(wire[i] & BYTE_MASK) >>> NIBBLE_BITS])
                    .append((char) Wire.HEX_DIGITS[wire[i] & NIBBLE_MASK]);
        }
        return hex.toString();
    }
}
