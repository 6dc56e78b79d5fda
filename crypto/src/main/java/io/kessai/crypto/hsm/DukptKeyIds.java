package io.kessai.crypto.hsm;

import io.kessai.crypto.dukpt.AesDukpt;
import io.kessai.crypto.dukpt.AesKsn;
import io.kessai.crypto.dukpt.DukptException;
import io.kessai.crypto.dukpt.TdesDukpt;
import io.kessai.crypto.dukpt.TdesKsn;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.KeyScheme;
import java.util.Arrays;

/**
 * How Kessai lays out DUKPT key identifiers, so that a KSN names the BDK that can open it:
 *
 * <pre>
 *   AES  (X9.24-3): KSN = BDK ID (4 bytes) ‖ derivation ID (4 bytes) ‖ counter (32 bits)
 *   TDES (X9.24-1): KSN = key set ID (5 bytes) ‖ device ID (19 bits) ‖ counter (21 bits)
 * </pre>
 *
 * The BDK ID is random at generation; the derivation / device ID counts up per injected reader.
 */
public final class DukptKeyIds {
    static final int AES_BDK_ID_BYTES = 4;
    static final int TDES_BDK_ID_BYTES = 5;
    static final long AES_MAX_DEVICE_ID = 0xFFFF_FFFFL;
    static final long TDES_MAX_DEVICE_ID = (1L << 19) - 1;
    private static final int TDES_COUNTER_BITS = TdesKsn.COUNTER_BITS;
    /** Any valid counter: {@link TdesDukpt#ipek} reads only the initial-KSN part of the KSN. */
    private static final long ANY_VALID_COUNTER = 1;

    private DukptKeyIds() {}

    static int bdkIdBytes(KeyScheme scheme) {
        return scheme.isAes() ? AES_BDK_ID_BYTES : TDES_BDK_ID_BYTES;
    }

    /** AES: the 8-byte initial key ID; TDES: the 10-byte initial KSN (counter bits 0). */
    static byte[] initialKeyId(KeyScheme scheme, byte[] bdkId, long deviceId) throws HsmException {
        long max = scheme.isAes() ? AES_MAX_DEVICE_ID : TDES_MAX_DEVICE_ID;
        if (deviceId < 1 || deviceId > max) {
            throw new HsmException("BDK has no device IDs left (" + max + " readers injected): generate a new BDK");
        }
        if (scheme.isAes()) {
            byte[] id = Arrays.copyOf(bdkId, AesKsn.INITIAL_KEY_ID_BYTES);
            for (int i = 0; i < Integer.BYTES; i++) {
                id[AES_BDK_ID_BYTES + i] = (byte) (deviceId >>> (Byte.SIZE * (Integer.BYTES - 1 - i)));
            }
            return id;
        }
        byte[] ksn = Arrays.copyOf(bdkId, TdesKsn.BYTES);
        long deviceAndCounter = deviceId << TDES_COUNTER_BITS; // 40 bits: 19 device + 21 counter
        for (int i = 0; i < TdesKsn.BYTES - TDES_BDK_ID_BYTES; i++) {
            ksn[TDES_BDK_ID_BYTES + i] = (byte) (deviceAndCounter >>> (Byte.SIZE * (TdesKsn.BYTES - TDES_BDK_ID_BYTES - 1 - i)));
        }
        return ksn;
    }

    static byte[] bdkIdOf(KeyScheme scheme, byte[] ksn) {
        return Arrays.copyOf(ksn, bdkIdBytes(scheme));
    }

    /** AES: the KSN's first 8 bytes; TDES: the KSN with its counter bits cleared. */
    public static byte[] initialKeyIdOf(KeyScheme scheme, byte[] ksn) throws EnvelopeException {
        if (scheme.isAes()) {
            return Arrays.copyOf(ksn, AesKsn.INITIAL_KEY_ID_BYTES);
        }
        try {
            return TdesKsn.of(ksn, ANY_VALID_COUNTER).initialKsn();
        } catch (DukptException e) {
            throw new EnvelopeException(EnvelopeException.Reason.BAD_KSN, e.getMessage(), e);
        }
    }

    static byte[] initialKey(KeyScheme scheme, byte[] bdk, byte[] initialKeyId) throws EnvelopeException {
        if (scheme.isAes()) {
            return AesDukpt.initialKey(bdk, initialKeyId);
        }
        try {
            return TdesDukpt.ipek(bdk, TdesKsn.of(initialKeyId, ANY_VALID_COUNTER));
        } catch (DukptException e) {
            throw new EnvelopeException(EnvelopeException.Reason.BAD_KSN, e.getMessage(), e);
        }
    }
}
