package io.kessai.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's first session: key store, BDK, reader injection, sealing, opening, refusals. */
class KeysReaderEnvelopeCommandsTest {
    private static final String TRACK2 = "4111111111111111=30121010000012345678";
    @TempDir Path dir;
    Path store;
    Path master;

    @BeforeEach
    void createStore() {
        store = dir.resolve("keys.kks");
        master = dir.resolve("master.key");
        CliRun created = keys("create");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("master-key-file: " + master + " (created, mode 0600)").contains("store: " + store);
    }

    private CliRun keys(String subcommand, String... more) {
        String[] args = new String[4 + more.length + 2];
        args[0] = "keys";
        args[1] = subcommand;
        args[2] = "--store";
        args[3] = store.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        args[args.length - 2] = "--master-key-file";
        args[args.length - 1] = master.toString();
        return CliRun.of(args);
    }

    private Path injectReader(String bdkType) {
        assertThat(keys("generate-bdk", "--name", "bdk1", "--type", bdkType).exitCode()).isZero();
        Path reader = dir.resolve("r1.reader");
        CliRun injected = keys("inject", "--bdk", "bdk1", "--reader-serial", "R-0001", "--merchant", "M-000000000001",
                "--terminal", "T0000001", "--out", reader.toString());
        assertThat(injected.exitCode()).as(injected.err()).isZero();
        assertThat(injected.out()).contains("reader: R-0001").contains("initial-key-id: ").contains("kcv: ");
        return reader;
    }

    private CliRun open(Path envelope, String... more) {
        String[] base = {"envelope", "open", "--store", store.toString(), "--master-key-file", master.toString(), "--in", envelope.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bdk-aes128", "bdk-aes256", "bdk-tdes"})
    void sealThenOpenShowsEverythingMasked(String bdkType) throws Exception {
        Path reader = injectReader(bdkType);
        CliRun sealed = CliRun.of("reader", "seal", "--reader", reader.toString(), "--track2", TRACK2, "--amount", "1500",
                "--pin", "1234", "--armor", "--local-time", "2026-11-21T10:15:30");
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        assertThat(sealed.out()).startsWith("-----BEGIN KESSAI ENVELOPE-----");
        Path envelope = dir.resolve("env.txt");
        Files.writeString(envelope, sealed.out());

        CliRun opened = open(envelope);
        assertThat(opened.exitCode()).as(opened.err()).isZero();
        assertThat(opened.out())
                .contains("mac: verified")
                .contains("reader: R-0001")
                .contains("merchant: M-000000000001")
                .contains("terminal: T0000001")
                .contains("local-time: 2026-11-21T10:15:30")
                .contains("sequence: 1")
                .contains("amount: 1500 JPY")
                .contains("pin-block: " + (bdkType.equals("bdk-tdes") ? "ISO_0" : "ISO_4"))
                .contains("pan: 411111******1111")
                .contains("expiry: 3012")
                .doesNotContain("4111111111111111")
                .doesNotContain("12345678");
    }

    @Test
    void hexOutputOpensToo_andEachSealUsesTheNextKsn() throws Exception {
        Path reader = injectReader("bdk-aes128");
        String first = CliRun.of("reader", "seal", "--reader", reader.toString(), "--track2", TRACK2, "--amount", "100").line();
        String second = CliRun.of("reader", "seal", "--reader", reader.toString(), "--track2", TRACK2, "--amount", "100").line();
        assertThat(first).matches("[0-9A-F]+").startsWith("4B450101");
        Files.writeString(dir.resolve("1.hex"), first);
        Files.writeString(dir.resolve("2.hex"), second);
        assertThat(open(dir.resolve("1.hex")).out()).containsPattern("ksn: [0-9A-F]{16}00000001");
        assertThat(open(dir.resolve("2.hex")).out()).containsPattern("ksn: [0-9A-F]{16}00000002").contains("sequence: 2");
    }

    @Test
    void aTamperedEnvelopeIsRefusedWithExitCode1() throws Exception {
        Path reader = injectReader("bdk-aes128");
        Path envelope = dir.resolve("env.bin");
        assertThat(CliRun.of("reader", "seal", "--reader", reader.toString(), "--track2", TRACK2, "--amount", "100",
                "--out", envelope.toString()).exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(envelope);
        bytes[bytes.length - 20] ^= 1;
        Files.write(envelope, bytes);
        CliRun refused = open(envelope);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("refused (MAC_MISMATCH)").contains("MAC does not verify");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void aReplayedEnvelopeIsRefusedByTheLedger() throws Exception {
        Path reader = injectReader("bdk-aes128");
        Path envelope = dir.resolve("env.bin");
        CliRun.of("reader", "seal", "--reader", reader.toString(), "--track2", TRACK2, "--amount", "100", "--out", envelope.toString());
        Path ledger = dir.resolve("used-ksns");
        assertThat(open(envelope, "--ksn-ledger", ledger.toString()).exitCode()).isZero();
        CliRun again = open(envelope, "--ksn-ledger", ledger.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("refused (REPLAYED_KSN)");
    }

    @Test
    void keysListShowsNoKeyMaterial() {
        injectReader("bdk-aes128");
        assertThat(keys("import-zpk", "--name", "zpk1", "--type", "zpk-tdes", "--key", "0123456789ABCDEFFEDCBA9876543210").out())
                .contains("kcv: 08D7B4");
        CliRun list = keys("list");
        assertThat(list.out()).contains("key bdk1 bdk-aes128").contains("key zpk1 zpk-tdes id=- kcv=08D7B4")
                .contains("reader R-0001 bdk=bdk1").doesNotContain("0123456789ABCDEF");
    }

    @Test
    void badInputChangesNothing() throws Exception {
        Path reader = injectReader("bdk-aes128");
        String before = Files.readString(reader, StandardCharsets.US_ASCII);
        CliRun badTrack = CliRun.of("reader", "seal", "--reader", reader.toString(), "--track2", "4111111111111112=3012101", "--amount", "100");
        assertThat(badTrack.exitCode()).isEqualTo(2);
        assertThat(badTrack.err()).contains("Luhn").doesNotContain("4111111111111112");
        CliRun badAmount = CliRun.of("reader", "seal", "--reader", reader.toString(), "--track2", TRACK2, "--amount", "12.50");
        assertThat(badAmount.exitCode()).isEqualTo(2);
        assertThat(badAmount.err()).contains("--amount: must be 1 to 12 digits of minor units");
        CliRun badCurrency = CliRun.of("reader", "seal", "--reader", reader.toString(), "--track2", TRACK2, "--amount", "1", "--currency", "XYZ");
        assertThat(badCurrency.err()).contains("--currency: 'XYZ' is not an ISO 4217 currency code");
        assertThat(Files.readString(reader, StandardCharsets.US_ASCII)).isEqualTo(before);

        CliRun badType = keys("generate-bdk", "--name", "b2", "--type", "bdk-des");
        assertThat(badType.exitCode()).isEqualTo(2);
        assertThat(badType.err()).contains("--type: must be one of bdk-aes128, bdk-aes192, bdk-aes256, bdk-tdes, got 'bdk-des'");
        CliRun badMerchant = keys("inject", "--bdk", "bdk1", "--reader-serial", "R-0009", "--merchant", "M-0000000000000001",
                "--terminal", "T1", "--out", dir.resolve("r9").toString());
        assertThat(badMerchant.exitCode()).isEqualTo(2);
        assertThat(badMerchant.err()).contains("--merchant must be 1..15 characters");
        assertThat(keys("list").out()).doesNotContain("R-0009");
    }
}
