package io.kessai.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.CardDataException;
import io.kessai.card.CardRead;
import io.kessai.card.Pan;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.crypto.dukpt.TdesDukptRegister;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.PaymentOutcome;
import io.kessai.crypto.envelope.PaymentResult;
import io.kessai.crypto.envelope.ResultCodec;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.OpenedEnvelope;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.crypto.pin.PinBlockFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Seed 000 S201–S215 at the reader: seal, hand over, verify the result, wipe the copy. */
class CardReaderTest {
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 21, 9, 0, 0);
    @TempDir Path dir;

    private final SoftwareHsm hsm = SoftwareHsm.inMemory();

    private CardReader provision(KeyScheme scheme) throws Exception {
        hsm.generateBdk("bdk", scheme);
        ReaderKeyMaterial material = hsm.injectReader("bdk", "R-0001");
        try {
            return CardReader.provision(dir.resolve("r.reader"), material, "M-000000000001", "T0000001");
        } finally {
            material.destroy();
        }
    }

    private static CardRead card() throws CardDataException {
        return TrackRead.of(Track2.parse(";4111111111111111=30121010000012345678?"), Optional.empty());
    }

    private static PaymentResult approved(long amountMinor) {
        return new PaymentResult(PaymentOutcome.APPROVED, "00", Optional.of("123456"), "", "pay_1", amountMinor, "JPY");
    }

    @ParameterizedTest
    @EnumSource(KeyScheme.class)
    void sealsOpensAnswersAndForgets(KeyScheme scheme) throws Exception {
        CardReader reader = provision(scheme);
        char[] pin = "1234".toCharArray();
        CardRead card = card();
        SealedEnvelope envelope = reader.seal(card, 3000, JPY, pin, NOW);
        assertThat(card.isDestroyed()).as("the reader wipes the clear card read once sealed").isTrue();
        assertThat(reader.pendingCount()).isEqualTo(1);
        assertThat(reader.pendingEnvelope(envelope.ksn())).get().extracting(SealedEnvelope::toBytes).isEqualTo(envelope.toBytes());

        OpenedEnvelope opened = hsm.openEnvelope(envelope);
        assertThat(opened.information().amountMinor()).isEqualTo(3000);
        assertThat(opened.information().sequenceNumber()).isEqualTo(1);
        assertThat(opened.information().pinBlock()).get()
                .extracting(p -> p.format())
                .isEqualTo(scheme.isAes() ? PinBlockFormat.ISO_4 : PinBlockFormat.ISO_0);

        // The PIN survives translation to an issuer's zone key: the reader encoded it right.
        hsm.generateZpk("zpk", KeyType.ZPK_TDES);
        assertThat(hsm.translatePin(scheme, envelope.ksn(), opened.information().pinBlock().orElseThrow(),
                Pan.of("4111111111111111"), "zpk").format()).isEqualTo(PinBlockFormat.ISO_0);

        SealedResult result = hsm.sealResult(scheme, envelope.ksn(), ResultCodec.encode(approved(3000)));
        CardReader reloaded = CardReader.load(dir.resolve("r.reader"));
        assertThat(reloaded.acceptResult(SealedResult.parseArmored(result.toArmored()))).isEqualTo(approved(3000));
        assertThat(reloaded.pendingCount()).isZero();
        assertThat(CardReader.load(dir.resolve("r.reader")).pendingCount()).as("forgetting is saved").isZero();
        assertThatThrownBy(() -> reloaded.acceptResult(result))
                .isInstanceOf(ReaderException.class).hasMessageContaining("no envelope with KSN");
    }

    @Test
    void aForgedResultIsRefusedAndTheEnvelopeStaysPending() throws Exception {
        CardReader reader = provision(KeyScheme.AES128_DUKPT);
        SealedEnvelope envelope = reader.seal(card(), 500, JPY, null, NOW);
        byte[] forged = hsm.sealResult(KeyScheme.AES128_DUKPT, envelope.ksn(), ResultCodec.encode(approved(500))).toBytes();
        forged[forged.length - 1] ^= 0x01;
        assertThatThrownBy(() -> reader.acceptResult(SealedResult.parse(forged)))
                .isInstanceOfSatisfying(EnvelopeException.class,
                        e -> assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.MAC_MISMATCH));
        assertThat(reader.pendingCount()).isEqualTo(1);
    }

    @Test
    void theCounterContinuesAcrossRestartsAndTheFileIsOwnerOnly() throws Exception {
        CardReader reader = provision(KeyScheme.AES128_DUKPT);
        byte[] first = reader.seal(card(), 100, JPY, null, NOW).ksn();
        byte[] second = CardReader.load(dir.resolve("r.reader")).seal(card(), 100, JPY, null, NOW).ksn();
        assertThat(first[11]).isEqualTo((byte) 1);
        assertThat(second[11]).isEqualTo((byte) 2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("r.reader")))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("r.reader"))).doesNotContain("4111111111111111");
    }

    @Test
    void anExhaustedRegisterStopsCleanlyAndSealsNothing() throws Exception {
        // A TDES reader two valid counters before the end of its 21-bit counter space.
        byte[] ipek = io.kessai.card.Hex.decode("6AC292FAA1315B4D858AB3A3D7D5933A");
        byte[] initialKsn = io.kessai.card.Hex.decode("FFFF9876543210E00000");
        TdesDukptRegister nearEnd = TdesDukptRegister.startingAt(ipek, initialKsn, 0x1FF400);
        ReaderKeyFile.write(dir.resolve("old.reader"), new ReaderKeyFile.Contents("R-OLD", "M1", "T1", KeyScheme.TDES_DUKPT,
                "FFFF9876543210E00000", "AF8C07", 0, nearEnd.exportState(), Map.of()));
        CardReader reader = CardReader.load(dir.resolve("old.reader"));
        int sealed = 0;
        try {
            while (sealed < 10) {
                reader.seal(card(), 100, JPY, null, NOW);
                sealed++;
            }
        } catch (ReaderException e) {
            assertThat(e.getMessage()).contains("exhausted");
        }
        assertThat(sealed).as("0x1FF400 then 0x1FF800, the last valid counter").isEqualTo(2);
        String fileAfter = Files.readString(dir.resolve("old.reader"));
        assertThatThrownBy(() -> reader.seal(card(), 100, JPY, null, NOW)).isInstanceOf(ReaderException.class).hasMessageContaining("exhausted");
        assertThat(Files.readString(dir.resolve("old.reader"))).isEqualTo(fileAfter);
    }

    @Test
    void badSettlementInputIsRefusedBeforeAnythingIsSealed() throws Exception {
        CardReader reader = provision(KeyScheme.AES128_DUKPT);
        String before = Files.readString(dir.resolve("r.reader"));
        assertThatThrownBy(() -> reader.seal(card(), 0, JPY, null, NOW))
                .isInstanceOf(ReaderException.class).hasMessageContaining("amount must be 1..");
        assertThatThrownBy(() -> reader.seal(card(), 100, JPY, "12".toCharArray(), NOW))
                .isInstanceOf(ReaderException.class).hasMessageContaining("PIN");
        assertThat(reader.pendingCount()).isZero();
        assertThat(Files.readString(dir.resolve("r.reader"))).isEqualTo(before);
        assertThat(reader.seal(card(), 100, JPY, null, NOW).ksn()[11]).as("no KSN was spent on the refusals").isEqualTo((byte) 1);
    }

    @Test
    void aBrokenKeyFileIsNamed() throws Exception {
        Files.writeString(dir.resolve("bad.reader"), "format=1\nserial=R\n");
        assertThatThrownBy(() -> CardReader.load(dir.resolve("bad.reader")))
                .isInstanceOf(ReaderException.class).hasMessageContaining("missing 'scheme'");
        assertThatThrownBy(() -> CardReader.provision(dir.resolve("bad.reader"), null, "M", "T"))
                .isInstanceOf(ReaderException.class).hasMessageContaining("already exists");
    }
}
