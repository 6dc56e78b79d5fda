package io.kessai.iso8583;

/** The dialects Kessai ships. Built once; immutable and shared. */
public final class Dialects {
    private static final Dialect KESSAI = build();
    private static final Dialect KESSAI_BINARY_BITMAP = KESSAI.withBitmapEncoding(BitmapEncoding.BINARY);

    private Dialects() {}

    /** ISO 8583:1987, ASCII, hex bitmaps: what a jPOS ISO87APackager or j8583 ASCII peer speaks. */
    public static Dialect kessai() {
        return KESSAI;
    }

    /** The Kessai dialect with the chosen bitmap form (hex by default, 8 binary bytes selectable). */
    public static Dialect kessai(BitmapEncoding bitmapEncoding) {
        return bitmapEncoding == BitmapEncoding.HEX ? KESSAI : KESSAI_BINARY_BITMAP;
    }

    private static Dialect build() {
        Dialect.Builder builder = Dialect.builder("kessai")
                .mtiEncoding(NumberEncoding.ASCII)
                .bitmapEncoding(BitmapEncoding.HEX)
                .responseEchoFields(KessaiFields.responseEchoFields());
        for (FieldDefinition definition : KessaiFields.all()) {
            builder.field(definition);
        }
        Dialect dialect = builder.build();
        for (int field = FieldDefinition.FIRST_DATA_ELEMENT; field <= FieldDefinition.LAST_DATA_ELEMENT; field++) {
            if (!dialect.defines(field)) {
                throw new AssertionError("the Kessai dialect must define every field 2..128, DE " + field + " missing");
            }
        }
        return dialect;
    }
}
