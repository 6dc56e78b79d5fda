package io.kessai.iso8583;

import io.kessai.card.CardDataException;
import io.kessai.card.tlv.BerTlv;
import io.kessai.card.tlv.Tlv;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One ISO 8583 message of a {@link Dialect}: an MTI and values indexed by data element number.
 *
 * <p>Mutable, not thread-safe, cheap: presence lives in two 64-bit words shaped like the wire bitmaps,
 * values in compact arrays in field order (a field's slot is the count of present fields below it,
 * one popcount), each value a slice of a byte array. A decoded message copies its input once and
 * slices that copy, so decoding allocates a handful of arrays, not one per field. Text fields (n, an, ans, z, x+n) are set and read
 * as {@code String}; binary fields (b) as {@code byte[]}. A value is checked against its definition
 * when the message is encoded ({@link #encode()}), which throws {@link IsoFormatException} naming the
 * field; setting only checks that the dialect defines the field and that text goes to a text field.
 *
 * <p>Every value is held as bytes: text as its UTF-8 bytes (so a character ISO 8583 cannot carry
 * stays a byte the encoder refuses, never a silent '?'), decoded text as the ASCII it arrived in.
 * The codec thus copies and checks bytes only, and a track or PIN block that is only forwarded can be
 * erased with {@link #wipe()} (DESIGN.md, "Card data").
 * {@link #toString()} is the masked {@link IsoDump}: it never shows card data.
 */
public final class IsoMessage {
    private static final int INITIAL_CAPACITY = 16;
    private static final int AMOUNT_DIGITS = 12;
    private static final long MAX_AMOUNT_MINOR = 999_999_999_999L;
    private static final int STAN_DIGITS = 6;
    private static final int MAX_STAN = 999_999;
    private static final int DECIMAL_BASE = 10;
    private static final int OFFSET_SHIFT = Integer.SIZE;
    private static final long LENGTH_MASK = 0xFFFF_FFFFL;

    private final Dialect dialect;
    private String mti;
    private long primaryBits;
    private long secondaryBits;
    private int count;
    /** Per present field, in field order: the array holding the value (text as UTF-8/ASCII, binary as is). */
    private byte[][] arrays;
    /** Per present field: offset in its array (high 32 bits) and length (low 32 bits). */
    private long[] slices;

    IsoMessage(Dialect dialect, String mti) {
        this(dialect, mti, INITIAL_CAPACITY);
    }

    /** For the decoder, which knows how many fields follow from the bitmaps. */
    IsoMessage(Dialect dialect, String mti, int capacity) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.mti = Objects.requireNonNull(mti, "mti");
        assert capacity >= 0 && capacity <= FieldDefinition.LAST_DATA_ELEMENT;
        this.arrays = new byte[capacity][];
        this.slices = new long[capacity];
    }

    public Dialect dialect() {
        return dialect;
    }

    public String mti() {
        return mti;
    }

    /** Changes the MTI; it is checked (4 digits) when the message is encoded. */
    public IsoMessage mti(String newMti) {
        this.mti = Objects.requireNonNull(newMti, "mti");
        return this;
    }

    /**
     * Sets a text field (n, an, ans, z, x+n). A fixed n field shorter than its length is zero-padded
     * on the left when encoded, a fixed an/ans field space-padded on the right.
     *
     * @throws IllegalArgumentException if the dialect does not define the field or it is binary
     */
    public IsoMessage set(int field, String text) {
        Objects.requireNonNull(text, "text");
        requireText(field);
        put(field, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Sets a binary field (b). The message keeps the array (no copy) so that {@link #wipe()} erases
     * what the caller handed over; do not change it afterwards.
     *
     * @throws IllegalArgumentException if the dialect does not define the field or it is text
     */
    public IsoMessage set(int field, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (dialect.field(field).type().isText()) {
            throw new IllegalArgumentException("DE " + field + " is text: set it with a String");
        }
        put(field, bytes);
        return this;
    }

    public boolean hasField(int field) {
        if (field < 1 || field > FieldDefinition.LAST_DATA_ELEMENT) {
            return false;
        }
        long word = FieldBits.inPrimary(field) ? primaryBits : secondaryBits;
        return (word & FieldBits.mask(field)) != 0;
    }

    /**
     * The value of a text field, or null when absent.
     *
     * @throws IllegalArgumentException if the dialect does not define the field or it is binary
     */
    public String get(int field) {
        requireText(field);
        if (!hasField(field)) {
            return null;
        }
        int slot = slotOf(field);
        return new String(arrays[slot], offsetAt(slot), lengthAt(slot), StandardCharsets.UTF_8);
    }

    /**
     * A copy of a binary field's bytes, or null when absent. The copy is the caller's to wipe.
     *
     * @throws IllegalArgumentException if the dialect does not define the field or it is text
     */
    public byte[] getBytes(int field) {
        if (dialect.field(field).type().isText()) {
            throw new IllegalArgumentException("DE " + field + " is text: read it with get(int)");
        }
        return hasField(field) ? valueCopy(field) : null;
    }

    /** Removes a field, zeroing its value; removing an absent field does nothing. */
    public IsoMessage remove(int field) {
        dialect.field(field);
        if (!hasField(field)) {
            return this;
        }
        int slot = slotOf(field);
        Arrays.fill(arrays[slot], offsetAt(slot), offsetAt(slot) + lengthAt(slot), (byte) 0);
        System.arraycopy(arrays, slot + 1, arrays, slot, count - slot - 1);
        System.arraycopy(slices, slot + 1, slices, slot, count - slot - 1);
        count--;
        arrays[count] = null;
        if (FieldBits.inPrimary(field)) {
            primaryBits &= ~FieldBits.mask(field);
        } else {
            secondaryBits &= ~FieldBits.mask(field);
        }
        return this;
    }

    /** Present data element numbers, ascending. */
    public int[] fieldNumbers() {
        int[] numbers = new int[count];
        int slot = 0;
        for (long word = primaryBits; word != 0; ) {
            int field = FieldBits.lowestField(word, 1);
            numbers[slot++] = field;
            word &= ~FieldBits.mask(field);
        }
        for (long word = secondaryBits; word != 0; ) {
            int field = FieldBits.lowestField(word, FieldBits.FIELDS_PER_BITMAP + 1);
            numbers[slot++] = field;
            word &= ~FieldBits.mask(field);
        }
        assert slot == count;
        return numbers;
    }

    /** The wire form of this message (no length header). */
    public byte[] encode() throws IsoFormatException {
        return IsoEncoder.encode(this);
    }

    /**
     * The response to this request or advice: MTI function + 1 (0100 → 0110, 0420 → 0430) and the
     * dialect's echo fields copied (STAN, amount, terminal…). The response code is the caller's.
     *
     * @throws IllegalArgumentException if this message is not a request or an advice
     */
    public IsoMessage createResponse() {
        IsoMessage response = new IsoMessage(dialect, Mti.responseTo(mti));
        for (int field : dialect.echoTable()) {
            if (hasField(field)) {
                response.put(field, valueCopy(field));
            }
        }
        return response;
    }

    /** DE 4 in minor units of the DE 49 currency (JPY has none: ¥1,000 is 1000). */
    public long amountMinor() {
        return parseDigits(DataElement.AMOUNT_TRANSACTION, AMOUNT_DIGITS);
    }

    /** Sets DE 4 as 12 digits. */
    public IsoMessage amountMinor(long minorUnits) {
        if (minorUnits < 0 || minorUnits > MAX_AMOUNT_MINOR) {
            throw new IllegalArgumentException("amount must be 0.." + MAX_AMOUNT_MINOR + " minor units");
        }
        return setDigits(DataElement.AMOUNT_TRANSACTION, minorUnits, AMOUNT_DIGITS);
    }

    /** DE 11, the system trace audit number. */
    public int stan() {
        return (int) parseDigits(DataElement.STAN, STAN_DIGITS);
    }

    public IsoMessage stan(int traceNumber) {
        if (traceNumber < 0 || traceNumber > MAX_STAN) {
            throw new IllegalArgumentException("STAN must be 0.." + MAX_STAN + ", was " + traceNumber);
        }
        return setDigits(DataElement.STAN, traceNumber, STAN_DIGITS);
    }

    /** DE 39, or null when absent. */
    public String responseCode() {
        return get(DataElement.RESPONSE_CODE);
    }

    public IsoMessage responseCode(ResponseCode code) {
        return set(DataElement.RESPONSE_CODE, code.code());
    }

    /**
     * DE 55 decoded as BER-TLV (EMV Book 3 Annex B). The codec itself carries DE 55 as bytes; this is
     * the typed view.
     *
     * @throws IsoFormatException if DE 55 is not well-formed BER-TLV (the offset in the text is inside DE 55)
     * @throws IllegalStateException if DE 55 is absent
     */
    public List<Tlv> iccData() throws IsoFormatException {
        if (!dialect.defines(DataElement.ICC_DATA) || !hasField(DataElement.ICC_DATA)) {
            throw new IllegalStateException("DE " + DataElement.ICC_DATA + " is absent");
        }
        int slot = slotOf(DataElement.ICC_DATA);
        try {
            return BerTlv.decode(arrays[slot], offsetAt(slot), lengthAt(slot));
        } catch (CardDataException malformed) {
            throw new IsoFormatException("DE " + DataElement.ICC_DATA + " value: " + malformed.getMessage());
        }
    }

    /** Sets DE 55 to the BER-TLV encoding of the objects. */
    public IsoMessage iccData(List<Tlv> objects) {
        return set(DataElement.ICC_DATA, BerTlv.encode(objects));
    }

    /** Zeroes every byte this message holds (the decoded input, values set as arrays) and removes all fields. */
    public void wipe() {
        for (int slot = 0; slot < count; slot++) {
            Arrays.fill(arrays[slot], (byte) 0);
            arrays[slot] = null;
        }
        count = 0;
        primaryBits = 0;
        secondaryBits = 0;
    }

    // ---- for the codec in this package: no checks, no copies ----

    /** Adds a field above every present one: the decoder's way, in field order. */
    void append(int field, byte[] array, int offset, int length) {
        assert count == 0 || field > lastField() : "fields are appended in ascending order";
        ensureCapacity(count + 1);
        setBit(field);
        arrays[count] = array;
        slices[count] = pack(offset, length);
        count++;
    }

    /** Sets or replaces a field with a whole array; a replaced value is zeroed, as {@link #remove} does. */
    void put(int field, byte[] value) {
        int slot = slotOf(field);
        if (hasField(field)) {
            if (arrays[slot] != value) {
                Arrays.fill(arrays[slot], offsetAt(slot), offsetAt(slot) + lengthAt(slot), (byte) 0);
            }
        } else {
            ensureCapacity(count + 1);
            System.arraycopy(arrays, slot, arrays, slot + 1, count - slot);
            System.arraycopy(slices, slot, slices, slot + 1, count - slot);
            count++;
            setBit(field);
        }
        arrays[slot] = value;
        slices[slot] = pack(0, value.length);
    }

    int count() {
        return count;
    }

    /** The array holding the value in slot {@code slot} (fields in ascending order). */
    byte[] arrayAt(int slot) {
        return arrays[slot];
    }

    int offsetAt(int slot) {
        return (int) (slices[slot] >>> OFFSET_SHIFT);
    }

    int lengthAt(int slot) {
        return (int) (slices[slot] & LENGTH_MASK);
    }

    /** Length in bytes of a present field's value. */
    int lengthOf(int field) {
        return lengthAt(slotOf(field));
    }

    /** A copy of a present field's value. */
    byte[] valueCopy(int field) {
        int slot = slotOf(field);
        return Arrays.copyOfRange(arrays[slot], offsetAt(slot), offsetAt(slot) + lengthAt(slot));
    }

    /** Presence of fields 2..64; bit 1 (secondary bitmap) is the encoder's to set. */
    long primaryBits() {
        return primaryBits;
    }

    long secondaryBits() {
        return secondaryBits;
    }

    /** How many present fields come before {@code field}: its slot, present or not. */
    private int slotOf(int field) {
        if (FieldBits.inPrimary(field)) {
            return Long.bitCount(primaryBits & FieldBits.below(field));
        }
        return Long.bitCount(primaryBits) + Long.bitCount(secondaryBits & FieldBits.below(field));
    }

    /** Highest present field: the lowest set bit of the last non-empty word. */
    private int lastField() {
        if (secondaryBits != 0) {
            return 2 * FieldBits.FIELDS_PER_BITMAP - Long.numberOfTrailingZeros(secondaryBits);
        }
        return FieldBits.FIELDS_PER_BITMAP - Long.numberOfTrailingZeros(primaryBits);
    }

    private void setBit(int field) {
        if (FieldBits.inPrimary(field)) {
            primaryBits |= FieldBits.mask(field);
        } else {
            secondaryBits |= FieldBits.mask(field);
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > arrays.length) {
            int capacity = Math.min(Math.max(needed, arrays.length * 2), FieldDefinition.LAST_DATA_ELEMENT);
            arrays = Arrays.copyOf(arrays, capacity);
            slices = Arrays.copyOf(slices, capacity);
        }
    }

    private static long pack(int offset, int length) {
        assert offset >= 0 && length >= 0;
        return ((long) offset << OFFSET_SHIFT) | length;
    }

    private void requireText(int field) {
        if (!dialect.field(field).type().isText()) {
            throw new IllegalArgumentException("DE " + field + " is binary: use byte[]");
        }
    }

    private long parseDigits(int field, int maxDigits) {
        if (!hasField(field)) {
            throw new IllegalStateException("DE " + field + " is absent");
        }
        int slot = slotOf(field);
        byte[] array = arrays[slot];
        int from = offsetAt(slot);
        int length = lengthAt(slot);
        if (length == 0 || length > maxDigits) {
            throw new IllegalStateException("DE " + field + " is not 1.." + maxDigits + " digits");
        }
        long number = 0;
        for (int i = from; i < from + length; i++) {
            int digit = array[i] - '0';
            if (digit < 0 || digit > DECIMAL_BASE - 1) {
                throw new IllegalStateException("DE " + field + " is not numeric");
            }
            number = number * DECIMAL_BASE + digit;
        }
        return number;
    }

    /** Writes a non-negative number as exactly {@code digits} ASCII digits, zero-padded. */
    private IsoMessage setDigits(int field, long number, int digits) {
        requireText(field);
        byte[] text = new byte[digits];
        long rest = number;
        for (int i = digits - 1; i >= 0; i--) {
            text[i] = (byte) ('0' + (int) (rest % DECIMAL_BASE));
            rest /= DECIMAL_BASE;
        }
        assert rest == 0 : "number wider than its field";
        put(field, text);
        return this;
    }

    /** Same dialect, MTI and values. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof IsoMessage that)) {
            return false;
        }
        if (dialect != that.dialect || !mti.equals(that.mti)
                || primaryBits != that.primaryBits || secondaryBits != that.secondaryBits) {
            return false;
        }
        for (int slot = 0; slot < count; slot++) {
            if (!Arrays.equals(arrays[slot], offsetAt(slot), offsetAt(slot) + lengthAt(slot),
                    that.arrays[slot], that.offsetAt(slot), that.offsetAt(slot) + that.lengthAt(slot))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 31 * mti.hashCode() + Long.hashCode(primaryBits ^ secondaryBits);
        for (int slot = 0; slot < count; slot++) {
            byte[] array = arrays[slot];
            for (int i = offsetAt(slot); i < offsetAt(slot) + lengthAt(slot); i++) {
                hash = 31 * hash + array[i];
            }
        }
        return hash;
    }

    /** The masked dump: safe for logs. */
    @Override
    public String toString() {
        return IsoDump.of(this);
    }
}
