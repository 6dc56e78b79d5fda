package io.kessai.iso8583;

/**
 * How a field's value is written on the wire.
 *
 * <ul>
 *   <li>{@link #ASCII}: one byte per character (any text type).
 *   <li>{@link #BCD}: packed BCD, two digits a byte (n and z only). An odd-length n value gets a
 *       leading 0 nibble, an odd-length z value a trailing F nibble; z's separator is the nibble D.
 *   <li>{@link #HEX}: each byte as two upper-case ASCII hex digits (b only), as jPOS's ISO87APackager
 *       and j8583's ASCII mode write binary fields; a length prefix counts the hex digits.
 *   <li>{@link #RAW}: the bytes themselves (b only); a length prefix counts bytes.
 * </ul>
 */
public enum ValueEncoding {
    ASCII,
    BCD,
    HEX,
    RAW;

    /** Whether a value of this type may be written in this encoding. */
    public boolean suits(FieldType type) {
        return switch (this) {
            case ASCII -> type.isText();
            case BCD -> type == FieldType.N || type == FieldType.Z;
            case HEX, RAW -> type == FieldType.B;
        };
    }
}
