package io.kessai.iso8583;

import static io.kessai.iso8583.Wire.BYTE_MASK;
import static io.kessai.iso8583.Wire.HEX_DIGITS;
import static io.kessai.iso8583.Wire.NIBBLE_BITS;
import static io.kessai.iso8583.Wire.NIBBLE_MASK;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes one message of any {@link Dialect}; generic like {@link IsoDecoder}. Two passes: the first
 * checks every length and sums the exact size, the second writes into one array of that size while
 * it checks every character, so nothing is copied twice and nothing grows.
 *
 * <p>A value that does not fit its definition (too long, a letter in an n field) is an
 * {@link IsoFormatException} naming the field and the index inside the value.
 */
final class IsoEncoder {
    private static final int DIGITS_PER_BYTE = 2;
    private static final int DECIMAL_BASE = 10;
    private static final int HUNDREDS = 100;

    /** Both hex digits of each byte value as one big-endian short: one load and one store a byte. */
    private static final short[] HEX_PAIRS = new short[BYTE_MASK + 1];
    private static final VarHandle SHORT_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    static {
        for (int value = 0; value <= BYTE_MASK; value++) {
            HEX_PAIRS[value] = (short) ((HEX_DIGITS[value >>> NIBBLE_BITS] << Byte.SIZE) | HEX_DIGITS[value & NIBBLE_MASK]);
        }
    }

    private IsoEncoder() {}

    static byte[] encode(IsoMessage message) throws IsoFormatException {
        Dialect dialect = message.dialect();
        FieldDefinition[] table = dialect.table();
        String mti = message.mti();
        if (!Mti.isValid(mti)) {
            throw new IsoFormatException("MTI: '" + mti + "' is not 4 digits");
        }
        long secondary = message.secondaryBits();
        long primaryFields = message.primaryBits() & ~FieldBits.SECONDARY_BITMAP_PRESENT;
        long primary = secondary != 0 ? primaryFields | FieldBits.SECONDARY_BITMAP_PRESENT : primaryFields;
        int bitmapBytes = dialect.bitmapEncoding().bytesPerBitmap();

        int size = dialect.mtiEncoding().bytesFor(Mti.LENGTH) + (secondary != 0 ? 2 * bitmapBytes : bitmapBytes);
        size += measure(message, table, primaryFields, secondary);

        byte[] out = new byte[size];
        int at = writeMti(dialect.mtiEncoding(), mti, out);
        at = writeBitmap(dialect.bitmapEncoding(), primary, out, at);
        if (secondary != 0) {
            at = writeBitmap(dialect.bitmapEncoding(), secondary, out, at);
        }
        int slot = 0;
        for (long word = primaryFields; word != 0; slot++) {
            int field = FieldBits.lowestField(word, 1);
            word &= ~FieldBits.mask(field);
            at = writeField(table[field], message, slot, out, at);
        }
        for (long word = secondary; word != 0; slot++) {
            int field = FieldBits.lowestField(word, FieldBits.FIELDS_PER_BITMAP + 1);
            word &= ~FieldBits.mask(field);
            at = writeField(table[field], message, slot, out, at);
        }
        assert slot == message.count() && at == size : "measured " + size + " bytes, wrote " + at;
        return out;
    }

    /** Checks every length and sums the wire bytes of all fields, in slot (field) order. */
    private static int measure(IsoMessage message, FieldDefinition[] table, long primaryFields, long secondary)
            throws IsoFormatException {
        int size = 0;
        int slot = 0;
        for (int half = 0; half < 2; half++) {
            int firstField = half == 0 ? 1 : FieldBits.FIELDS_PER_BITMAP + 1;
            for (long word = half == 0 ? primaryFields : secondary; word != 0; slot++) {
                int field = FieldBits.lowestField(word, firstField);
                word &= ~FieldBits.mask(field);
                FieldDefinition definition = table[field];
                int length = message.lengthAt(slot);
                int units = unitsOf(definition, length);
                requireFits(definition, length, units);
                int wireUnits = definition.isFixed() ? definition.fixedUnits() : units;
                size += definition.prefixBytes() + definition.wireBytes(wireUnits);
            }
        }
        return size;
    }

    private static int unitsOf(FieldDefinition definition, int length) {
        return definition.valueEncoding() == ValueEncoding.HEX ? DIGITS_PER_BYTE * length : length;
    }

