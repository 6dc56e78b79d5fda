package io.kessai.iso8583;

/** A bitmap as 16 ASCII hex characters (jPOS ISO87APackager, j8583 default) or 8 binary bytes. */
public enum BitmapEncoding {
    HEX(16),
    BINARY(8);

    private final int bytesPerBitmap;

    BitmapEncoding(int bytesPerBitmap) {
        this.bytesPerBitmap = bytesPerBitmap;
    }

    /** Wire bytes of one 64-bit bitmap (primary or secondary). */
    public int bytesPerBitmap() {
        return bytesPerBitmap;
    }
}
