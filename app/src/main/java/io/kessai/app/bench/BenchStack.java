package io.kessai.app.bench;

import io.kessai.card.Bytes;
import io.kessai.card.Luhn;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.registry.IssuerDraft;
import io.kessai.center.registry.IssuerLinkDraft;
import io.kessai.center.registry.MerchantDraft;
import io.kessai.center.registry.ReaderDraft;
import io.kessai.center.registry.RegistryException;
import io.kessai.center.registry.RouteDraft;
import io.kessai.center.wiring.Center;
import io.kessai.center.wiring.CenterSettings;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.hsm.HsmException;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.db.Database;
import io.kessai.issuer.IssuerConfig;
import io.kessai.issuer.IssuerException;
import io.kessai.issuer.IssuerHost;
import io.kessai.issuer.store.Schema;
import io.kessai.iso8583.link.LinkState;
import io.kessai.reader.CardReader;
import io.kessai.reader.ReaderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code kessai bench terminal} runs against, started in this process in a directory of its
 * own: one embedded PostgreSQL (fsync and synchronous_commit on), two card companies over ISO 8583 on
 * loopback TCP with their durable stores, the center on HTTPS with its journal, and {@code readers}
 * readers injected from one BDK and registered with one merchant. Every port is chosen by the system,
 * so a run never disturbs a {@code kessai up} or a test on the same machine.
 */
final class BenchStack implements AutoCloseable {
    static final String MERCHANT_ID = "M-BENCH-0001";
    static final String ACTOR = "kessai-bench";
    static final String BDK_NAME = "bench-bdk-aes128";
    static final String ACQUIRER_ID = "00000000001";
    static final String EXPIRY_YYMM = "4912";
    /** Track 2 after the PAN: expiry, service code 101, discretionary data. */
    static final String TRACK2_TAIL = "=" + EXPIRY_YYMM + "1010000012345678";
    static final long CARD_LIMIT_MINOR = 999_999_999_999L;
    static final int ISSUER_TIMEOUT_MILLIS = 10_000;
    static final int DATABASE_POOL = 32;
    private static final int PAN_DIGITS = 16;
    private static final Duration LINKS_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final long LINK_POLL_MILLIS = 50;

    /** A bench card company: its own BIN, issuer code and zone PIN key. */
    record BenchIssuer(String id, String bin, String issuerCode) {
        String zpkName() {
            return "zpk-" + id;
        }
    }

    static final List<BenchIssuer> ISSUERS = List.of(
            new BenchIssuer("bench-a", "999991", "BENCHA"),
            new BenchIssuer("bench-b", "999992", "BENCHB"));

    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<CardReader> readers = new ArrayList<>();
    private final List<String> track2s = new ArrayList<>();
    private Center center;

    private BenchStack() {}

