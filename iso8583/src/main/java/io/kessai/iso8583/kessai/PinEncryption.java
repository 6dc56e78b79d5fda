package io.kessai.iso8583.kessai;

/** The cipher of the zone PIN key, positions 3–4 of DE 53. */
public enum PinEncryption {
    /** Double- or triple-length TDES (PCI PIN: TDEA keying option 1 or 2). */
    TDES("01"),
    AES("02");

    private final String code;

    PinEncryption(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static PinEncryption fromCode(String code) {
        for (PinEncryption encryption : values()) {
            if (encryption.code.equals(code)) {
                return encryption;
            }
        }
        return null;
    }
}
