package io.kessai.crypto.dukpt;

/** Key-usage codes of the AES DUKPT derivation data (ANSI X9.24-3-2017 §6.3.2, tables 2 and 3). */
public enum AesKeyUsage {
    KEY_ENCRYPTION(0x0002),
    PIN_ENCRYPTION(0x1000),
    MAC_GENERATION(0x2000),
    MAC_VERIFICATION(0x2001),
    MAC_BOTH(0x2002),
    DATA_ENCRYPT(0x3000),
    DATA_DECRYPT(0x3001),
    DATA_BOTH(0x3002),
    /** Intermediate derivation keys, from the initial key down to the transaction key. */
    KEY_DERIVATION(0x8000),
    /** The initial key, derived from the BDK. */
    KEY_DERIVATION_INITIAL(0x8001);

    private final int code;

    AesKeyUsage(int code) {
        this.code = code;
    }

    /** The 16-bit code written into bytes 2–3 of the derivation data. */
    public int code() {
        return code;
    }

    /** Whether this usage names a derivation key rather than a working key. */
    boolean isDerivation() {
        return this == KEY_DERIVATION || this == KEY_DERIVATION_INITIAL;
    }
}
