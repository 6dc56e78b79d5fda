package io.kessai.crypto.hsm;

import io.kessai.card.Hex;
import java.util.Arrays;

/**
 * A PAN as stored: AES-256-GCM ciphertext, {@code nonce (12) ‖ ciphertext ‖ tag (16)}, with the name
 * of the key that made it so keys can rotate. Shows no bytes in {@link #toString()}.
 */
public record EncryptedPan(String keyName, byte[] sealed) {
    public EncryptedPan {
        sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    public String hex() {
        return Hex.encode(sealed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedPan other && keyName.equals(other.keyName) && Arrays.equals(sealed, other.sealed);
    }

    @Override
    public int hashCode() {
        return keyName.hashCode() * 31 + Arrays.hashCode(sealed);
    }

    @Override
    public String toString() {
        return "EncryptedPan[" + keyName + ", " + sealed.length + " bytes]";
    }
}
