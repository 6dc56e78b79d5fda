package io.kessai.iso8583.kessai;

import io.kessai.iso8583.DataElement;

/**
 * The ISO 9564-1 PIN block format Kessai sends toward an issuer, and where it travels. An 8-byte
 * block (formats 0 and 3, under a TDES zone PIN key) fits DE 52 (b 8); the 16-byte format 4 block
 * (under an AES zone PIN key) does not, so Kessai carries it in DE 110.
 */
public enum PinBlockFormat {
    ISO_0("00", DataElement.PIN_DATA, PinEncryption.TDES),
    ISO_3("03", DataElement.PIN_DATA, PinEncryption.TDES),
    ISO_4("04", DataElement.PIN_DATA_AES, PinEncryption.AES);

    private static final int TDES_BLOCK_BYTES = 8;
    private static final int AES_BLOCK_BYTES = 16;

    private final String code;
    private final int carrierField;
    private final PinEncryption encryption;

    PinBlockFormat(String code, int carrierField, PinEncryption encryption) {
        this.code = code;
        this.carrierField = carrierField;
        this.encryption = encryption;
    }

    /** Positions 1–2 of DE 53: the ISO 9564 format number. */
    public String code() {
        return code;
    }

    /** DE 52 or DE 110. */
    public int carrierField() {
        return carrierField;
    }

    /** The only cipher this format is used with. */
    public PinEncryption encryption() {
        return encryption;
    }

    /** 8 bytes (TDES block) or 16 (AES block). */
    public int blockBytes() {
        return encryption == PinEncryption.TDES ? TDES_BLOCK_BYTES : AES_BLOCK_BYTES;
    }

    static PinBlockFormat fromCode(String code) {
        for (PinBlockFormat format : values()) {
            if (format.code.equals(code)) {
                return format;
            }
        }
        return null;
    }
}
