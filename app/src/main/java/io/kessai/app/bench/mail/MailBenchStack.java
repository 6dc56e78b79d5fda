package io.kessai.app.bench.mail;

import io.kessai.card.Hex;
import io.kessai.card.Luhn;
import io.kessai.center.http.ConfigValues;
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
import io.kessai.reader.CardReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the e-mail load runs against, in this process: an embedded PostgreSQL, one card company over ISO
 * 8583 on loopback TCP, the center with its SMTP listener and outbox, and readers each bound to its own
 * phone address. The phones' provider is {@link MailSink}: the center's outbox relays into it.
 */
final class MailBenchStack implements AutoCloseable {
    static final String MERCHANT = "M-MAILBENCH-1";
    static final String CENTER_ADDRESS = "pay@bench.kessai.test";
    static final String BIN = "999993";
    static final String TRACK2_TAIL = "=49121010000012345678";
    private static final byte[] ZPK = Hex.decode("0123456789ABCDEFFEDCBA9876543210");
    private static final Duration LINK_READY = Duration.ofSeconds(60);

    private final List<AutoCloseable> running = new ArrayList<>();
    final List<CardReader> readers = new ArrayList<>();
    final List<String> phones = new ArrayList<>();
    final List<String> track2s = new ArrayList<>();
    Center center;

    static MailBenchStack start(Path dir, int readerCount, int cards, int relayPort, int outboxWorkers) throws Exception {
        MailBenchStack stack = new MailBenchStack();
        try {
            stack.startParts(dir, readerCount, cards, relayPort, outboxWorkers);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startParts(Path dir, int readerCount, int cards, int relayPort, int outboxWorkers) throws Exception {
        Database database = Database.embedded(dir.resolve("postgres"), 0, 48);
        running.add(database);
        StringBuilder accounts = new StringBuilder("pan,expiry,status,kind,limit_minor,currency,issuer_code,pin,fault\n");
        for (int i = 0; i < cards; i++) {
            String body = BIN + String.format("%09d", i);
            String pan = body + Luhn.checkDigit(body);
            accounts.append(pan).append(",4912,active,credit,999999999999,JPY,MAILBENCH,,\n");
            track2s.add(pan + TRACK2_TAIL);
        }
        Path accountsFile = dir.resolve("accounts.csv");
        Files.writeString(accountsFile, accounts);
        IssuerHost issuer = IssuerHost.start(IssuerConfig.builder(dir.resolve("issuer")).schema(new Schema("issuer_mailbench"))
                .accountsFile(accountsFile).port(0).zonePinKey(new IssuerConfig.ZonePinKey(KeyType.ZPK_TDES, ZPK.clone())).build(),
                database);
        running.add(issuer);

        CenterSettings settings = CenterSettings.from(ConfigValues.of(Map.ofEntries(
                Map.entry("KESSAI_DATA_DIR", dir.resolve("center").toString()),
                Map.entry("KESSAI_HTTP_HOST", "127.0.0.1"),
                Map.entry("KESSAI_HTTP_PORT", "0"),
                Map.entry("KESSAI_MAIL_ENABLED", "true"),
                Map.entry("KESSAI_MAIL_ADDRESS", CENTER_ADDRESS),
                Map.entry("KESSAI_MAIL_SMTP_HOST", "127.0.0.1"),
                Map.entry("KESSAI_MAIL_SMTP_PORT", "0"),
                Map.entry("KESSAI_MAIL_SMTP_MAX_CONNECTIONS", "1000"),
                Map.entry("KESSAI_MAIL_RATE_PER_MINUTE", "1000000"),
                Map.entry("KESSAI_MAIL_RELAY_HOST", "127.0.0.1"),
                Map.entry("KESSAI_MAIL_RELAY_PORT", Integer.toString(relayPort)),
                Map.entry("KESSAI_MAIL_OUTBOX_WORKERS", Integer.toString(outboxWorkers)))));
        List<ReaderKeyMaterial> materials = new ArrayList<>();
        try (SoftwareHsm hsm = Center.openHsm(settings)) {
            hsm.importZpk("zpk-mailbench", KeyType.ZPK_TDES, ZPK.clone());
            if (hsm.keys().stream().noneMatch(k -> k.name().equals("bdk-mailbench"))) {
                hsm.generateBdk("bdk-mailbench", KeyScheme.AES128_DUKPT);
            }
            for (int i = 0; i < readerCount; i++) {
                ReaderKeyMaterial material = hsm.injectReader("bdk-mailbench", "R-MB-" + i);
                readers.add(CardReader.provision(dir.resolve("R-MB-" + i + ".reader"), material, MERCHANT, String.format("T%07d", i)));
                materials.add(material);
            }
        }
        center = Center.start(settings, database);
        running.add(center);
        center.registry().createMerchant(new MerchantDraft(MERCHANT, "Mail bench shop", "5411", "ACTIVE", null), "bench");
        center.registry().createIssuer(new IssuerDraft("mailbench", "Mail bench issuer",
                new IssuerLinkDraft("127.0.0.1", issuer.port(), "binary2", false, 10_000), "zpk-mailbench", "00000000001",
                List.of("MAILBENCH"), null), "bench");
        center.registry().createRoute(new RouteDraft(BIN, "mailbench", null), "bench");
        for (int i = 0; i < readers.size(); i++) {
            String phone = "phone-" + i + "@phones.bench.kessai.test";
            phones.add(phone);
            center.registry().createReader(new ReaderDraft("R-MB-" + i, materials.get(i).initialKeyIdHex(), MERCHANT,
                    String.format("T%07d", i), phone, "ACTIVE", null), "bench");
            materials.get(i).destroy();
        }
        long deadline = System.nanoTime() + LINK_READY.toNanos();
        while (center.issuerLinks().get("mailbench") != LinkState.READY) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bench issuer link did not sign on in " + LINK_READY.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
        // The registry polls; the readers must be visible to the flow before the first mail.
        Thread.sleep(Duration.ofSeconds(3).toMillis());
    }

    int smtpPort() {
        return center.mail().orElseThrow().smtpPort().orElseThrow();
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("mail bench: stopping " + running.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        running.clear();
    }
}