    static BenchStack start(Path directory, int readerCount, int cardsPerIssuer) throws Exception {
        BenchStack stack = new BenchStack();
        try {
            stack.startParts(directory, readerCount, cardsPerIssuer);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startParts(Path directory, int readerCount, int cardsPerIssuer) throws Exception {
        Database database = Database.embedded(directory.resolve("postgres"), 0, DATABASE_POOL);
        running.add(database);
        CenterSettings settings = CenterSettings.from(ConfigValues.of(Map.of(
                "KESSAI_DATA_DIR", directory.resolve("center").toString(),
                "KESSAI_HTTP_HOST", "127.0.0.1",
                "KESSAI_HTTP_PORT", "0")));
        SecureRandom random = new SecureRandom();
        List<IssuerHost> hosts = new ArrayList<>();
        try (SoftwareHsm hsm = Center.openHsm(settings)) {
            for (BenchIssuer issuer : ISSUERS) {
                byte[] zpk = new byte[KeyType.ZPK_AES128.keyBytes()];
                random.nextBytes(zpk);
                try {
                    hsm.importZpk(issuer.zpkName(), KeyType.ZPK_AES128, zpk);
                    hosts.add(startIssuer(directory, database, issuer, zpk, cardsPerIssuer));
                } finally {
                    Bytes.wipe(zpk);
                }
            }
            hsm.generateBdk(BDK_NAME, KeyScheme.AES128_DUKPT);
            for (int i = 1; i <= readerCount; i++) {
                readers.add(provisionReader(hsm, directory.resolve("readers"), i));
            }
        }
        center = Center.start(settings, database);
        running.add(center);
        register(hosts);
        awaitLinksReady();
    }

    private IssuerHost startIssuer(Path directory, Database database, BenchIssuer issuer, byte[] zpk, int cards)
            throws IOException, IssuerException {
        Path accounts = directory.resolve(issuer.id() + "-accounts.csv");
        List<String> lines = new ArrayList<>(cards + 1);
        lines.add("pan,expiry,status,kind,limit_minor,currency,issuer_code");
        for (String pan : pans(issuer.bin(), cards)) {
            lines.add(pan + "," + EXPIRY_YYMM + ",active,credit," + CARD_LIMIT_MINOR + ",JPY," + issuer.issuerCode());
            track2s.add(pan + TRACK2_TAIL);
        }
        Files.write(accounts, lines);
        IssuerHost host = IssuerHost.start(IssuerConfig.builder(directory.resolve("issuers").resolve(issuer.id()))
                .schema(new Schema("issuer_" + issuer.id().replace('-', '_')))
                .accountsFile(accounts)
                .port(0)
                .zonePinKey(new IssuerConfig.ZonePinKey(KeyType.ZPK_AES128, zpk.clone()))
                .build(), database);
        running.add(host);
        return host;
    }

    /** {@code count} Luhn-valid card numbers under {@code bin}. */
    static List<String> pans(String bin, int count) {
        List<String> pans = new ArrayList<>(count);
        int bodyDigits = PAN_DIGITS - 1 - bin.length();
        for (int i = 0; i < count; i++) {
            String body = bin + String.format("%0" + bodyDigits + "d", i);
            pans.add(body + Luhn.checkDigit(body));
        }
        return pans;
    }

    private static CardReader provisionReader(SoftwareHsm hsm, Path directory, int number) throws HsmException, ReaderException {
        String serial = String.format("R-BENCH-%04d", number);
        ReaderKeyMaterial material = hsm.injectReader(BDK_NAME, serial);
        try {
            return CardReader.provision(directory.resolve(serial + ".reader"), material, MERCHANT_ID, String.format("B%07d", number));
        } finally {
            material.destroy();
        }
    }

    private void register(List<IssuerHost> hosts) throws RegistryException {
        var registry = center.registry();
        registry.createMerchant(new MerchantDraft(MERCHANT_ID, "Kessai Bench Shop", "5411", "ACTIVE", null), ACTOR);
        for (int i = 0; i < ISSUERS.size(); i++) {
            BenchIssuer issuer = ISSUERS.get(i);
            registry.createIssuer(new IssuerDraft(issuer.id(), "Bench card company " + issuer.id(),
                    new IssuerLinkDraft("127.0.0.1", hosts.get(i).port(), "binary2", false, ISSUER_TIMEOUT_MILLIS),
                    issuer.zpkName(), ACQUIRER_ID, List.of(issuer.issuerCode()), null), ACTOR);
            registry.createRoute(new RouteDraft(issuer.bin(), issuer.id(), null), ACTOR);
        }
        for (CardReader reader : readers) {
            registry.createReader(new ReaderDraft(reader.serial(), reader.initialKeyIdHex(), MERCHANT_ID, reader.terminalId(),
                    reader.serial().toLowerCase(java.util.Locale.ROOT) + "@phones.kessai.test", "ACTIVE", null), ACTOR);
        }
    }

    private void awaitLinksReady() throws InterruptedException {
        long deadline = System.nanoTime() + LINKS_READY_TIMEOUT.toNanos();
        while (!center.issuerLinks().values().stream().allMatch(state -> state == LinkState.READY)
                || center.issuerLinks().size() < ISSUERS.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("issuer links not ready after " + LINKS_READY_TIMEOUT.toSeconds() + " s: "
                        + center.issuerLinks());
            }
            Thread.sleep(LINK_POLL_MILLIS);
        }
    }

    Center center() {
        return center;
    }

    List<CardReader> readers() {
        return readers;
    }

    /** One track 2 per card, cards of both card companies. */
    List<String> track2s() {
        return track2s;
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("kessai bench: stopping " + running.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        running.clear();
    }
}
