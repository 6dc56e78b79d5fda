package io.kessai.crypto.hsm;

import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import java.time.Instant;

/**
 * One key inside the software HSM. Package-private: key material never leaves this package except as
 * a copy handed to a cipher and wiped after it.
 */
final class StoredKey {
    final String name;
    final KeyType type;
    private final byte[] key;
    /** BDK ID carried in KSNs (AES: 4 bytes, TDES: 5 bytes); empty for other keys. */
    final byte[] keyId;
    final byte[] checkValue;
    final Instant created;
    /** Next derivation ID / device ID to give a reader injected from this BDK. */
    long nextDeviceId;

    StoredKey(String name, KeyType type, byte[] key, byte[] keyId, byte[] checkValue, Instant created, long nextDeviceId) {
        if (key.length != type.keyBytes()) {
            throw new IllegalArgumentException(type + " must be " + type.keyBytes() + " bytes, got " + key.length);
        }
        this.name = name;
        this.type = type;
        this.key = key.clone();
        this.keyId = keyId.clone();
        this.checkValue = checkValue.clone();
        this.created = created;
        this.nextDeviceId = nextDeviceId;
    }

    /** A copy for one operation: the caller wipes it in a finally block. */
    byte[] keyCopy() {
        return key.clone();
    }

    KeyInfo info() {
        return new KeyInfo(name, type, Hex.encode(keyId), Hex.encode(checkValue), created);
    }

    void wipe() {
        Bytes.wipe(key);
    }
}
