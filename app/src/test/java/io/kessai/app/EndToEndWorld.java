package io.kessai.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.kessai.card.Hex;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.ops.LogFormat;
import io.kessai.center.ops.LogSetup;
import io.kessai.center.registry.AdditionalItemDraft;
import io.kessai.center.registry.IssuerDraft;
import io.kessai.center.registry.IssuerLinkDraft;
import io.kessai.center.registry.MerchantDraft;
import io.kessai.center.registry.ReaderDraft;
import io.kessai.center.registry.Registry;
import io.kessai.center.registry.RouteDraft;
import io.kessai.center.wiring.Center;
import io.kessai.center.wiring.CenterSettings;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.db.Database;
import io.kessai.issuer.IssuerConfig;
import io.kessai.issuer.IssuerHost;
import io.kessai.issuer.store.Schema;
import io.kessai.iso8583.link.LinkState;
import io.kessai.issuer.store.Totals;
import io.kessai.phone.CenterClient;
import io.kessai.phone.CenterTrust;
import io.kessai.reader.CardReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The end-to-end world the EndToEnd*, TerminalRefusals*, CrashRecovery* and CardDataScan test classes
 * share, started once per test run and closed after the last class: one embedded PostgreSQL, two card
 * companies over ISO 8583 on real TCP (a Visa-like range under a TDES zone PIN key, a JCB-like one under
 * AES), the center on HTTPS, reader key files, and the card data every test may use. All of it logs as
 * JSON into {@link #logs}, which the card-data scan reads last, with the logs of the center processes
 * the crash test starts ({@link #processLogs}).
 */
final class EndToEndWorld implements AutoCloseable {
    // Visa-like issuer (TDES ZPK), BINs 411111, 401288, 424242.
    static final String APPROVES = "4111111111111111";
    static final String LOW_LIMIT = "4012888888881881";
    static final String SILENT = "4111110000000005";
    static final String DEBIT = "4242424242424242";
    static final String STOLEN = "4111119999999994";
    /** Routed to the Visa-like issuer but not one of its cards: DE 39 14. */
    static final String NOT_ISSUED = "4111110000000013";
    // JCB-like issuer (AES ZPK), BINs 353011, 356600.
    static final String JCB_APPROVES = "3530111333300000";
    static final String EXPIRED = "3566002020360505";
    static final String LOST = "3530115555555555";
    /** Its issuer answers after {@link #SLOW_ANSWER_MILLIS}: the window in which the crash test kills a center. */
    static final String SLOW = "3530110000000018";
    /** No route at all: the center answers by itself. */
    static final String NO_ROUTE = "5555555555554444";
    static final List<String> CARDS = List.of(APPROVES, LOW_LIMIT, SILENT, DEBIT, STOLEN, NOT_ISSUED, JCB_APPROVES, EXPIRED, LOST,
            SLOW, NO_ROUTE);
    static final String TRACK_SUFFIX = "=30121010000012345678";
    static final String VISA_PIN = "1234";
    static final String JCB_PIN = "4321";
    static final int SLOW_ANSWER_MILLIS = 6_000;
    static final int VISA_TIMEOUT_MILLIS = 1_500;
    static final int JCB_TIMEOUT_MILLIS = 12_000;

    static final String MERCHANT = "M-E2E-0001";
    static final String SUSPENDED_MERCHANT = "M-E2E-SUSP";
    static final String ADMIN_TOKEN = "e2e-admin-token-0123456789abcdefghijklmnop";
    static final String TABLE_ITEM = "table_number";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EndToEndWorld.class);
    private static volatile EndToEndWorld current;

    final Path dir;
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final Path processLogs;
    final Path centerData;
    final Database database;
    final IssuerHost visa;
    final IssuerHost jcb;
    final Center center;
    /** Active reader of {@link #MERCHANT}. */
    final Path reader;
    final Path disabledReader;
    final Path suspendedMerchantReader;
    final Path unregisteredReader;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Use on every test class of the world: starts it once, and JUnit closes it after the whole run. */
    static final class Use implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            current = context.getRoot().getStore(NAMESPACE).computeIfAbsent(EndToEndWorld.class, type -> start(), EndToEndWorld.class);
        }
    }

    static EndToEndWorld get() {
        assertThat(current).as("the test class needs @ExtendWith(EndToEndWorld.Use.class)").isNotNull();
        return current;
    }

    private static EndToEndWorld start() {
        try {
            return new EndToEndWorld(Files.createTempDirectory("kessai-e2e"));
        } catch (Exception e) {
            throw new IllegalStateException("the end-to-end world did not start: " + e.getMessage(), e);
        }
    }

    private EndToEndWorld(Path dir) throws Exception {
        this.dir = dir;
        this.processLogs = Files.createDirectories(dir.resolve("process-logs"));
        this.centerData = dir.resolve("center");
        LogSetup.configure(LogFormat.JSON, Level.INFO, new TeeOutputStream(logs, System.out));
        try {
            database = open(Database.embedded(dir.resolve("postgres"), 0, 24));
            byte[] visaZpk = Hex.decode("0123456789ABCDEFFEDCBA9876543210");
            byte[] jcbZpk = Hex.decode("00112233445566778899AABBCCDDEEFF");
            visa = open(IssuerHost.start(IssuerConfig.builder(dir.resolve("visa"))
                    .schema(new Schema("issuer_e2e"))
                    .accountsFile(accounts("visa.csv",
                            APPROVES + ",3012,active,credit,500000,JPY,VISAE2E," + VISA_PIN + ",",
                            LOW_LIMIT + ",3012,active,credit,1000,JPY,VISAE2E,,",
                            SILENT + ",3012,active,credit,500000,JPY,VISAE2E,,drop",
                            DEBIT + ",3012,active,debit,300000,JPY,VISAE2E," + VISA_PIN + ",",
                            STOLEN + ",3012,stolen,credit,500000,JPY,VISAE2E,,"))
                    .port(0)
                    .zonePinKey(new IssuerConfig.ZonePinKey(KeyType.ZPK_TDES, visaZpk.clone()))
                    .build(), database));
            jcb = open(IssuerHost.start(IssuerConfig.builder(dir.resolve("jcb"))
                    .schema(new Schema("issuer_e2e_jcb"))
                    .accountsFile(accounts("jcb.csv",
                            JCB_APPROVES + ",3012,active,credit,800000,JPY,JCBE2E," + JCB_PIN + ",",
                            EXPIRED + ",2001,active,credit,800000,JPY,JCBE2E,,",
                            LOST + ",3012,lost,credit,800000,JPY,JCBE2E,,",
                            SLOW + ",3012,active,credit,800000,JPY,JCBE2E,,delay:" + SLOW_ANSWER_MILLIS))
                    .port(0)
                    .zonePinKey(new IssuerConfig.ZonePinKey(KeyType.ZPK_AES128, jcbZpk.clone()))
                    .build(), database));

            CenterSettings settings = CenterSettings.from(ConfigValues.of(centerValues()));
            try (SoftwareHsm hsm = Center.openHsm(settings)) {
                hsm.importZpk("zpk-e2e", KeyType.ZPK_TDES, visaZpk);
                hsm.importZpk("zpk-e2e-jcb", KeyType.ZPK_AES128, jcbZpk);
                hsm.generateBdk("bdk-e2e", KeyScheme.AES128_DUKPT);
                reader = provision(hsm, "R-E2E-1", MERCHANT, "T0000001");
                disabledReader = provision(hsm, "R-E2E-OFF", MERCHANT, "T0000002");
                suspendedMerchantReader = provision(hsm, "R-E2E-SUSP", SUSPENDED_MERCHANT, "T0000001");
                unregisteredReader = provision(hsm, "R-E2E-NEW", MERCHANT, "T0000009");
            }
            center = open(Center.start(settings, database));
            register(center.registry());
            awaitTrue("both issuer links signed on", Duration.ofSeconds(30),
                    () -> center.issuerLinks().values().stream().filter(state -> state == LinkState.READY).count() == 2);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.add(resource);
        return resource;
    }

    /** The center's settings; the crash test's center processes get the same, as a node sharing the database. */
    Map<String, String> centerValues() {
        return Map.of(
                "KESSAI_DATA_DIR", centerData.toString(),
                "KESSAI_HTTP_HOST", "127.0.0.1",
                "KESSAI_HTTP_PORT", "0",
                "KESSAI_ADMIN_TOKEN", ADMIN_TOKEN);
    }

    private Path accounts(String name, String... lines) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "pan,expiry,status,kind,limit_minor,currency,issuer_code,pin,fault\n" + String.join("\n", lines) + "\n");
        return file;
    }

    private Path provision(SoftwareHsm hsm, String serial, String merchant, String terminal) throws Exception {
        ReaderKeyMaterial material = hsm.injectReader("bdk-e2e", serial);
        Path file = dir.resolve(serial + ".reader");
        CardReader.provision(file, material, merchant, terminal);
        material.destroy();
        return file;
    }

    private void register(Registry registry) throws Exception {
        registry.createMerchant(new MerchantDraft(MERCHANT, "E2E shop", "5411", "ACTIVE", List.of(new AdditionalItemDraft(TABLE_ITEM,
                "テーブル番号", "Table number", "DIGITS", true, 3, null)), null), "test");
        registry.createMerchant(new MerchantDraft(SUSPENDED_MERCHANT, "Suspended shop", "5411", "SUSPENDED", null), "test");
        registry.createIssuer(new IssuerDraft("visa-e2e", "E2E Visa-like issuer",
                new IssuerLinkDraft("127.0.0.1", visa.port(), "binary2", false, VISA_TIMEOUT_MILLIS), "zpk-e2e", "00000000001",
                List.of("VISAE2E"), null), "test");
        registry.createIssuer(new IssuerDraft("jcb-e2e", "E2E JCB-like issuer",
                new IssuerLinkDraft("127.0.0.1", jcb.port(), "binary2", false, JCB_TIMEOUT_MILLIS), "zpk-e2e-jcb", "00000000001",
                List.of("JCBE2E"), null), "test");
        for (String bin : List.of("411111", "401288", "424242")) {
            registry.createRoute(new RouteDraft(bin, "visa-e2e", null), "test");
        }
        for (String bin : List.of("353011", "356600")) {
            registry.createRoute(new RouteDraft(bin, "jcb-e2e", null), "test");
        }
        registry.createReader(readerDraft("R-E2E-1", reader, MERCHANT, "T0000001", "ACTIVE"), "test");
        registry.createReader(readerDraft("R-E2E-OFF", disabledReader, MERCHANT, "T0000002", "DISABLED"), "test");
        registry.createReader(readerDraft("R-E2E-SUSP", suspendedMerchantReader, SUSPENDED_MERCHANT, "T0000001", "ACTIVE"), "test");
    }

    private static ReaderDraft readerDraft(String serial, Path file, String merchant, String terminal, String status) throws Exception {
        return new ReaderDraft(serial, CardReader.load(file).initialKeyIdHex(), merchant, terminal,
                serial.toLowerCase(java.util.Locale.ROOT) + "@phones.kessai.test", status, null);
    }

    /** `kessai terminal pay` in-process against the center, with the merchant's item answered. */
    CliRun pay(String pan, String amount, String... more) {
        List<String> args = new ArrayList<>(List.of("terminal", "pay", "--reader", reader.toString(), "--track2", pan + TRACK_SUFFIX,
                "--amount", amount, "--center", center.baseUri().toString(), "--center-cert", center.certificateFile().toString(),
                "--item", TABLE_ITEM + "=7"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** An envelope sealed by the reader in {@code readerFile}, as the phone would carry it. */
    static SealedEnvelope seal(Path readerFile, String pan, long amountMinor, String pin) throws Exception {
        return CardReader.load(readerFile).seal(TrackRead.of(Track2.parse(pan + TRACK_SUFFIX), Optional.empty()), amountMinor,
                Currency.getInstance("JPY"), pin == null ? null : pin.toCharArray(), LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
    }

    CenterClient phone() throws Exception {
        return new CenterClient(center.baseUri(), CenterTrust.pinned(center.certificateFile()), Duration.ofSeconds(30));
    }

    HttpsProbe probe() throws Exception {
        return new HttpsProbe(center.baseUri(), center.certificateFile());
    }

    static Totals.CurrencyTotals jpy(IssuerHost issuer) {
        return issuer.totals().perCurrency().stream().filter(t -> t.currency().equals("392") || t.currency().equals("JPY"))
                .findFirst().orElse(new Totals.CurrencyTotals("392", zero(), zero(), zero(), zero(), zero(), zero(), 0));
    }

    private static Totals.CountAmount zero() {
        return new Totals.CountAmount(0, 0);
    }

    /**
     * Rows of the center's journal and what both issuers authorized, declined and completed: a refusal
     * must leave every count as it was. (Not the issuers' whole journals: the silent card's reversal is
     * repeated in the background for as long as its 0410s are dropped.)
     */
    Map<String, Long> journalCounts() {
        return database.jdbi().withHandle(h -> Map.of(
                "payments", h.createQuery("SELECT count(*) FROM center.payments").mapTo(Long.class).one(),
                "payment_events", h.createQuery("SELECT count(*) FROM center.payment_events").mapTo(Long.class).one(),
                "issuer_advices", h.createQuery("SELECT count(*) FROM center.issuer_advices").mapTo(Long.class).one(),
                "visa", issuerMessages(visa),
                "jcb", issuerMessages(jcb)));
    }

    private static long issuerMessages(IssuerHost issuer) {
        Totals.CurrencyTotals totals = jpy(issuer);
        return totals.authorizationsApproved().count() + totals.declined().count() + totals.completions().count();
    }

    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                System.err.println("closing " + opened.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        opened.clear();
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
