package io.kessai.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.kessai.card.Hex;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.ops.LogFormat;
import io.kessai.center.ops.LogSetup;
import io.kessai.center.registry.IssuerDraft;
import io.kessai.center.registry.IssuerLinkDraft;
import io.kessai.center.registry.MerchantDraft;
import io.kessai.center.registry.ReaderDraft;
import io.kessai.center.registry.RouteDraft;
import io.kessai.center.wiring.Center;
import io.kessai.center.wiring.CenterSettings;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.db.Database;
import io.kessai.issuer.IssuerConfig;
import io.kessai.issuer.IssuerHost;
import io.kessai.issuer.store.Schema;
import io.kessai.iso8583.link.LinkState;
import io.kessai.phone.CenterAnswer;
import io.kessai.phone.CenterClient;
import io.kessai.phone.CenterTrust;
import io.kessai.reader.CardReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Seed 000 end to end with every part real: reader key file, phone over HTTPS (the center's self-signed
 * certificate pinned), the center on an embedded PostgreSQL, the issuer host over ISO 8583 on TCP. Last,
 * the card data rule: no PAN, track or PIN block in any table or log line after the run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
    static final String APPROVES = "4111111111111111";
    static final String LOW_LIMIT = "4012888888881881";
    static final String SILENT = "4111110000000005";
    static final String TRACK_SUFFIX = "=30121010000012345678";
    static final List<String> CARDS = List.of(APPROVES, LOW_LIMIT, SILENT);

    static Path dir;
    static Database database;
    static IssuerHost issuer;
    static Center center;
    static Path readerFile;
    static ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("kessai-e2e");
        OutputStream tee = new TeeOutputStream(logs, System.out);
        LogSetup.configure(LogFormat.JSON, Level.INFO, tee);
        database = Database.embedded(dir.resolve("postgres"), 0, 16);

        byte[] zpk = Hex.decode("0123456789ABCDEFFEDCBA9876543210");
        Path accounts = dir.resolve("accounts.csv");
        Files.writeString(accounts, String.join("\n",
                "pan,expiry,status,kind,limit_minor,currency,issuer_code,pin,fault",
                APPROVES + ",3012,active,credit,500000,JPY,VISAE2E,1234,",
                LOW_LIMIT + ",3012,active,credit,1000,JPY,VISAE2E,,",
                SILENT + ",3012,active,credit,500000,JPY,VISAE2E,,drop") + "\n");
        issuer = IssuerHost.start(IssuerConfig.builder(dir.resolve("issuer"))
                .schema(new Schema("issuer_e2e"))
                .accountsFile(accounts)
                .port(0)
                .zonePinKey(new IssuerConfig.ZonePinKey(KeyType.ZPK_TDES, zpk.clone()))
                .build(), database);

        CenterSettings settings = CenterSettings.from(ConfigValues.of(Map.of(
                "KESSAI_DATA_DIR", dir.resolve("center").toString(),
                "KESSAI_HTTP_HOST", "127.0.0.1",
                "KESSAI_HTTP_PORT", "0",
                "KESSAI_ADMIN_TOKEN", "e2e-admin-token-0123456789abcdefghijklmnop")));
        try (SoftwareHsm hsm = Center.openHsm(settings)) {
            hsm.importZpk("zpk-e2e", KeyType.ZPK_TDES, zpk);
            hsm.generateBdk("bdk-e2e", KeyScheme.AES128_DUKPT);
            ReaderKeyMaterial material = hsm.injectReader("bdk-e2e", "R-E2E-1");
            readerFile = dir.resolve("R-E2E-1.reader");
            CardReader.provision(readerFile, material, "M-E2E-0001", "T0000001");
            material.destroy();
        }
        center = Center.start(settings, database);
        center.registry().createMerchant(new MerchantDraft("M-E2E-0001", "E2E shop", "5411", "ACTIVE", null), "test");
        center.registry().createIssuer(new IssuerDraft("visa-e2e", "E2E issuer",
                new IssuerLinkDraft("127.0.0.1", issuer.port(), "binary2", false, 1_500), "zpk-e2e", "00000000001",
                List.of("VISAE2E"), null), "test");
        center.registry().createRoute(new RouteDraft("411111", "visa-e2e", null), "test");
        center.registry().createRoute(new RouteDraft("401288", "visa-e2e", null), "test");
        center.registry().createReader(new ReaderDraft("R-E2E-1", CardReader.load(readerFile).initialKeyIdHex(), "M-E2E-0001",
                "T0000001", "phone-e2e@phones.kessai.test", "ACTIVE", null), "test");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (center.issuerLinks().get("visa-e2e") != LinkState.READY && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(center.issuerLinks()).containsEntry("visa-e2e", LinkState.READY);
    }

    @AfterAll
    static void stop() {
        if (center != null) {
            center.close();
        }
        if (issuer != null) {
            issuer.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static CliRun pay(String pan, String amount, String... more) {
        List<String> args = new ArrayList<>(List.of("terminal", "pay", "--reader", readerFile.toString(), "--track2", pan + TRACK_SUFFIX,
                "--amount", amount, "--center", center.baseUri().toString(), "--center-cert", center.certificateFile().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void approvedWithPinThenCompletedWithTheIssuer() {
        CliRun run = pay(APPROVES, "1200", "--pin", "1234", "--payment-method", "61", "--installments", "3",
                "--email", "customer@example.jp");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("APPROVED code=[A-Z0-9]{6} payment=pay_[0-9a-z]{26}");
        assertThat(run.out()).contains("COMPLETED").contains("issuer_acknowledged=true");
        var totals = issuer.totals().perCurrency().get(0);
        assertThat(totals.completions().count()).isEqualTo(1);
        assertThat(totals.completions().amountMinor()).isEqualTo(1200);
    }

    @Test
    @Order(2)
    void declinedOverTheLimit() {
        CliRun run = pay(LOW_LIMIT, "5000");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("DECLINED reason=insufficient_funds");
    }

    @Test
    @Order(3)
    void aWrongPinAsksToEnterItAgain() {
        CliRun run = pay(APPROVES, "300", "--pin", "9999");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("REENTER reason=wrong_pin");
    }

    @Test
    @Order(4)
    void aSilentIssuerIsUnavailableAndTheAuthorizationIsReversed() throws Exception {
        CliRun run = pay(SILENT, "700");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("UNAVAILABLE");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (issuer.totals().perCurrency().get(0).reversals().count() + issuer.totals().unmatchedReversals() == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(issuer.totals().perCurrency().get(0).reversals().count() + issuer.totals().unmatchedReversals()).isPositive();
        // The hold the silent issuer may have taken is released. This card's fault drops every answer, 0410s
        // included, so the center keeps the reversal queued and repeats it: store-and-forward at work.
        assertThat(issuer.totals().perCurrency().get(0).openHolds().count()).isZero();
    }

    @Test
    @Order(5)
    void theSameEnvelopeTwiceIsOneAuthorization() throws Exception {
        CardReader reader = CardReader.load(readerFile);
        var envelope = reader.seal(io.kessai.card.TrackRead.of(io.kessai.card.Track2.parse(APPROVES + TRACK_SUFFIX), Optional.empty()),
                100, Currency.getInstance("JPY"), null, LocalDateTime.now());
        CenterClient phone = new CenterClient(center.baseUri(), CenterTrust.pinned(center.certificateFile()), Duration.ofSeconds(30));
        long approvedBefore = issuer.totals().perCurrency().get(0).authorizationsApproved().count();
        CenterAnswer first = phone.send(envelope);
        CenterAnswer second = phone.send(envelope);
        assertThat(first.outcome()).isEqualTo("approved");
        assertThat(second.duplicate()).isTrue();
        assertThat(second.paymentId()).isEqualTo(first.paymentId());
        assertThat(issuer.totals().perCurrency().get(0).authorizationsApproved().count()).isEqualTo(approvedBefore + 1);
    }

    @Test
    @Order(99)
    void noCardDataInAnyTableOrLogLine() throws Exception {
        List<String> forbidden = new ArrayList<>(CARDS);
        CARDS.forEach(pan -> forbidden.add(pan + TRACK_SUFFIX));
        forbidden.add(TRACK_SUFFIX.substring(1));
        List<String> findings = database.jdbi().withHandle(h -> {
            List<String> found = new ArrayList<>();
            var columns = h.createQuery("SELECT table_schema, table_name, column_name FROM information_schema.columns"
                            + " WHERE table_schema IN ('center', 'issuer_e2e') AND data_type IN ('text', 'character varying',"
                            + " 'character', 'jsonb', 'bytea')")
                    .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list();
            for (List<String> column : columns) {
                String sql = "SELECT \"" + column.get(2) + "\"::text FROM \"" + column.get(0) + "\".\"" + column.get(1) + "\"";
                for (String value : h.createQuery(sql).mapTo(String.class).list()) {
                    if (value == null) {
                        continue;
                    }
                    String decodedBytea = value.startsWith("\\x") ? new String(Hex.decode(value.substring(2)), StandardCharsets.ISO_8859_1) : "";
                    for (String secret : forbidden) {
                        if (value.contains(secret) || decodedBytea.contains(secret)) {
                            found.add(column + " holds card data");
                        }
                    }
                }
            }
            assertThat(columns).as("columns scanned").hasSizeGreaterThan(20);
            return found;
        });
        assertThat(findings).isEmpty();
        String logText = logs.toString(StandardCharsets.UTF_8);
        assertThat(logText).as("log output captured").isNotEmpty();
        for (String secret : forbidden) {
            assertThat(logText).doesNotContain(secret);
        }
    }

    /** Writes to two streams: the test's capture and the console. */
    static final class TeeOutputStream extends OutputStream {
        private final OutputStream a;
        private final PrintStream b;

        TeeOutputStream(OutputStream a, PrintStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int value) throws java.io.IOException {
            a.write(value);
            b.write(value);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            a.write(bytes, offset, length);
            b.write(bytes, offset, length);
        }
    }
}
