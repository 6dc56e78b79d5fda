package io.kessai.iso8583;

import java.util.Objects;

/**
 * One data element of a dialect: number, type, fixed or variable length, how it is written, how
 * sensitive it is. A dialect is a table of these, read by one generic encoder and decoder.
 *
 * <p>Lengths are in the type's own units, as ISO 8583 states them: digits for n and z, characters
 * for an and ans, digits after the sign for x+n, bytes for b. The codec works in <em>units</em>, what
 * a length prefix counts: characters or digits for text, hex digits for {@link ValueEncoding#HEX}
 * binary, bytes for {@link ValueEncoding#RAW} binary. The unit figures are computed once, here.
 */
public final class FieldDefinition {
    /** Field 1 is the secondary bitmap flag; data elements run from 2 to 128. */
    public static final int FIRST_DATA_ELEMENT = 2;

    public static final int LAST_DATA_ELEMENT = 128;

    /** Bound on a fixed length, so no dialect can make the encoder allocate without limit. */
    public static final int MAX_FIXED_LENGTH = 999;

    private static final int HEX_DIGITS_PER_BYTE = 2;
    private static final int SIGN_CHARACTERS = 1;

    private final int number;
    private final String name;
    private final FieldType type;
    private final LengthType lengthType;
    private final int length;
    private final ValueEncoding valueEncoding;
    private final NumberEncoding prefixEncoding;
    private final Sensitivity sensitivity;

    private final int fixedUnits;
    private final int maxUnits;
    private final int prefixBytes;
    private final String format;
    /** {@link CodecKind} of the value: read directly by the codec's switch. */
    final int codecKind;

    private FieldDefinition(
            int number,
            String name,
            FieldType type,
            LengthType lengthType,
            int length,
            ValueEncoding valueEncoding,
            NumberEncoding prefixEncoding,
            Sensitivity sensitivity) {
        if (number < FIRST_DATA_ELEMENT || number > LAST_DATA_ELEMENT) {
            throw new IllegalArgumentException("data element number must be 2..128, was " + number);
        }
        this.number = number;
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.lengthType = Objects.requireNonNull(lengthType, "lengthType");
        this.valueEncoding = Objects.requireNonNull(valueEncoding, "valueEncoding");
        this.prefixEncoding = Objects.requireNonNull(prefixEncoding, "prefixEncoding");
        this.sensitivity = Objects.requireNonNull(sensitivity, "sensitivity");
        if (name.isBlank()) {
            throw new IllegalArgumentException("DE " + number + ": name is blank");
        }
        if (!valueEncoding.suits(type)) {
            throw new IllegalArgumentException(
                    "DE " + number + ": " + type.notation() + " cannot be encoded as " + valueEncoding);
        }
        if (type == FieldType.XN && lengthType != LengthType.FIXED) {
            throw new IllegalArgumentException("DE " + number + ": x+n fields are fixed length");
        }
        if (length < 1 || length > MAX_FIXED_LENGTH) {
            throw new IllegalArgumentException("DE " + number + ": length must be 1..999, was " + length);
        }
        this.length = length;
        int units = unitsForLength(type, valueEncoding, length);
        if (lengthType != LengthType.FIXED && units > lengthType.maxPrefixValue()) {
            throw new IllegalArgumentException("DE " + number + ": " + units + " units do not fit a "
                    + lengthType + " prefix (max " + lengthType.maxPrefixValue() + ")");
        }
        this.fixedUnits = lengthType == LengthType.FIXED ? units : 0;
        this.maxUnits = units;
        this.prefixBytes = prefixEncoding.bytesFor(lengthType.prefixDigits());
        this.codecKind = CodecKind.of(type, valueEncoding);
        this.format = lengthType == LengthType.FIXED
                ? type.notation() + " " + length
                : lengthType + " " + type.notation() + ".." + length;
    }

    private static int unitsForLength(FieldType type, ValueEncoding encoding, int length) {
        if (type == FieldType.XN) {
            return SIGN_CHARACTERS + length;
        }
        return encoding == ValueEncoding.HEX ? HEX_DIGITS_PER_BYTE * length : length;
    }

    private static ValueEncoding defaultEncoding(FieldType type) {
        return type == FieldType.B ? ValueEncoding.HEX : ValueEncoding.ASCII;
    }

    /** A fixed-length field, ASCII text or hex binary, not sensitive. */
    public static FieldDefinition fixed(int number, FieldType type, int length, String name) {
        return new FieldDefinition(number, name, type, LengthType.FIXED, length,
                defaultEncoding(type), NumberEncoding.ASCII, Sensitivity.NONE);
    }

    /** A variable-length field with a 2-digit ASCII length prefix. */
    public static FieldDefinition llvar(int number, FieldType type, int maxLength, String name) {
        return new FieldDefinition(number, name, type, LengthType.LLVAR, maxLength,
                defaultEncoding(type), NumberEncoding.ASCII, Sensitivity.NONE);
    }

    /** A variable-length field with a 3-digit ASCII length prefix. */
    public static FieldDefinition lllvar(int number, FieldType type, int maxLength, String name) {
        return new FieldDefinition(number, name, type, LengthType.LLLVAR, maxLength,
                defaultEncoding(type), NumberEncoding.ASCII, Sensitivity.NONE);
    }

    public FieldDefinition withSensitivity(Sensitivity newSensitivity) {
        return new FieldDefinition(number, name, type, lengthType, length, valueEncoding, prefixEncoding,
                newSensitivity);
    }

    /** The same field written differently, e.g. BCD numerics and prefixes for a packed dialect. */
    public FieldDefinition withEncoding(ValueEncoding newValueEncoding, NumberEncoding newPrefixEncoding) {
        return new FieldDefinition(number, name, type, lengthType, length, newValueEncoding,
                newPrefixEncoding, sensitivity);
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    public FieldType type() {
        return type;
    }

    public LengthType lengthType() {
        return lengthType;
    }

    /** Exact (fixed) or maximum (variable) length in the type's units (digits, characters, bytes). */
    public int length() {
        return length;
    }

    public ValueEncoding valueEncoding() {
        return valueEncoding;
    }

    public NumberEncoding prefixEncoding() {
        return prefixEncoding;
    }

    public Sensitivity sensitivity() {
        return sensitivity;
    }

    public boolean isFixed() {
        return lengthType == LengthType.FIXED;
    }

    /** ISO notation for people: "n 12", "LLVAR n..19", "LLLVAR b..255". */
    public String format() {
        return format;
    }

    /** Units of a fixed field on the wire (0 for variable fields). */
    int fixedUnits() {
        return fixedUnits;
    }

    /** Largest unit count: the fixed count, or what the prefix may declare. */
    int maxUnits() {
        return maxUnits;
    }

    /** Bytes of the length prefix: 0 for fixed fields. */
    int prefixBytes() {
        return prefixBytes;
    }

    /** Wire bytes holding the given number of units. */
    int wireBytes(int units) {
        return valueEncoding == ValueEncoding.BCD ? (units + 1) / 2 : units;
    }

    /** Whether a shorter value is padded to the fixed length (n with zeros, an/ans with spaces). */
    boolean padsShortValues() {
        return type == FieldType.N || type == FieldType.AN || type == FieldType.ANS;
    }

    @Override
    public String toString() {
        return "DE " + number + " [" + format + "] " + name;
    }
}
