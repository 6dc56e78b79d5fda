package io.kessai.crypto.hsm;

import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import io.kessai.card.Pan;
import io.kessai.crypto.cipher.KeyCheckValue;
import io.kessai.crypto.dukpt.AesDerivationMemo;
import io.kessai.crypto.dukpt.AesDukpt;
import io.kessai.crypto.dukpt.AesKsn;
import io.kessai.crypto.dukpt.DukptException;
import io.kessai.crypto.envelope.CardSettlementInformation;
import io.kessai.crypto.envelope.DukptSession;
import io.kessai.crypto.envelope.DukptSessions;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.crypto.envelope.EnvelopeCrypto;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import io.kessai.crypto.envelope.SettlementCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The HSM in software: keys in a {@link KeyStoreFile} under a {@link MasterKey}, every key copy wiped
 * after the operation that needed it. Thread-safe: operations that change the store are synchronized
 * and persist before they return; reads work on the in-memory maps under the same lock.
 *
 * <p>PCI DSS accepts software key storage under a KEK (3.6.1.2) but PIN translation belongs in a
 * certified SCD for production (PCI PIN): see docs/adr/0002-software-hsm.md.
 */
public final class SoftwareHsm implements Hsm {
    private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern READER_SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final int ISO4_RANDOM_BYTES = 8;
    /** ISO 9564-1: a PIN has 4 to 12 digits. */
    private static final int MIN_PIN_DIGITS = 4;
    private static final int MAX_PIN_DIGITS = 12;

    private final Path storeFile;
    private final MasterKey masterKey;
    private final SecureRandom random;
    private final Clock clock;
    private final Map<String, StoredKey> keysByName = new LinkedHashMap<>();
    /** BDKs by the ID their readers' KSNs carry: "scheme code:ID hex". */
    private final Map<String, StoredKey> bdksById = new LinkedHashMap<>();
    private final List<ReaderRecord> readers = new ArrayList<>();
    /** Readers whose AES DUKPT derivation path is remembered (about 0.5 KiB each, AES-128). */
    private static final int DERIVATION_MEMO_READERS = 50_000;
    /** Intermediate AES DUKPT keys per reader (docs/adr/0012): inside this boundary only. */
    private final AesDerivationMemo aesDerivations = new AesDerivationMemo(DERIVATION_MEMO_READERS);

    private SoftwareHsm(Path storeFile, MasterKey masterKey, SecureRandom random, Clock clock) {
        this.storeFile = storeFile;
        this.masterKey = masterKey;
        this.random = random;
        this.clock = clock;
    }

    /** Creates a new, empty key store file; refuses to overwrite an existing one. */
    public static SoftwareHsm create(Path storeFile, MasterKey masterKey) throws HsmException {
        if (Files.exists(storeFile)) {
            throw new HsmException("key store " + storeFile + " already exists: not overwritten");
        }
        SoftwareHsm hsm = new SoftwareHsm(storeFile, masterKey, new SecureRandom(), Clock.systemUTC());
        hsm.persist();
        return hsm;
    }

    public static SoftwareHsm open(Path storeFile, MasterKey masterKey) throws HsmException {
        if (!Files.exists(storeFile)) {
            throw new HsmException("key store " + storeFile + " does not exist (create it with 'kessai keys create')");
        }
        SoftwareHsm hsm = new SoftwareHsm(storeFile, masterKey, new SecureRandom(), Clock.systemUTC());
        KeyStoreFile.Contents contents = KeyStoreFile.read(storeFile, masterKey);
        for (StoredKey key : contents.keys()) {
            hsm.add(key);
        }
        hsm.readers.addAll(contents.readers());
        return hsm;
    }

    /** A key store that lives only in memory: for tests and benchmarks. */
    public static SoftwareHsm inMemory() {
        return new SoftwareHsm(null, null, new SecureRandom(), Clock.systemUTC());
    }

    @Override
    public synchronized KeyInfo generateBdk(String name, KeyScheme scheme) throws HsmException {
        KeyType type = KeyType.bdkFor(scheme);
        byte[] keyId = freshBdkId(scheme);
        return store(name, type, freshKey(type), keyId);
    }

    @Override
    public synchronized KeyInfo generateZpk(String name, KeyType type) throws HsmException {
        requireZpkType(type);
        return store(name, type, freshKey(type), new byte[0]);
    }

