package io.kessai.reader;

import io.kessai.card.Bytes;
import io.kessai.card.CardRead;
import io.kessai.crypto.dukpt.DukptException;
import io.kessai.crypto.dukpt.DukptKeyPurpose;
import io.kessai.crypto.envelope.CardSettlementInformation;
import io.kessai.crypto.envelope.DukptSession;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.crypto.envelope.EnvelopeCrypto;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.PaymentResult;
import io.kessai.crypto.envelope.ResultCodec;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import io.kessai.crypto.envelope.SettlementCodec;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.pin.PinBlockFormat;
import io.kessai.crypto.pin.PinBlocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Card reader 5 of seed 000: seals the card settlement information at the keypad (S204/S405), keeps
 * only the sealed copy until the result arrives, verifies the result and wipes the copy (S412–S415).
 *
 * <p>The reader is a secure device of its own: it holds DUKPT keys and sees the PIN as typed, which is
 * why it may use the crypto primitives that the center may not (see the ArchUnit boundary test).
 * Not thread-safe: one keypad, one transaction at a time.
 */
public final class CardReader {
    private static final int ISO4_RANDOM_BYTES = 8;
    /** ISO 9564-1: a PIN has 4 to 12 digits. */
    private static final int MIN_PIN_DIGITS = 4;
    private static final int MAX_PIN_DIGITS = 12;
    /** A reader that never hears back must not pile up keys: the oldest pending result is dropped. */
    static final int MAX_PENDING = 16;

    private final Path keyFile;
    private final ReaderKeyFile.Contents identity;
    private final KeyRegister register;
    private final Map<String, ReaderKeyFile.Pending> pending;
    private final SecureRandom random = new SecureRandom();
    private long sequence;

    private CardReader(Path keyFile, ReaderKeyFile.Contents identity, KeyRegister register) {
        this.keyFile = keyFile;
        this.identity = identity;
        this.register = register;
        this.pending = new LinkedHashMap<>(identity.pending());
        this.sequence = identity.sequence();
    }

    /** Writes a new key file for a reader from its injected key material; never overwrites a file. */
    public static CardReader provision(Path keyFile, ReaderKeyMaterial material, String merchantId, String terminalId)
            throws ReaderException {
        if (Files.exists(keyFile)) {
            throw new ReaderException("reader key file " + keyFile + " already exists: not overwritten");
        }
        try {
            CardSettlementInformation.requireText("merchant ID", merchantId, CardSettlementInformation.MAX_MERCHANT_ID_CHARS);
            CardSettlementInformation.requireText("terminal ID", terminalId, CardSettlementInformation.MAX_TERMINAL_ID_CHARS);
        } catch (IllegalArgumentException e) {
            throw new ReaderException(e.getMessage());
        }
        KeyRegister register;
        try {
            register = KeyRegister.load(material.scheme(), material.initialKey(), material.initialKeyId());
        } catch (DukptException e) {
            throw new ReaderException("cannot load the injected key: " + e.getMessage(), e);
        }
        ReaderKeyFile.Contents identity = new ReaderKeyFile.Contents(material.readerSerial(), merchantId, terminalId,
                material.scheme(), material.initialKeyIdHex(), material.checkValue(), 0, register.exportState(), Map.of());
        CardReader reader = new CardReader(keyFile, identity, register);
        reader.save();
        return reader;
    }

    public static CardReader load(Path keyFile) throws ReaderException {
        ReaderKeyFile.Contents contents = ReaderKeyFile.read(keyFile);
        try {
            return new CardReader(keyFile, contents, KeyRegister.importState(contents.scheme(), contents.registerState()));
        } catch (DukptException e) {
            throw new ReaderException(keyFile + ": the key register does not load: " + e.getMessage(), e);
        } finally {
            Bytes.wipe(contents.registerState());
        }
    }

    public String serial() {
        return identity.serial();
    }

    public String merchantId() {
        return identity.merchantId();
    }

    public String terminalId() {
        return identity.terminalId();
    }

    public KeyScheme scheme() {
        return identity.scheme();
    }

    /** The initial key ID the center registers this reader under (AES: 8 bytes; TDES: the initial KSN). */
    public String initialKeyIdHex() {
        return identity.initialKeyIdHex();
    }

    public int pendingCount() {
        return pending.size();
    }