    private static void requireFits(FieldDefinition definition, int length, int units) throws IsoFormatException {
        boolean fits = definition.isFixed()
                ? units == definition.fixedUnits() || (units < definition.fixedUnits() && definition.padsShortValues())
                : units <= definition.maxUnits();
        if (!fits) {
            String size = definition.type().isText()
                    ? "length " + units + " does not fit "
                    : length + " bytes do not fit ";
            throw new IsoFormatException("DE " + definition.number() + ": " + size + definition.format());
        }
    }

    private static int writeMti(NumberEncoding encoding, String mti, byte[] out) {
        if (encoding == NumberEncoding.ASCII) {
            for (int i = 0; i < Mti.LENGTH; i++) {
                out[i] = (byte) mti.charAt(i);
            }
            return Mti.LENGTH;
        }
        for (int i = 0; i < Mti.LENGTH; i += DIGITS_PER_BYTE) {
            out[i / DIGITS_PER_BYTE] = (byte) (((mti.charAt(i) - '0') << NIBBLE_BITS) | (mti.charAt(i + 1) - '0'));
        }
        return Mti.LENGTH / DIGITS_PER_BYTE;
    }

    private static int writeBitmap(BitmapEncoding encoding, long word, byte[] out, int at) {
        int bytes = encoding.bytesPerBitmap();
        if (encoding == BitmapEncoding.HEX) {
            for (int i = 0; i < bytes; i++) {
                int shift = Long.SIZE - NIBBLE_BITS * (i + 1);
                out[at + i] = HEX_DIGITS[(int) (word >>> shift) & NIBBLE_MASK];
            }
        } else {
            for (int i = 0; i < bytes; i++) {
                out[at + i] = (byte) (word >>> (Long.SIZE - Byte.SIZE * (i + 1)));
            }
        }
        return at + bytes;
    }

    private static int writeField(FieldDefinition definition, IsoMessage message, int slot, byte[] out, int start)
            throws IsoFormatException {
        byte[] array = message.arrayAt(slot);
        int from = message.offsetAt(slot);
        int length = message.lengthAt(slot);
        int units = unitsOf(definition, length);
        int at = definition.isFixed() ? start : writePrefix(definition, units, out, start);
        int wireUnits = definition.isFixed() ? definition.fixedUnits() : units;
        int padding = wireUnits - length;
        return switch (definition.codecKind) {
            case CodecKind.DIGITS -> {
                if (padding > 0) {
                    Arrays.fill(out, at, at + padding, (byte) '0');
                }
                yield copyRange(definition, array, from, length, out, at + padding, '0', '9');
            }
            case CodecKind.PRINTABLE -> padWithSpaces(out,
                    copyRange(definition, array, from, length, out, at, ' ', '~'), padding);
            case CodecKind.TABLE -> padWithSpaces(out, copyTable(definition, array, from, length, out, at), padding);
            case CodecKind.SIGNED_DIGITS -> copySigned(definition, array, from, length, out, at);
            case CodecKind.PACKED_DIGITS -> writePackedNumber(definition, array, from, length, wireUnits, out, at);
            case CodecKind.PACKED_TRACK -> writePackedTrack(definition, array, from, length, out, at);
            case CodecKind.HEX -> writeHex(array, from, length, out, at);
            case CodecKind.RAW -> {
                System.arraycopy(array, from, out, at, length);
                yield at + length;
            }
            default -> throw new AssertionError("codec kind " + definition.codecKind);
        };
    }

    private static int writePrefix(FieldDefinition definition, int length, byte[] out, int at) {
        assert length >= 0 && length <= definition.lengthType().maxPrefixValue();
        return definition.prefixEncoding() == NumberEncoding.ASCII
                ? writeAsciiPrefix(definition.lengthType().prefixDigits(), length, out, at)
                : writePackedPrefix(definition.prefixBytes(), length, out, at);
    }