    @Override
    public synchronized KeyInfo importZpk(String name, KeyType type, byte[] clearKey) throws HsmException {
        requireZpkType(type);
        if (clearKey.length != type.keyBytes()) {
            throw new HsmException(type.cliName() + " must be " + type.keyBytes() + " bytes, got " + clearKey.length);
        }
        return store(name, type, clearKey.clone(), new byte[0]);
    }

    @Override
    public synchronized List<KeyInfo> keys() {
        return keysByName.values().stream().map(StoredKey::info).toList();
    }

    @Override
    public synchronized List<ReaderRecord> readers() {
        return List.copyOf(readers);
    }

    @Override
    public synchronized ReaderKeyMaterial injectReader(String bdkName, String readerSerial) throws HsmException {
        if (readerSerial == null || !READER_SERIAL.matcher(readerSerial).matches()) {
            throw new HsmException("reader serial must be 1-32 letters, digits, '.', '_' or '-', got '" + readerSerial + "'");
        }
        for (ReaderRecord reader : readers) {
            if (reader.serial().equals(readerSerial)) {
                throw new HsmException("reader " + readerSerial + " already has a key from BDK " + reader.bdkName()
                        + " (initial key ID " + reader.initialKeyId() + ")");
            }
        }
        StoredKey bdk = requireKey(bdkName);
        KeyScheme scheme = bdk.type.dukptScheme()
                .orElseThrow(() -> new HsmException("key " + bdkName + " is a " + bdk.type.cliName() + ", not a BDK"));
        long deviceId = bdk.nextDeviceId;
        byte[] initialKeyId = DukptKeyIds.initialKeyId(scheme, bdk.keyId, deviceId);
        byte[] bdkBytes = bdk.keyCopy();
        byte[] initialKey;
        try {
            initialKey = DukptKeyIds.initialKey(scheme, bdkBytes, initialKeyId);
        } catch (EnvelopeException e) {
            throw new HsmException("cannot derive the initial key for reader " + readerSerial + ": " + e.getMessage(), e);
        } finally {
            Bytes.wipe(bdkBytes);
        }
        String checkValue = Hex.encode(checkValue(bdk.type, initialKey)); // the initial key has its BDK's algorithm
        bdk.nextDeviceId = deviceId + 1;
        readers.add(new ReaderRecord(readerSerial, bdkName, Hex.encode(initialKeyId), checkValue, now()));
        persist();
        return new ReaderKeyMaterial(readerSerial, scheme, initialKeyId, initialKey, checkValue);
    }

    @Override
    public OpenedEnvelope openEnvelope(SealedEnvelope envelope) throws EnvelopeException {
        KeyScheme scheme = envelope.scheme();
        byte[] ksn = envelope.ksn();
        byte[] plaintext = null;
        try (DukptSession session = hostSession(scheme, ksn)) {
            plaintext = EnvelopeCrypto.open(envelope, session);
            CardSettlementInformation information = SettlementCodec.decode(plaintext);
            return new OpenedEnvelope(scheme, ksn, information);
        } finally {
            Bytes.wipe(plaintext);
        }
    }

    @Override
    public SealedResult sealResult(KeyScheme scheme, byte[] ksn, byte[] resultBody) throws EnvelopeException {
        try (DukptSession session = hostSession(scheme, ksn)) {
            return EnvelopeCrypto.sealResult(session, resultBody);
        }
    }

    @Override
    public EncryptedPinBlock translatePin(KeyScheme scheme, byte[] ksn, EncryptedPinBlock fromReader, Pan pan, String zpkName)
            throws HsmException {
        StoredKey zpk = requireKeyOfType(zpkName, KeyType::isZpk, "zone PIN key");
        char[] pin = null;
        byte[] zpkBytes = null;
        try {
            try (DukptSession session = hostSession(scheme, ksn)) {
                pin = PinTranslation.decodeFromReader(session, fromReader, pan);
            } catch (EnvelopeException e) {
                throw new HsmException("cannot derive the reader's PIN key: " + e.getMessage(), e);
            }
            zpkBytes = zpk.keyCopy();
            byte[] random = new byte[ISO4_RANDOM_BYTES];
            this.random.nextBytes(random);
            return PinTranslation.encodeForZone(zpk.type, zpkBytes, pin, pan, random);
        } finally {
            Bytes.wipe(pin);
            Bytes.wipe(zpkBytes);
        }
    }

