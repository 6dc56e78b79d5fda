package io.kessai.crypto.envelope;

import io.kessai.card.Bytes;
import io.kessai.crypto.cipher.Ciphers;
import io.kessai.crypto.cipher.Padding;
import io.kessai.crypto.cipher.PaddingException;
import io.kessai.crypto.dukpt.DukptKeyPurpose;
import io.kessai.crypto.mac.Macs;
import java.util.Arrays;

/**
 * Seals and opens envelopes and results: encrypt-then-MAC with the working keys of one DUKPT session.
 *
 * <p>The CBC IV is zero on purpose: the data key is unique to one KSN and a KSN seals one envelope,
 * so no key ever encrypts two messages (X9.24 practice; documented in docs/protocol/envelope.md).
 * Padding is ISO 9797-1 method 2 (0x80 then zeros) so the plaintext length is recovered exactly.
 */
public final class EnvelopeCrypto {
    private EnvelopeCrypto() {}

    /** Reader side: seals a card settlement information (already encoded) under the session's keys. */
    public static SealedEnvelope seal(DukptSession session, byte[] plaintext) {
        KeyScheme scheme = session.scheme();
        byte[] ksn = session.ksn();
        byte[] dataKey = session.key(DukptKeyPurpose.DATA);
        byte[] macKey = session.key(DukptKeyPurpose.MAC);
        byte[] padded = Padding.padMethod2(plaintext, scheme.blockBytes());
        try {
            byte[] ciphertext = encrypt(scheme, dataKey, padded);
            byte[] mac = mac(scheme, macKey, WireFormat.authenticatedBytes(WireFormat.Kind.ENVELOPE, scheme, ksn, ciphertext));
            return new SealedEnvelope(new WireFormat(WireFormat.Kind.ENVELOPE, scheme, ksn, ciphertext, mac));
        } finally {
            Bytes.wipe(dataKey, macKey, padded);
        }
    }

    /**
     * Host side: verifies the MAC first (nothing is decrypted for a forged envelope), then decrypts.
     * The caller wipes the returned plaintext once it has parsed it.
     */
    public static byte[] open(SealedEnvelope envelope, DukptSession session) throws EnvelopeException {
        WireFormat wire = envelope.wire();
        requireSameSession(wire, session);
        byte[] macKey = session.key(DukptKeyPurpose.MAC);
        try {
            verifyMac(wire, macKey);
        } finally {
            Bytes.wipe(macKey);
        }
        byte[] dataKey = session.key(DukptKeyPurpose.DATA);
        byte[] padded = null;
        try {
            padded = decrypt(wire.scheme, dataKey, wire.body());
            return Padding.unpadMethod2(padded, wire.scheme.blockBytes());
        } catch (PaddingException e) {
            // The MAC verified, so the reader sealed this: a reader defect, not an attack.
            throw new EnvelopeException(EnvelopeException.Reason.BAD_CONTENT,
                    "envelope: MAC verified but the decrypted content has bad padding (reader defect?)");
        } finally {
            Bytes.wipe(dataKey, padded);
        }
    }

    /** Center side: MACs a result body under the response MAC key of the envelope's KSN. */
    public static SealedResult sealResult(DukptSession session, byte[] resultBody) {
        KeyScheme scheme = session.scheme();
        byte[] ksn = session.ksn();
        byte[] macKey = session.key(DukptKeyPurpose.MAC_RESPONSE);
        try {
            byte[] mac = mac(scheme, macKey, WireFormat.authenticatedBytes(WireFormat.Kind.RESULT, scheme, ksn, resultBody));
            return new SealedResult(new WireFormat(WireFormat.Kind.RESULT, scheme, ksn, resultBody, mac));
        } finally {
            Bytes.wipe(macKey);
        }
    }

    /** Reader side: verifies a result's MAC and returns its body. */
    public static byte[] verifyResult(SealedResult result, DukptSession session) throws EnvelopeException {
        WireFormat wire = result.wire();
        requireSameSession(wire, session);
        byte[] macKey = session.key(DukptKeyPurpose.MAC_RESPONSE);
        try {
            verifyMac(wire, macKey);
            return wire.body();
        } finally {
            Bytes.wipe(macKey);
        }
    }

    private static void requireSameSession(WireFormat wire, DukptSession session) throws EnvelopeException {
        if (wire.scheme != session.scheme() || !Arrays.equals(wire.ksn(), session.ksn())) {
            throw new EnvelopeException(EnvelopeException.Reason.MAC_MISMATCH,
                    wire.kind.noun + ": sealed under another KSN or scheme than the keys at hand");
        }
    }

    private static void verifyMac(WireFormat wire, byte[] macKey) throws EnvelopeException {
        byte[] expected = mac(wire.scheme, macKey, wire.authenticatedBytes());
        if (!Bytes.constantTimeEquals(expected, wire.mac())) {
            throw new EnvelopeException(EnvelopeException.Reason.MAC_MISMATCH,
                    wire.kind.noun + ": MAC does not verify (tampered, corrupted, or sealed under another key)");
        }
    }

    private static byte[] encrypt(KeyScheme scheme, byte[] key, byte[] padded) {
        return scheme.isAes()
                ? Ciphers.aesCbcEncrypt(key, new byte[scheme.blockBytes()], padded)
                : Ciphers.tdesCbcEncrypt(key, new byte[scheme.blockBytes()], padded);
    }

    private static byte[] decrypt(KeyScheme scheme, byte[] key, byte[] ciphertext) {
        return scheme.isAes()
                ? Ciphers.aesCbcDecrypt(key, new byte[scheme.blockBytes()], ciphertext)
                : Ciphers.tdesCbcDecrypt(key, new byte[scheme.blockBytes()], ciphertext);
    }

    private static byte[] mac(KeyScheme scheme, byte[] key, byte[] data) {
        return scheme.isAes() ? Macs.aesCmac(key, data) : Macs.iso9797Alg3(key, data);
    }
}
