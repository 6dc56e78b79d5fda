package io.kessai.crypto.dukpt;

/** Host-side DUKPT for either variant, chosen by the KSN's length. */
public final class Dukpt {
    private Dukpt() {}

    /**
     * BDK + KSN → the key for a purpose: AES DUKPT (X9.24-3-2017) for a 12-byte KSN, TDES DUKPT
     * (X9.24-1:2009) for a 10-byte KSN. The caller wipes the returned key.
     *
     * @throws DukptException if the KSN has another length or an invalid counter
     * @throws IllegalArgumentException if the BDK's length does not suit the KSN's variant
     */
    public static byte[] hostKey(byte[] bdk, byte[] ksn, DukptKeyPurpose purpose) throws DukptException {
        return switch (ksn.length) {
            case AesKsn.BYTES -> AesDukpt.hostKey(bdk, AesKsn.parse(ksn), purpose);
            case TdesKsn.BYTES -> TdesDukpt.hostKey(bdk, TdesKsn.parse(ksn), purpose);
            default -> throw new DukptException("KSN must be " + TdesKsn.BYTES + " bytes (TDES DUKPT) or "
                    + AesKsn.BYTES + " bytes (AES DUKPT), got " + ksn.length);
        };
    }
}
