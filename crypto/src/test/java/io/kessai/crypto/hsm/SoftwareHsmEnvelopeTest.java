package io.kessai.crypto.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Bytes;
import io.kessai.card.Pan;
import io.kessai.card.TrackRead;
import io.kessai.crypto.dukpt.DukptKeyPurpose;
import io.kessai.crypto.envelope.CardSettlementInformation;
import io.kessai.crypto.envelope.DukptSession;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.crypto.envelope.EnvelopeCrypto;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.InMemoryKsnLedger;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.KsnLedger;
import io.kessai.crypto.envelope.PaymentOutcome;
import io.kessai.crypto.envelope.PaymentResult;
import io.kessai.crypto.envelope.ResultCodec;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import io.kessai.crypto.envelope.SettlementCodec;
import io.kessai.crypto.pin.PinBlockFormat;
import io.kessai.crypto.pin.PinBlocks;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reader seals, HSM opens: both forms, every scheme, tampering, replays and results. */
class SoftwareHsmEnvelopeTest {

    private static SealedEnvelope seal(TestReaders readers, long amountMinor, Optional<EncryptedPinBlock> pin) throws Exception {
        try (DukptSession session = readers.next()) {
            byte[] plaintext = SettlementCodec.encode(TestReaders.information(TestReaders.trackRead(), amountMinor, pin));
            try {
                return EnvelopeCrypto.seal(session, plaintext);
            } finally {
                Bytes.wipe(plaintext);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KeyScheme.class)
    void opensWhatTheReaderSealedInBothForms(KeyScheme scheme) throws Exception {
        TestReaders readers = new TestReaders(scheme);
        SealedEnvelope envelope = seal(readers, 1500, Optional.empty());

        for (SealedEnvelope received : new SealedEnvelope[] {
            SealedEnvelope.parse(envelope.toBytes()),
            SealedEnvelope.parseArmored(envelope.toArmored()),
            SealedEnvelope.parseAny(envelope.toArmored().getBytes())
        }) {
            OpenedEnvelope opened = readers.hsm.openEnvelope(received);
            CardSettlementInformation info = opened.information();
            assertThat(opened.ksn()).isEqualTo(envelope.ksn());
            assertThat(info.amountMinor()).isEqualTo(1500);
            assertThat(info.currency().getCurrencyCode()).isEqualTo("JPY");
            assertThat(info.merchantId()).isEqualTo("M-000000000001");
            assertThat(info.terminalId()).isEqualTo("T0000001");
            assertThat(info.readerSerial()).isEqualTo("R-0001");
            assertThat(info.localDateTime()).isEqualTo(TestReaders.LOCAL_TIME);
            assertThat(((TrackRead) info.cardRead()).track2().format(false)).isEqualTo(TestReaders.TRACK2);
            assertThat(info.toString()).doesNotContain("4111111111111111").contains("411111******1111");
            opened.destroy();
            assertThat(info.cardRead().isDestroyed()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(KeyScheme.class)
    void flippingAnyBitOfAnyByteIsRefused(KeyScheme scheme) throws Exception {
        TestReaders readers = new TestReaders(scheme);
        byte[] wire = seal(readers, 1000, Optional.empty()).toBytes();
        for (int i = 0; i < wire.length; i++) {
            for (int bit = 0; bit < Byte.SIZE; bit++) {
                byte[] tampered = wire.clone();
                tampered[i] ^= (byte) (1 << bit);
                int position = i;
                assertThatThrownBy(() -> readers.hsm.openEnvelope(SealedEnvelope.parse(tampered)))
                        .as("byte %d bit %d", position, bit)
                        .isInstanceOf(EnvelopeException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KeyScheme.class)
    void aChangedCiphertextOrMacIsAMacMismatch(KeyScheme scheme) throws Exception {
        TestReaders readers = new TestReaders(scheme);
        byte[] wire = seal(readers, 1000, Optional.empty()).toBytes();
        byte[] lastByteChanged = wire.clone();
        lastByteChanged[wire.length - 1] ^= 1;
        assertThatThrownBy(() -> readers.hsm.openEnvelope(SealedEnvelope.parse(lastByteChanged)))
                .isInstanceOfSatisfying(EnvelopeException.class,
                        e -> assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MAC_MISMATCH))
                .hasMessageContaining("MAC does not verify");
    }

    @ParameterizedTest
    @EnumSource(KeyScheme.class)
    void aReusedKsnIsRefusedByTheLedger(KeyScheme scheme) throws Exception {
        TestReaders readers = new TestReaders(scheme);
        KsnLedger ledger = new InMemoryKsnLedger(100);
        SealedEnvelope envelope = seal(readers, 1000, Optional.empty());

        OpenedEnvelope first = readers.hsm.openEnvelope(envelope);
        ledger.requireFirstUse(first.scheme(), first.ksn());
        OpenedEnvelope again = readers.hsm.openEnvelope(SealedEnvelope.parse(envelope.toBytes()));
        assertThatThrownBy(() -> ledger.requireFirstUse(again.scheme(), again.ksn()))
                .isInstanceOfSatisfying(EnvelopeException.class,
                        e -> assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.REPLAYED_KSN))
                .hasMessageContaining("already used");
        SealedEnvelope next = seal(readers, 1000, Optional.empty());
        assertThat(ledger.firstUse(next.scheme(), next.ksn())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(KeyScheme.class)
    void anEnvelopeFromAnUnknownBdkIsRefused(KeyScheme scheme) throws Exception {
        TestReaders readers = new TestReaders(scheme);
        TestReaders strangers = new TestReaders(scheme);
        SealedEnvelope foreign = seal(strangers, 1000, Optional.empty());
        assertThatThrownBy(() -> readers.hsm.openEnvelope(foreign))
                .isInstanceOfSatisfying(EnvelopeException.class,
                        e -> assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.UNKNOWN_KEY));
    }

    @ParameterizedTest
    @EnumSource(KeyScheme.class)
    void theReaderVerifiesARealResultAndRefusesAForgedOne(KeyScheme scheme) throws Exception {
        TestReaders readers = new TestReaders(scheme);
        PaymentResult approved = new PaymentResult(PaymentOutcome.APPROVED, "00", Optional.of("A1B2C3"), "", "pay_1", 1000, "JPY");
        try (DukptSession session = readers.next()) {
            byte[] ksn = session.ksn();
            SealedResult sealed = readers.hsm.sealResult(scheme, ksn, ResultCodec.encode(approved));

            SealedResult received = SealedResult.parseArmored(sealed.toArmored());
            assertThat(ResultCodec.decode(EnvelopeCrypto.verifyResult(received, session))).isEqualTo(approved);

            // A forger without the key can only guess the MAC.
            byte[] forged = sealed.toBytes();
            forged[forged.length - 3] ^= 0x40;
            assertThatThrownBy(() -> EnvelopeCrypto.verifyResult(SealedResult.parse(forged), session))
                    .isInstanceOfSatisfying(EnvelopeException.class,
                            e -> assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MAC_MISMATCH));
            // A result sealed for another KSN does not answer this envelope.
            try (DukptSession other = readers.next()) {
                SealedResult forOther = readers.hsm.sealResult(scheme, other.ksn(), ResultCodec.encode(approved));
                assertThatThrownBy(() -> EnvelopeCrypto.verifyResult(forOther, session)).isInstanceOf(EnvelopeException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KeyScheme.class)
    void translatesTheReadersPinBlockToTdesAndAesZonePinKeys(KeyScheme scheme) throws Exception {
        TestReaders readers = new TestReaders(scheme);
        byte[] tdesZpk = io.kessai.card.Hex.decode("0123456789ABCDEFFEDCBA9876543210");
        byte[] aesZpk = io.kessai.card.Hex.decode("00112233445566778899AABBCCDDEEFF");
        readers.hsm.importZpk("zpk-tdes", KeyType.ZPK_TDES, tdesZpk);
        readers.hsm.importZpk("zpk-aes", KeyType.ZPK_AES128, aesZpk);
        Pan pan = Pan.of("4111111111111111");
        char[] pin = "4321".toCharArray();

        byte[] ksn;
        EncryptedPinBlock fromReader;
        try (DukptSession session = readers.next()) {
            ksn = session.ksn();
            byte[] pinKey = session.key(DukptKeyPurpose.PIN);
            fromReader = scheme.isAes()
                    ? new EncryptedPinBlock(PinBlockFormat.ISO_4, PinBlocks.encipherIso4(pinKey, pin, pan.digits(), new byte[8]))
                    : new EncryptedPinBlock(PinBlockFormat.ISO_0, PinBlocks.encipherTdes(pinKey, PinBlocks.encodeIso0(pin, pan.digits())));
        }

        EncryptedPinBlock toTdesZone = readers.hsm.translatePin(scheme, ksn, fromReader, pan, "zpk-tdes");
        assertThat(toTdesZone.format()).isEqualTo(PinBlockFormat.ISO_0);
        assertThat(PinBlocks.decodeIso0(PinBlocks.decipherTdes(tdesZpk, toTdesZone.block()), pan.digits())).containsExactly(pin);

        EncryptedPinBlock toAesZone = readers.hsm.translatePin(scheme, ksn, fromReader, pan, "zpk-aes");
        assertThat(toAesZone.format()).isEqualTo(PinBlockFormat.ISO_4);
        assertThat(PinBlocks.decipherIso4(aesZpk, toAesZone.block(), pan.digits())).containsExactly(pin);

        // The PIN block is bound to the card: another PAN does not decode it.
        assertThatThrownBy(() -> readers.hsm.translatePin(scheme, ksn, fromReader, Pan.of("4012888888881881"), "zpk-tdes"))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("does not decode")
                .hasMessageNotContaining("4321");
        assertThatThrownBy(() -> readers.hsm.translatePin(scheme, ksn, fromReader, pan, "bdk"))
                .isInstanceOf(HsmException.class)
                .hasMessageContaining("not a zone PIN key");
    }
}
