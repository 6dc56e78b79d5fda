package io.kessai.crypto.hsm;

import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import io.kessai.crypto.envelope.KeyScheme;
import javax.security.auth.Destroyable;

/**
 * What key injection hands to a reader: its initial key (IK / IPEK) and initial key ID. In the field
 * this travels only inside a key-injection device to the reader's secure memory; here it is written to
 * the reader's key file, then destroyed.
 *
 * @param initialKeyId AES: the 8-byte initial key ID; TDES: the 10-byte initial KSN (counter bits 0)
 */
public record ReaderKeyMaterial(String readerSerial, KeyScheme scheme, byte[] initialKeyId, byte[] initialKey, String checkValue)
        implements Destroyable {

    public String initialKeyIdHex() {
        return Hex.encode(initialKeyId);
    }

    @Override
    public void destroy() {
        Bytes.wipe(initialKey);
    }

    @Override
    public String toString() {
        return "ReaderKeyMaterial[" + readerSerial + ", " + scheme + ", IKID " + initialKeyIdHex() + ", KCV " + checkValue + "]";
    }
}
