package io.kessai.iso8583;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dialect of ISO 8583: how the MTI and bitmaps are written and one {@link FieldDefinition} per data
 * element it knows. Pure data: every dialect is read by the same {@link IsoEncoder} and
 * {@link IsoDecoder}. Immutable and safe to share between threads.
 */
public final class Dialect {
    /** Index = data element number; 0 and 1 (MTI and bitmap) are never defined as fields. */
    private static final int TABLE_SIZE = FieldDefinition.LAST_DATA_ELEMENT + 1;

    private final String name;
    private final NumberEncoding mtiEncoding;
    private final BitmapEncoding bitmapEncoding;
    private final FieldDefinition[] fields;
    private final int[] responseEchoFields;
    /** Defined fields as presence words, so a bitmap naming an unknown field is caught at once. */
    private final long definedPrimaryBits;
    private final long definedSecondaryBits;

    private Dialect(Builder builder) {
        this.name = builder.name;
        this.mtiEncoding = builder.mtiEncoding;
        this.bitmapEncoding = builder.bitmapEncoding;
        this.fields = builder.fields.clone();
        this.responseEchoFields = builder.responseEchoFields.clone();
        long primary = 0;
        long secondary = 0;
        for (int field = FieldDefinition.FIRST_DATA_ELEMENT; field < TABLE_SIZE; field++) {
            if (fields[field] == null) {
                continue;
            }
            if (FieldBits.inPrimary(field)) {
                primary |= FieldBits.mask(field);
            } else {
                secondary |= FieldBits.mask(field);
            }
        }
        this.definedPrimaryBits = primary;
        this.definedSecondaryBits = secondary;
        for (int field : responseEchoFields) {
            if (fields[field] == null) {
                throw new IllegalArgumentException(
                        "dialect " + name + ": echo field DE " + field + " is not defined");
            }
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public NumberEncoding mtiEncoding() {
        return mtiEncoding;
    }

    public BitmapEncoding bitmapEncoding() {
        return bitmapEncoding;
    }

    public boolean defines(int field) {
        return field >= FieldDefinition.FIRST_DATA_ELEMENT
                && field <= FieldDefinition.LAST_DATA_ELEMENT
                && fields[field] != null;
    }

    /** @throws IllegalArgumentException if this dialect does not define the field */
    public FieldDefinition field(int field) {
        if (!defines(field)) {
            throw new IllegalArgumentException("DE " + field + " is not defined by dialect " + name);
        }
        return fields[field];
    }

    /** Fields a response copies from its request ({@link IsoMessage#createResponse()}), ascending. */
    public int[] responseEchoFields() {
        return responseEchoFields.clone();
    }

    /** The same dialect with the other bitmap form, named after it. */
    public Dialect withBitmapEncoding(BitmapEncoding encoding) {
        return new Builder(name + "-" + encoding.name().toLowerCase(java.util.Locale.ROOT) + "-bitmap")
                .copyOf(this)
                .bitmapEncoding(encoding)
                .build();
    }

    public IsoMessage newMessage(String mti) {
        return new IsoMessage(this, mti);
    }

    /**
     * Decodes one whole message (no length header). The input is copied once: the caller may reuse
     * or zero {@code wire} afterwards.
     */
    public IsoMessage decode(byte[] wire) throws IsoFormatException {
        return IsoDecoder.decode(this, wire, 0, wire.length, true);
    }

    /** Decodes one whole message held in {@code wire[offset, offset + length)}, copying it first. */
    public IsoMessage decode(byte[] wire, int offset, int length) throws IsoFormatException {
        return IsoDecoder.decode(this, wire, offset, length, true);
    }

    /**
     * Decodes one whole message <em>taking</em> the array, without the copy: the message's values
     * are slices of {@code frame}, so zeroing it (or {@link IsoMessage#wipe()}) erases them. For a
     * frame the caller gives up, as one read into an array of its own and never touched again.
     */
    public IsoMessage decodeInPlace(byte[] frame) throws IsoFormatException {
        return IsoDecoder.decode(this, frame, 0, frame.length, false);
    }

    /** The table itself, for the codec in this package: no copy on the hot path. */
    FieldDefinition[] table() {
        return fields;
    }

    long definedPrimaryBits() {
        return definedPrimaryBits;
    }

    long definedSecondaryBits() {
        return definedSecondaryBits;
    }

    int[] echoTable() {
        return responseEchoFields;
    }

    @Override
    public String toString() {
        return "Dialect " + name;
    }

    /** Collects a dialect's definitions; every field is defined once. */
    public static final class Builder {
        private final String name;
        private NumberEncoding mtiEncoding = NumberEncoding.ASCII;
        private BitmapEncoding bitmapEncoding = BitmapEncoding.HEX;
        private final FieldDefinition[] fields = new FieldDefinition[TABLE_SIZE];
        private int[] responseEchoFields = new int[0];

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("dialect name is blank");
            }
        }

        public Builder mtiEncoding(NumberEncoding encoding) {
            this.mtiEncoding = Objects.requireNonNull(encoding, "encoding");
            return this;
        }

        public Builder bitmapEncoding(BitmapEncoding encoding) {
            this.bitmapEncoding = Objects.requireNonNull(encoding, "encoding");
            return this;
        }

        /** Adds a field; defining the same number twice is a mistake in the table. */
        public Builder field(FieldDefinition definition) {
            if (fields[definition.number()] != null) {
                throw new IllegalArgumentException(
                        "dialect " + name + ": DE " + definition.number() + " is defined twice");
            }
            fields[definition.number()] = definition;
            return this;
        }

        /** Replaces (or adds) a field, for a dialect derived from another. */
        public Builder replace(FieldDefinition definition) {
            fields[definition.number()] = definition;
            return this;
        }

        /** Copies encodings, fields and echo fields of another dialect. */
        public Builder copyOf(Dialect other) {
            this.mtiEncoding = other.mtiEncoding;
            this.bitmapEncoding = other.bitmapEncoding;
            System.arraycopy(other.fields, 0, fields, 0, TABLE_SIZE);
            this.responseEchoFields = other.responseEchoFields.clone();
            return this;
        }

        public Builder responseEchoFields(int... echoFields) {
            int[] sorted = echoFields.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                if (sorted[i] < FieldDefinition.FIRST_DATA_ELEMENT
                        || sorted[i] > FieldDefinition.LAST_DATA_ELEMENT
                        || (i > 0 && sorted[i] == sorted[i - 1])) {
                    throw new IllegalArgumentException("echo fields must be distinct, 2..128: "
                            + Arrays.toString(echoFields));
                }
            }
            this.responseEchoFields = sorted;
            return this;
        }

        public Dialect build() {
            return new Dialect(this);
        }
    }
}
