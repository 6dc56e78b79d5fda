package io.kessai.crypto.dukpt;

import io.kessai.card.Bytes;
import io.kessai.crypto.cipher.Ciphers;
import io.kessai.crypto.cipher.KeyAlgorithm;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * AES DUKPT, host side (ANSI X9.24-3-2017 §6): stateless derivation of any reader's keys from the BDK
 * and the KSN the reader sent. Every method returns a new key the caller wipes; every intermediate key
 * is wiped here. The reader side, which may not keep its initial key, is {@link AesDukptRegister}.
 */
public final class AesDukpt {
    /** Derivation data version (§6.3.2 tables 2 and 3). */
    private static final byte DERIVATION_DATA_VERSION = 0x01;

    private AesDukpt() {}

    /**
     * The reader's initial key: the BDK encrypts derivation data carrying usage 0x8001 and the full
     * Initial Key ID (§6.3.3). The initial key has the BDK's AES size.
     */
    public static byte[] initialKey(byte[] bdk, byte[] initialKeyId8) {
        AesDukptKeyType type = derivationKeyType(bdk, "BDK");
        Objects.requireNonNull(initialKeyId8, "initialKeyId8");
        if (initialKeyId8.length != AesKsn.INITIAL_KEY_ID_BYTES) {
            throw new IllegalArgumentException("AES DUKPT Initial Key ID must be " + AesKsn.INITIAL_KEY_ID_BYTES
                    + " bytes, got " + initialKeyId8.length);
        }
        long initialKeyIdData = ByteBuffer.wrap(initialKeyId8).getLong();
        return deriveKey(bdk, AesKeyUsage.KEY_DERIVATION_INITIAL, type, initialKeyIdData);
    }

    /**
     * The transaction (derivation) key for a KSN: from the initial key, for each counter bit from the
     * most significant down that is set, add it to a working counter and derive the next key with usage
     * 0x8000 and that partial counter (§6.1, §6.4).
     */
    public static byte[] transactionKey(byte[] initialKey, AesKsn ksn) {
        AesDukptKeyType type = derivationKeyType(initialKey, "initial key");
        byte[] current = initialKey;
        long remaining = ksn.counter();
        long partialCounter = 0;
        while (remaining != 0) {
            long bit = Long.highestOneBit(remaining);
            remaining ^= bit;
            partialCounter |= bit;
            byte[] next = deriveKey(current, AesKeyUsage.KEY_DERIVATION, type, ksn.derivationKsnData(partialCounter));
            if (current != initialKey) {
                Bytes.wipe(current);
            }
            current = next;
        }
        return current;
    }

    /**
     * A working key: the transaction key encrypts derivation data with the usage, the key type and the
     * full counter (§6.3.3).
     *
     * @throws IllegalArgumentException for the derivation usages 0x8000/0x8001 (use {@link #initialKey} /
     *     {@link #transactionKey}), or a key type stronger than the transaction key, which §6.1.3 forbids
     */
    public static byte[] workingKey(byte[] transactionKey, AesKsn ksn, AesKeyUsage usage, AesDukptKeyType type) {
        AesDukptKeyType parentType = derivationKeyType(transactionKey, "transaction key");
        if (usage.isDerivation()) {
            throw new IllegalArgumentException(usage + " is not a working-key usage");
        }
        if (type.strengthBits() > parentType.strengthBits()) {
            throw new IllegalArgumentException("a " + type + " working key would be stronger than its "
                    + parentType.bits() + "-bit transaction key (X9.24-3-2017 §6.1.3)");
        }
        return deriveKey(transactionKey, usage, type, ksn.derivationKsnData(ksn.counter()));
    }

    /**
     * BDK + KSN → the key for a purpose: PIN → usage 0x1000, MAC → 0x2000, MAC_RESPONSE → 0x2001,
     * DATA → 0x3000, DATA_RESPONSE → 0x3001 (REFERENCE §1.2), of the BDK's AES size; TRANSACTION → the
     * transaction key itself.
     */
    public static byte[] hostKey(byte[] bdk, AesKsn ksn, DukptKeyPurpose purpose) {
        byte[] initialKey = initialKey(bdk, ksn.initialKeyId());
        byte[] transactionKey = null;
        try {
            transactionKey = transactionKey(initialKey, ksn);
            return workingKey(transactionKey, ksn, purpose);
        } finally {
            Bytes.wipe(initialKey, transactionKey);
        }
    }

    /**
     * The key for a purpose from a transaction key, with the mapping of {@link #hostKey}; shared by the
     * host and the reader ({@link AesDukptTransaction#key}).
     */
    public static byte[] workingKey(byte[] transactionKey, AesKsn ksn, DukptKeyPurpose purpose) {
        AesDukptKeyType type = AesDukptKeyType.forBdkLength(transactionKey.length);
        return switch (purpose) {
            case TRANSACTION -> transactionKey.clone();
            case PIN -> workingKey(transactionKey, ksn, AesKeyUsage.PIN_ENCRYPTION, type);
            case MAC -> workingKey(transactionKey, ksn, AesKeyUsage.MAC_GENERATION, type);
            case MAC_RESPONSE -> workingKey(transactionKey, ksn, AesKeyUsage.MAC_VERIFICATION, type);
            case DATA -> workingKey(transactionKey, ksn, AesKeyUsage.DATA_ENCRYPT, type);
            case DATA_RESPONSE -> workingKey(transactionKey, ksn, AesKeyUsage.DATA_DECRYPT, type);
        };
    }

    /**
     * One derivation (§6.3.1): AES-ECB under the parent key of one 16-byte derivation-data block per
     * 128 bits of output, the blocks differing only in their key block counter (1, 2), truncated to the
     * derived key's length.
     *
     * @param ksnData bytes 8–15 of the derivation data as a big-endian long
     */
    static byte[] deriveKey(byte[] parentKey, AesKeyUsage usage, AesDukptKeyType type, long ksnData) {
        int blocks = (type.bytes() + Ciphers.AES_BLOCK_BYTES - 1) / Ciphers.AES_BLOCK_BYTES;
        ByteBuffer derivationData = ByteBuffer.allocate(blocks * Ciphers.AES_BLOCK_BYTES);
        for (int keyBlockCounter = 1; keyBlockCounter <= blocks; keyBlockCounter++) {
            derivationData.put(DERIVATION_DATA_VERSION)
                    .put((byte) keyBlockCounter)
                    .putShort((short) usage.code())
                    .putShort((short) type.algorithmCode())
                    .putShort((short) type.bits())
                    .putLong(ksnData);
        }
        byte[] keyMaterial = Ciphers.aesEcbEncrypt(parentKey, derivationData.array());
        if (keyMaterial.length == type.bytes()) {
            return keyMaterial;
        }
        byte[] key = Arrays.copyOf(keyMaterial, type.bytes());
        Bytes.wipe(keyMaterial);
        return key;
    }

    private static AesDukptKeyType derivationKeyType(byte[] key, String name) {
        Objects.requireNonNull(key, name);
        if (!KeyAlgorithm.AES.isValidLength(key.length)) {
            throw new IllegalArgumentException(
                    "AES DUKPT " + name + " must be 16, 24 or 32 bytes, got " + key.length);
        }
        return AesDukptKeyType.forBdkLength(key.length);
    }
}