    @Override
    public synchronized KeyInfo generatePvk(String name) throws HsmException {
        return generateLocalKey(name, KeyType.PVK_HMAC);
    }

    @Override
    public synchronized KeyInfo generateLocalKey(String name, KeyType type) throws HsmException {
        if (!type.isLocalOnly()) {
            throw new HsmException(type.cliName() + " is not a local key type (pvk-hmac, dek-aes256, pan-index-hmac)");
        }
        return store(name, type, freshKey(type), new byte[0]);
    }

    @Override
    public EncryptedPan encryptPan(String dekName, Pan pan) throws HsmException {
        byte[] dek = requireKeyOfType(dekName, type -> type == KeyType.DEK_AES256, "PAN encryption key").keyCopy();
        try {
            return PanVault.encrypt(dekName, dek, pan, random);
        } finally {
            Bytes.wipe(dek);
        }
    }

    @Override
    public Pan decryptPan(String dekName, EncryptedPan encrypted) throws HsmException {
        if (!dekName.equals(encrypted.keyName())) {
            throw new HsmException("encrypted PAN was made under key " + encrypted.keyName() + ", not " + dekName);
        }
        byte[] dek = requireKeyOfType(dekName, type -> type == KeyType.DEK_AES256, "PAN encryption key").keyCopy();
        try {
            return PanVault.decrypt(dek, encrypted);
        } finally {
            Bytes.wipe(dek);
        }
    }

    @Override
    public String panIndex(String indexKeyName, Pan pan) throws HsmException {
        byte[] key = requireKeyOfType(indexKeyName, type -> type == KeyType.PAN_INDEX_HMAC, "PAN index key").keyCopy();
        try {
            return PanVault.index(key, pan);
        } finally {
            Bytes.wipe(key);
        }
    }

    @Override
    public byte[] pinVerificationValue(String pvkName, Pan pan, char[] pin) throws HsmException {
        if (pin == null || pin.length < MIN_PIN_DIGITS || pin.length > MAX_PIN_DIGITS || !allDigits(pin)) {
            throw new HsmException("a PIN must be " + MIN_PIN_DIGITS + " to " + MAX_PIN_DIGITS + " digits");
        }
        byte[] pvk = requireKeyOfType(pvkName, KeyType::isPvk, "PIN verification key").keyCopy();
        try {
            return PinVerification.pvv(pvk, pan, pin);
        } finally {
            Bytes.wipe(pvk);
        }
    }

    @Override
    public boolean verifyPin(String zpkName, EncryptedPinBlock block, Pan pan, String pvkName, byte[] storedPvv) throws HsmException {
        StoredKey zpk = requireKeyOfType(zpkName, KeyType::isZpk, "zone PIN key");
        byte[] pvk = requireKeyOfType(pvkName, KeyType::isPvk, "PIN verification key").keyCopy();
        byte[] zpkBytes = zpk.keyCopy();
        char[] pin = null;
        byte[] pvv = null;
        try {
            pin = PinVerification.decodeUnderZone(zpk.type, zpkBytes, block, pan);
            if (pin == null) {
                return false;
            }
            pvv = PinVerification.pvv(pvk, pan, pin);
            return Bytes.constantTimeEquals(pvv, storedPvv);
        } finally {
            Bytes.wipe(pin);
            Bytes.wipe(pvk, zpkBytes, pvv);
        }
    }

    private synchronized StoredKey requireKeyOfType(String name, Predicate<KeyType> kind, String what)
            throws HsmException {
        StoredKey key = requireKey(name);
        if (!kind.test(key.type)) {
            throw new HsmException("key " + name + " is a " + key.type.cliName() + ", not a " + what);
        }
        return key;
    }

    private static boolean allDigits(char[] pin) {
        for (char c : pin) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        keysByName.values().forEach(StoredKey::wipe);
        keysByName.clear();
        bdksById.clear();
        aesDerivations.clear();
    }

