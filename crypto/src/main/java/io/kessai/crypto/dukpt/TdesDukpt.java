package io.kessai.crypto.dukpt;

import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import io.kessai.crypto.cipher.Ciphers;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * TDES DUKPT, host side (ANSI X9.24-1:2009 Annex A; = X9.24-3-2017 Annex C): stateless derivation of a
 * reader's keys from a double-length BDK and the KSN. Returned keys are the caller's to wipe; every
 * intermediate key is wiped here. The reader side is {@link TdesDukptRegister}.
 */
public final class TdesDukpt {
    /** Double-length TDES key: the BDK, IPEK and every DUKPT key. */
    public static final int KEY_BYTES = 16;

    private static final int HALF = KEY_BYTES / 2;

    /** X9.24-1:2009 Annex A: the "C0C0 C0C0 0000 0000" mask, applied to the BDK (IPEK right half) and in the NRKGP. */
    private static final byte[] KEY_MASK = Hex.decode("C0C0C0C000000000C0C0C0C000000000");

    // Working-key variants XORed onto the transaction key (X9.24-1:2009 Annex A and its 2004 data variants;
    // REFERENCE §1.1).
    private static final byte[] PIN_VARIANT = Hex.decode("00000000000000FF00000000000000FF");
    private static final byte[] MAC_REQUEST_VARIANT = Hex.decode("000000000000FF00000000000000FF00");
    private static final byte[] MAC_RESPONSE_VARIANT = Hex.decode("00000000FF00000000000000FF000000");
    private static final byte[] DATA_REQUEST_VARIANT = Hex.decode("0000000000FF00000000000000FF0000");
    private static final byte[] DATA_RESPONSE_VARIANT = Hex.decode("000000FF00000000000000FF00000000");

    private TdesDukpt() {}

    /**
     * The initial PIN encryption key (IPEK / IK): TDES-encrypt the leftmost 8 bytes of the initial KSN
     * (counter bits cleared) under the BDK for the left half, under BDK ⊕ C0C0C0C000000000C0C0C0C000000000
     * for the right half (X9.24-1:2009 Annex A).
     */
    public static byte[] ipek(byte[] bdk16, TdesKsn ksn) {
        requireKey(bdk16, "BDK");
        byte[] leftmostEight = Arrays.copyOf(ksn.initialKsn(), HALF);
        byte[] maskedBdk = Bytes.xor(bdk16, KEY_MASK);
        try {
            byte[] left = Ciphers.tdesEcbEncrypt(bdk16, leftmostEight);
            byte[] right = Ciphers.tdesEcbEncrypt(maskedBdk, leftmostEight);
            byte[] ipek = Bytes.concat(left, right);
            Bytes.wipe(left, right);
            return ipek;
        } finally {
            Bytes.wipe(maskedBdk);
        }
    }

    /**
     * The transaction key (future key) for a KSN: for each counter bit from the most significant down
     * that is set, set it in the KSN register and apply the non-reversible key generation process
     * (X9.24-1:2009 Annex A).
     */
    public static byte[] transactionKey(byte[] ipek, TdesKsn ksn) {
        requireKey(ipek, "IPEK");
        byte[] current = ipek;
        long register = ksn.registerBase();
        long remaining = ksn.counter();
        while (remaining != 0) {
            long bit = Long.highestOneBit(remaining);
            remaining ^= bit;
            register |= bit;
            byte[] next = nonReversibleKey(current, register);
            if (current != ipek) {
                Bytes.wipe(current);
            }
            current = next;
        }
        return current;
    }

    /**
     * A working key from a transaction key: XOR the purpose's variant mask; for data keys then encrypt
     * each half of the variant under the variant itself (TDES-ECB), as X9.24-1:2009 prescribes for the
     * data-encryption variants. TRANSACTION returns a copy of the transaction key.
     */
    public static byte[] variant(byte[] transactionKey, DukptKeyPurpose purpose) {
        requireKey(transactionKey, "transaction key");
        return switch (purpose) {
            case TRANSACTION -> transactionKey.clone();
            case PIN -> Bytes.xor(transactionKey, PIN_VARIANT);
            case MAC -> Bytes.xor(transactionKey, MAC_REQUEST_VARIANT);
            case MAC_RESPONSE -> Bytes.xor(transactionKey, MAC_RESPONSE_VARIANT);
            case DATA -> selfEncrypted(Bytes.xor(transactionKey, DATA_REQUEST_VARIANT));
            case DATA_RESPONSE -> selfEncrypted(Bytes.xor(transactionKey, DATA_RESPONSE_VARIANT));
        };
    }

    /** BDK + KSN → the key for a purpose. */
    public static byte[] hostKey(byte[] bdk16, TdesKsn ksn, DukptKeyPurpose purpose) {
        byte[] ipek = ipek(bdk16, ksn);
        byte[] transactionKey = null;
        try {
            transactionKey = transactionKey(ipek, ksn);
            return variant(transactionKey, purpose);
        } finally {
            Bytes.wipe(ipek, transactionKey);
        }
    }

    /**
     * The non-reversible key generation process (X9.24-1:2009 Annex A): new right half = half(K), new left
     * half = half(K ⊕ C0C0C0C000000000C0C0C0C000000000), where half(K) = DES_{K.left}(R ⊕ K.right) ⊕ K.right
     * and R is the KSN register with the counter bits set so far.
     */
    static byte[] nonReversibleKey(byte[] key16, long ksnRegister) {
        byte[] register = ByteBuffer.allocate(Long.BYTES).putLong(ksnRegister).array();
        byte[] maskedKey = Bytes.xor(key16, KEY_MASK);
        byte[] left = null;
        byte[] right = null;
        try {
            left = half(maskedKey, register);
            right = half(key16, register);
            return Bytes.concat(left, right);
        } finally {
            Bytes.wipe(maskedKey, left, right);
        }
    }

    private static byte[] half(byte[] key16, byte[] register) {
        byte[] keyLeft = Arrays.copyOfRange(key16, 0, HALF);
        byte[] keyRight = Arrays.copyOfRange(key16, HALF, KEY_BYTES);
        byte[] input = Bytes.xor(register, keyRight);
        byte[] encrypted = null;
        try {
            encrypted = Ciphers.desEcbEncrypt(keyLeft, input);
            return Bytes.xor(encrypted, keyRight);
        } finally {
            Bytes.wipe(keyLeft, keyRight, input, encrypted);
        }
    }

    /** Data-key step: TDES-ECB(V, V_L) ‖ TDES-ECB(V, V_R), i.e. the variant encrypts itself. */
    private static byte[] selfEncrypted(byte[] variantKey) {
        try {
            return Ciphers.tdesEcbEncrypt(variantKey, variantKey);
        } finally {
            Bytes.wipe(variantKey);
        }
    }

    private static void requireKey(byte[] key, String name) {
        Objects.requireNonNull(key, name);
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "TDES DUKPT " + name + " must be " + KEY_BYTES + " bytes (double length), got " + key.length);
        }
    }
}
