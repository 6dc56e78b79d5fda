package io.kessai.crypto.dukpt;

/**
 * Type of a key derived by AES DUKPT: the algorithm code and length written into bytes 4–7 of the
 * derivation data (ANSI X9.24-3-2017 §6.2.2, §6.3.2 table 3). All HMAC sizes share algorithm 0x0005.
 */
public enum AesDukptKeyType {
    TDES2(0x0000, 128, 80),
    TDES3(0x0001, 192, 112),
    AES128(0x0002, 128, 128),
    AES192(0x0003, 192, 192),
    AES256(0x0004, 256, 256),
    HMAC128(0x0005, 128, 128),
    HMAC192(0x0005, 192, 192),
    HMAC256(0x0005, 256, 256);

    private static final int BITS_PER_BYTE = 8;

    private final int algorithmCode;
    private final int bits;
    private final int strengthBits;

    /**
     * @param strengthBits security strength per NIST SP 800-57 Part 1 table 2 (2TDEA 80, 3TDEA 112),
     *     used to keep a working key from being stronger than its parent (X9.24-3-2017 §6.1.3)
     */
    AesDukptKeyType(int algorithmCode, int bits, int strengthBits) {
        this.algorithmCode = algorithmCode;
        this.bits = bits;
        this.strengthBits = strengthBits;
    }

    public int algorithmCode() {
        return algorithmCode;
    }

    public int bits() {
        return bits;
    }

    public int bytes() {
        return bits / BITS_PER_BYTE;
    }

    int strengthBits() {
        return strengthBits;
    }

    /**
     * The AES type of a BDK (or initial, intermediate or transaction key) of this many bytes: derivation
     * keys are always AES, and keep the BDK's size all the way down (X9.24-3-2017 §6.3.1).
     *
     * @throws IllegalArgumentException unless 16, 24 or 32
     */
    public static AesDukptKeyType forBdkLength(int bytes) {
        if (bytes == AES128.bytes()) {
            return AES128;
        }
        if (bytes == AES192.bytes()) {
            return AES192;
        }
        if (bytes == AES256.bytes()) {
            return AES256;
        }
        throw new IllegalArgumentException("AES DUKPT derivation keys must be 16, 24 or 32 bytes, got " + bytes);
    }
}