    /** The host's keys for one KSN: the BDK is found by the ID the KSN carries. */
    private DukptSession hostSession(KeyScheme scheme, byte[] ksn) throws EnvelopeException {
        StoredKey bdk;
        synchronized (this) {
            bdk = bdksById.get(bdkIdKey(scheme, DukptKeyIds.bdkIdOf(scheme, ksn)));
        }
        if (bdk == null) {
            throw new EnvelopeException(EnvelopeException.Reason.UNKNOWN_KEY,
                    "no " + scheme + " BDK with ID " + Hex.encode(DukptKeyIds.bdkIdOf(scheme, ksn)) + " in the key store (KSN "
                            + Hex.encode(ksn) + ")");
        }
        try {
            if (scheme.isAes()) {
                AesKsn aesKsn = AesKsn.parse(ksn);
                byte[] transactionKey = aesDerivations.transactionKey(aesKsn, () -> aesInitialKey(bdk, aesKsn));
                return DukptSessions.fromAesTransactionKey(scheme, transactionKey, aesKsn);
            }
            byte[] bdkBytes = bdk.keyCopy();
            byte[] initialKey = null;
            try {
                initialKey = DukptKeyIds.initialKey(scheme, bdkBytes, DukptKeyIds.initialKeyIdOf(scheme, ksn));
                return DukptSessions.fromInitialKey(scheme, initialKey, ksn);
            } finally {
                Bytes.wipe(bdkBytes, initialKey);
            }
        } catch (DukptException e) {
            throw new EnvelopeException(EnvelopeException.Reason.BAD_KSN, "KSN " + Hex.encode(ksn) + ": " + e.getMessage(), e);
        }
    }

    private static byte[] aesInitialKey(StoredKey bdk, AesKsn ksn) {
        byte[] bdkBytes = bdk.keyCopy();
        try {
            return AesDukpt.initialKey(bdkBytes, ksn.initialKeyId());
        } finally {
            Bytes.wipe(bdkBytes);
        }
    }

    /**
     * Wipes the remembered AES DUKPT derivation paths, so the next envelope of every reader is derived
     * from its BDK again (benchmarks measure that cold case with it).
     */
    public void forgetDerivedKeys() {
        aesDerivations.clear();
    }

    private KeyInfo store(String name, KeyType type, byte[] key, byte[] keyId) throws HsmException {
        try {
            if (name == null || !KEY_NAME.matcher(name).matches()) {
                throw new HsmException("key name must be 1-64 letters, digits, '.', '_' or '-', got '" + name + "'");
            }
            if (keysByName.containsKey(name)) {
                throw new HsmException("a key named " + name + " already exists");
            }
            StoredKey stored = new StoredKey(name, type, key, keyId, checkValue(type, key), now(), 1);
            add(stored);
            persist();
            return stored.info();
        } finally {
            Bytes.wipe(key);
        }
    }

    private void add(StoredKey key) {
        keysByName.put(key.name, key);
        key.type.dukptScheme().ifPresent(scheme -> bdksById.put(bdkIdKey(scheme, key.keyId), key));
    }

    private void persist() throws HsmException {
        if (storeFile != null) {
            KeyStoreFile.write(storeFile, masterKey, new KeyStoreFile.Contents(List.copyOf(keysByName.values()), readers), random);
        }
    }

    private StoredKey requireKey(String name) throws HsmException {
        StoredKey key = keysByName.get(name);
        if (key == null) {
            throw new HsmException("no key named " + name + " in the key store");
        }
        return key;
    }

    /** Second precision: what the key store keeps, so a reopened store reports the same times. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void requireZpkType(KeyType type) throws HsmException {
        if (!type.isZpk()) {
            throw new HsmException(type.cliName() + " is not a zone PIN key type (zpk-tdes, zpk-aes128, zpk-aes256)");
        }
    }

    private byte[] freshKey(KeyType type) {
        byte[] key = new byte[type.keyBytes()];
        random.nextBytes(key);
        return key;
    }

    private byte[] freshBdkId(KeyScheme scheme) {
        byte[] id = new byte[DukptKeyIds.bdkIdBytes(scheme)];
        do {
            random.nextBytes(id);
        } while (bdksById.containsKey(bdkIdKey(scheme, id)) || isAllZero(id));
        return id;
    }

    private static boolean isAllZero(byte[] bytes) {
        return Arrays.equals(bytes, new byte[bytes.length]);
    }

    private static String bdkIdKey(KeyScheme scheme, byte[] id) {
        return scheme.code() + ":" + Hex.encode(id);
    }

    private static byte[] checkValue(KeyType type, byte[] key) {
        if (type.isPvk() || type == KeyType.PAN_INDEX_HMAC) {
            return KeyCheckValue.hmac(key);
        }
        return type.isAes() ? KeyCheckValue.aes(key) : KeyCheckValue.tdes(key);
    }
}