    /**
     * Seals one payment: next KSN, PIN block enciphered under its PIN key, settlement information
     * encrypted and MAC'd. The key file is saved before the envelope is returned, so the KSN is spent
     * even if the process dies right after. The caller wipes the PIN it passed; the card read is wiped
     * here once sealed.
     */
    public SealedEnvelope seal(CardRead card, long amountMinor, Currency currency, char[] pinOrNull, LocalDateTime localDateTime)
            throws ReaderException {
        requireValid(amountMinor, pinOrNull);
        if (register.exhausted()) {
            throw new ReaderException("reader " + serial() + ": key register exhausted; the reader needs a new key injection");
        }
        DukptSession session;
        try {
            session = register.next();
        } catch (DukptException e) {
            throw new ReaderException("reader " + serial() + ": " + e.getMessage(), e);
        }
        byte[] plaintext = null;
        try {
            Optional<EncryptedPinBlock> pinBlock = pinOrNull == null
                    ? Optional.empty()
                    : Optional.of(encipherPin(session, pinOrNull, card.pan().digits()));
            long nextSequence = sequence + 1;
            CardSettlementInformation information;
            try {
                information = new CardSettlementInformation(card, amountMinor, currency, pinBlock, merchantId(),
                        terminalId(), serial(), localDateTime, nextSequence);
            } catch (IllegalArgumentException e) {
                throw new ReaderException(e.getMessage());
            }
            plaintext = SettlementCodec.encode(information);
            SealedEnvelope envelope = EnvelopeCrypto.seal(session, plaintext);
            sequence = nextSequence;
            pending.put(ReaderKeyFile.pendingKey(envelope.ksn()),
                    new ReaderKeyFile.Pending(session.key(DukptKeyPurpose.MAC_RESPONSE), envelope.toBytes()));
            while (pending.size() > MAX_PENDING) {
                String oldest = pending.keySet().iterator().next();
                pending.remove(oldest).wipe();
            }
            save();
            return envelope;
        } finally {
            Bytes.wipe(plaintext);
            session.close();
            card.destroy();
        }
    }

    /** Checked before a KSN is drawn, so that a typo costs no key. */
    private static void requireValid(long amountMinor, char[] pinOrNull) throws ReaderException {
        if (amountMinor <= 0 || amountMinor > CardSettlementInformation.MAX_AMOUNT_MINOR) {
            throw new ReaderException("amount must be 1.." + CardSettlementInformation.MAX_AMOUNT_MINOR + " minor units, got " + amountMinor);
        }
        if (pinOrNull != null) {
            boolean digits = true;
            for (char c : pinOrNull) {
                digits &= c >= '0' && c <= '9';
            }
            if (!digits || pinOrNull.length < MIN_PIN_DIGITS || pinOrNull.length > MAX_PIN_DIGITS) {
                throw new ReaderException("PIN must be " + MIN_PIN_DIGITS + " to " + MAX_PIN_DIGITS + " digits");
            }
        }
    }

    /** The sealed copy of a pending envelope, for a re-transfer to the phone (S409–S411). */
    public Optional<SealedEnvelope> pendingEnvelope(byte[] ksn) throws ReaderException {
        ReaderKeyFile.Pending entry = pending.get(ReaderKeyFile.pendingKey(ksn));
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SealedEnvelope.parse(entry.sealedEnvelope()));
        } catch (EnvelopeException e) {
            throw new ReaderException(keyFile + ": a pending envelope is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies a result that claims to answer one of this reader's envelopes, then forgets that envelope
     * (S415: the reader wipes its copy). A forged or unknown result changes nothing.
     */
    public PaymentResult acceptResult(SealedResult result) throws ReaderException, EnvelopeException {
        String key = ReaderKeyFile.pendingKey(result.ksn());
        ReaderKeyFile.Pending entry = pending.get(key);
        if (entry == null) {
            throw new ReaderException("reader " + serial() + ": no envelope with KSN " + result.ksnHex()
                    + " is waiting for a result (already answered, or not from this reader)");
        }
        PaymentResult decoded = ResultCodec.decode(verify(result, entry.responseMacKey()));
        pending.remove(key).wipe();
        save();
        return decoded;
    }

    private byte[] verify(SealedResult result, byte[] responseMacKey) throws EnvelopeException {
        try (DukptSession session = new PendingSession(scheme(), result.ksn(), responseMacKey)) {
            return EnvelopeCrypto.verifyResult(result, session);
        }
    }

    private EncryptedPinBlock encipherPin(DukptSession session, char[] pin, String pan) throws ReaderException {
        byte[] pinKey = session.key(DukptKeyPurpose.PIN);
        byte[] clear = null;
        try {
            if (scheme().isAes()) {
                byte[] randomFill = new byte[ISO4_RANDOM_BYTES];
                random.nextBytes(randomFill);
                return new EncryptedPinBlock(PinBlockFormat.ISO_4, PinBlocks.encipherIso4(pinKey, pin, pan, randomFill));
            }
            clear = PinBlocks.encodeIso0(pin, pan);
            return new EncryptedPinBlock(PinBlockFormat.ISO_0, PinBlocks.encipherTdes(pinKey, clear));
        } catch (IllegalArgumentException e) {
            throw new ReaderException("PIN not accepted: " + e.getMessage());
        } finally {
            Bytes.wipe(pinKey, clear);
        }
    }

    private void save() throws ReaderException {
        byte[] state = register.exportState();
        try {
            ReaderKeyFile.write(keyFile, new ReaderKeyFile.Contents(serial(), merchantId(), terminalId(), scheme(),
                    identity.initialKeyIdHex(), identity.checkValue(), sequence, state, pending));
        } finally {
            Bytes.wipe(state);
        }
    }

    /** Only the response MAC key of a pending transaction survives: enough to verify its result. */
    private record PendingSession(KeyScheme scheme, byte[] ksn, byte[] responseMacKey) implements DukptSession {
        @Override
        public byte[] key(DukptKeyPurpose purpose) {
            if (purpose != DukptKeyPurpose.MAC_RESPONSE) {
                throw new IllegalStateException("a pending transaction keeps only its response MAC key");
            }
            return responseMacKey.clone();
        }

        @Override
        public byte[] ksn() {
            return ksn.clone();
        }

        @Override
        public void close() {}
    }
}
