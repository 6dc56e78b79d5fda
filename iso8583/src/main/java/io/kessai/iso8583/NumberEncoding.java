package io.kessai.iso8583;

/** How the MTI and the length prefixes are written: ASCII digits, or packed BCD (two digits a byte). */
public enum NumberEncoding {
    ASCII,
    BCD;

    /** Bytes needed for the given number of decimal digits. */
    public int bytesFor(int digits) {
        return this == ASCII ? digits : (digits + 1) / 2;
    }
}
