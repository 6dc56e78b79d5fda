package io.kessai.crypto.hsm;

import io.kessai.card.Pan;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import java.util.List;

/**
 * The HSM boundary: the only place where keys and clear PINs exist (DESIGN.md, PCI PIN). Everything else
 * in the center refers to keys by name and handles PIN blocks as opaque {@link EncryptedPinBlock}s.
 * {@link SoftwareHsm} implements it for development and small deployments; a network HSM would too.
 */
public interface Hsm extends AutoCloseable {

    /** Generates a new base derivation key for readers of the given DUKPT scheme. */
    KeyInfo generateBdk(String name, KeyScheme scheme) throws HsmException;

    /** Generates a zone PIN key, to be shared with an issuer under dual control. */
    KeyInfo generateZpk(String name, KeyType type) throws HsmException;

    /**
     * Imports a clear zone PIN key (development and tests only: production loads keys as components or
     * TR-31 key blocks under dual control, PCI DSS 3.6.1 / 3.7.6).
     */
    KeyInfo importZpk(String name, KeyType type, byte[] clearKey) throws HsmException;

    List<KeyInfo> keys();

    List<ReaderRecord> readers();

    /**
     * Derives the initial key of a new reader from a BDK: a new initial key ID for the serial, recorded in
     * the injection log. Refuses a serial that already has a key from this store.
     */
    ReaderKeyMaterial injectReader(String bdkName, String readerSerial) throws HsmException;

    /**
     * Verifies an envelope's MAC and decrypts it. Refuses an unknown BDK, a bad KSN, a MAC that does not
     * verify and content that is not a card settlement information. Whether the KSN was used before is
     * the caller's check ({@link io.kessai.crypto.envelope.KsnLedger}): it needs durable state.
     */
    OpenedEnvelope openEnvelope(SealedEnvelope envelope) throws EnvelopeException;

    /** Seals a result body under the response MAC key of the given KSN. */
    SealedResult sealResult(KeyScheme scheme, byte[] ksn, byte[] resultBody) throws EnvelopeException;

    /**
     * Translates a PIN block from a reader's DUKPT PIN key to a zone PIN key: ISO 9564 format 0 under a
     * TDES ZPK, format 4 under an AES ZPK. The clear PIN exists only inside this call.
     */
    EncryptedPinBlock translatePin(KeyScheme scheme, byte[] ksn, EncryptedPinBlock fromReader, Pan pan, String zpkName)
            throws HsmException;

    /** Generates an issuer's PIN verification key (same as {@code generateLocalKey(name, PVK_HMAC)}). */
    KeyInfo generatePvk(String name) throws HsmException;

    /**
     * Issuer side, at account enrolment: the PIN verification value (PVV) to store for a PAN and a PIN,
     * computed under a PIN verification key. The PVV reveals nothing without the key; the caller wipes
     * the PIN it passed.
     */
    byte[] pinVerificationValue(String pvkName, Pan pan, char[] pin) throws HsmException;

    /**
     * Issuer side, at authorization: does the PIN in this block (under the zone PIN key shared with the
     * acquirer) match the stored PIN verification value? A block that does not decode is a mismatch, not
     * an error: to the cardholder it is a wrong PIN.
     */
    boolean verifyPin(String zpkName, EncryptedPinBlock block, Pan pan, String pvkName, byte[] storedPvv) throws HsmException;

    /**
     * Generates a key that never leaves this HSM: a PIN verification key, a PAN data encryption key or
     * a PAN index key.
     */
    KeyInfo generateLocalKey(String name, KeyType type) throws HsmException;

    /** Encrypts a PAN for storage (AES-256-GCM under a data encryption key). */
    EncryptedPan encryptPan(String dekName, Pan pan) throws HsmException;

    /** The PAN back, for the issuer link only (DESIGN.md: a PAN leaves the vault only toward the issuer). */
    Pan decryptPan(String dekName, EncryptedPan encrypted) throws HsmException;

    /** The keyed hash stored beside an encrypted PAN, to look a card up without decrypting anything. */
    String panIndex(String indexKeyName, Pan pan) throws HsmException;

    @Override
    void close();
}
