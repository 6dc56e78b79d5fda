package io.kessai.center.registry;

import java.util.Objects;

/**
 * A card reader and the phone bound to it (seed 000, reader 5 and phone 9).
 *
 * @param serial the reader's serial, as injected into the HSM's reader records
 * @param initialKeyId upper-case hex: AES DUKPT 8-byte initial key ID, or TDES 10-byte initial KSN (counter 0)
 * @param terminalId the DE 41 card acceptor terminal ID, up to 8 characters, unique within the merchant
 * @param phoneAddress the e-mail address (addr-spec) of the bound phone; results go there
 */
public record Reader(String serial, String initialKeyId, String merchantId, String terminalId, String phoneAddress,
        ReaderStatus status, long version) {
    public Reader {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(initialKeyId, "initialKeyId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(phoneAddress, "phoneAddress");
        Objects.requireNonNull(status, "status");
        assert version >= 1 : "stored versions start at 1";
    }

    /** The same reader at another stored version. */
    public Reader withVersion(long newVersion) {
        return new Reader(serial, initialKeyId, merchantId, terminalId, phoneAddress, status, newVersion);
    }
}