    private static int writeAsciiPrefix(int digits, int length, byte[] out, int at) {
        int rest = length;
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = (byte) ('0' + rest % DECIMAL_BASE);
            rest /= DECIMAL_BASE;
        }
        return at + digits;
    }

    private static int writePackedPrefix(int bytes, int length, byte[] out, int at) {
        if (bytes == 1) {
            out[at] = packedPair(length);
        } else {
            out[at] = (byte) (length / HUNDREDS);
            out[at + 1] = packedPair(length % HUNDREDS);
        }
        return at + bytes;
    }

    private static byte packedPair(int twoDigits) {
        return (byte) (((twoDigits / DECIMAL_BASE) << NIBBLE_BITS) | (twoDigits % DECIMAL_BASE));
    }

    /** Copies ASCII text whose every byte must lie in [low, high] (checked first, eight bytes at a time). */
    private static int copyRange(FieldDefinition definition, byte[] array, int from, int length, byte[] out,
            int start, int low, int high) throws IsoFormatException {
        int refused = TextCheck.firstOutside(array, from, from + length, low, high);
        if (refused != TextCheck.NONE_REFUSED) {
            throw badCharacter(definition, array[refused] & BYTE_MASK, indexInValue(definition, refused - from));
        }
        System.arraycopy(array, from, out, start, length);
        return start + length;
    }

    /** Copies an or z text, checking each byte with the type's table. */
    private static int copyTable(FieldDefinition definition, byte[] array, int from, int length, byte[] out,
            int start) throws IsoFormatException {
        FieldType type = definition.type();
        for (int i = 0; i < length; i++) {
            byte c = array[from + i];
            if (!type.allows(c & BYTE_MASK)) {
                throw badCharacter(definition, c & BYTE_MASK, i);
            }
            out[start + i] = c;
        }
        return start + length;
    }

    /** x+n: 'C' or 'D', then digits. */
    private static int copySigned(FieldDefinition definition, byte[] array, int from, int length, byte[] out,
            int start) throws IsoFormatException {
        byte sign = array[from];
        if (sign != 'C' && sign != 'D') {
            throw new IsoFormatException("DE " + definition.number() + ": sign " + Wire.describe(sign & BYTE_MASK)
                    + " is not C or D");
        }
        out[start] = sign;
        int end = copyRange(definition, array, from + 1, length - 1, out, start + 1, '0', '9');
        assert end == start + length;
        return end;
    }

    /** Fixed an/ans fields shorter than their length are filled with trailing spaces. */
    private static int padWithSpaces(byte[] out, int at, int padding) {
        if (padding > 0) {
            Arrays.fill(out, at, at + padding, (byte) ' ');
        }
        return at + padding;
    }

    /** Packed n: leading zero nibbles pad to the fixed length and to a whole byte. */
    private static int writePackedNumber(FieldDefinition definition, byte[] array, int from, int digits,
            int wireDigits, byte[] out, int at) throws IsoFormatException {
        int bytes = definition.wireBytes(wireDigits);
        int padNibbles = bytes * DIGITS_PER_BYTE - digits;
        for (int i = 0; i < digits; i++) {
            int character = array[from + i] & BYTE_MASK;
            if (!definition.type().allows(character)) {
                throw badCharacter(definition, character, i);
            }
            putNibble(out, at, padNibbles + i, character - '0');
        }
        return at + bytes;
    }

    /** Packed z: '=' or 'D' as nibble D, an odd count filled with a trailing F nibble. */
    private static int writePackedTrack(FieldDefinition definition, byte[] array, int from, int characters,
            byte[] out, int at) throws IsoFormatException {
        int bytes = definition.wireBytes(characters);
        for (int i = 0; i < characters; i++) {
            int character = array[from + i] & BYTE_MASK;
            if (!definition.type().allows(character)) {
                throw badCharacter(definition, character, i);
            }
            boolean digit = character >= '0' && character <= '9';
            putNibble(out, at, i, digit ? character - '0' : Wire.BCD_SEPARATOR);
        }
        if (characters % DIGITS_PER_BYTE != 0) {
            putNibble(out, at, characters, Wire.BCD_FILLER);
        }
        return at + bytes;
    }

    /** Ors a nibble into a zeroed output array (new arrays are zero, so pad nibbles need no write). */
    private static void putNibble(byte[] out, int from, int index, int nibble) {
        int shift = index % DIGITS_PER_BYTE == 0 ? NIBBLE_BITS : 0;
        out[from + index / DIGITS_PER_BYTE] |= (byte) (nibble << shift);
    }

    private static int writeHex(byte[] array, int from, int length, byte[] out, int start) {
        int at = start;
        for (int i = from; i < from + length; i++) {
            SHORT_BIG_ENDIAN.set(out, at, HEX_PAIRS[array[i] & BYTE_MASK]);
            at += DIGITS_PER_BYTE;
        }
        return at;
    }

    /** Index in the value as its owner set it: x+n digits are copied after the sign, which counts too. */
    private static int indexInValue(FieldDefinition definition, int index) {
        return definition.codecKind == CodecKind.SIGNED_DIGITS ? index + 1 : index;
    }

    private static IsoFormatException badCharacter(FieldDefinition definition, int character, int index) {
        return new IsoFormatException(Wire.badCharacter(definition, character) + " at index " + index);
    }
}
