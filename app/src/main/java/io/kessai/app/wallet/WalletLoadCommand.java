package io.kessai.app.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kessai.app.bench.CpuMeter;
import io.kessai.app.bench.KeepAliveHttpsClient;
import io.kessai.app.cli.ConfigFile;
import io.kessai.card.Hex;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.registry.IssuerDraft;
import io.kessai.center.registry.IssuerLinkDraft;
import io.kessai.center.registry.MerchantDraft;
import io.kessai.center.registry.RouteDraft;
import io.kessai.center.wallet.ReceiptSender;
import io.kessai.center.wallet.WalletMailers;
import io.kessai.center.wiring.Center;
import io.kessai.center.wiring.CenterSettings;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.db.Database;
import io.kessai.issuer.IssuerConfig;
import io.kessai.issuer.IssuerHost;
import io.kessai.issuer.store.Schema;
import io.kessai.iso8583.link.LinkState;
import io.kessai.phone.CenterTrust;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kessai wallet load}: wallet payments at the counter through the HTTPS API, end to end on this
 * machine (embedded PostgreSQL, an issuer host over ISO 8583, the center): pre-enrolled wallets, then
 * for each payment the phone's code, the POS request, the owner's PIN, and the payment with its
 * authorization and completion. Prints completed payments per second and latency percentiles.
 */
@Command(name = "wallet", mixinStandardHelpOptions = true, description = "Wallet tools.", subcommands = WalletLoadCommand.Load.class)
public final class WalletLoadCommand {
    static final String PAN = "4111111111111111";
    static final String MERCHANT = "M-LOAD-0001";
    static final String ADMIN_TOKEN = "wallet-load-admin-token-0123456789abcdefghijkl";
    static final long AMOUNT_MINOR = 1_000;
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    static final String JSON_TYPE = "application/json";

    @Command(name = "load", mixinStandardHelpOptions = true, description = {
        "Runs wallet payments (code, POS request, PIN, pay) with pre-enrolled wallets on an in-process center.",
        "Prints completed payments/s and latency; every payment is authorized and completed with the issuer host."})
    static final class Load implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--wallets", defaultValue = "100", paramLabel = "N") int wallets;
        @Option(names = "--concurrency", defaultValue = "32", paramLabel = "N", description = "Payments in flight.") int concurrency;
        @Option(names = "--seconds", defaultValue = "30", paramLabel = "S", description = "How long to measure (after the warm-up).") int seconds;
        @Option(names = "--warmup", defaultValue = "20", paramLabel = "S",
                description = "Seconds of payments before the measured window, long enough for the JIT (default ${DEFAULT-VALUE}).")
        int warmupSeconds;
        @Option(names = "--pin-iterations", defaultValue = "600000", paramLabel = "N",
                description = "PBKDF2 iterations of the wallets' PINs (production default ${DEFAULT-VALUE}).") int pinIterations;
        @Option(names = "--pool", defaultValue = "32", paramLabel = "N", description = "Database connections of the center.") int pool;

        private final ObjectMapper json = new ObjectMapper();
        /** Enrolment (not measured) goes through the JDK's client; the payments through the lean keep-alive one. */
        private HttpClient http;
        private KeepAliveHttpsClient payments;
        private URI base;
        private Path postgresDirectory;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            // Warnings only: a log line per request would measure the logger (KESSAI_LOG_LEVEL still wins).
            Map<String, String> logging = new java.util.HashMap<>(System.getenv());
            logging.putIfAbsent("KESSAI_LOG_LEVEL", "WARN");
            ConfigFile.logging(ConfigValues.of(logging));
            Path dir = Files.createTempDirectory("kessai-wallet-load");
            Map<String, String> codes = new ConcurrentHashMap<>();
            postgresDirectory = dir.resolve("postgres");
            try (Database database = Database.embedded(postgresDirectory, 0, pool + 8)) {
                byte[] zpk = Hex.decode("0123456789ABCDEFFEDCBA9876543210");
                Path accounts = dir.resolve("accounts.csv");
                Files.writeString(accounts, "pan,expiry,status,kind,limit_minor,currency,issuer_code,pin,fault\n"
                        + PAN + ",3012,active,credit,999999999999,JPY,LOADW,,\n");
                try (IssuerHost issuer = IssuerHost.start(IssuerConfig.builder(dir.resolve("issuer")).schema(new Schema("issuer_load"))
                        .accountsFile(accounts).port(0).zonePinKey(new IssuerConfig.ZonePinKey(KeyType.ZPK_TDES, zpk.clone())).build(), database)) {
                    CenterSettings settings = CenterSettings.from(ConfigValues.of(Map.of("KESSAI_DATA_DIR", dir.resolve("center").toString(),
                            "KESSAI_HTTP_HOST", "127.0.0.1", "KESSAI_HTTP_PORT", "0", "KESSAI_ADMIN_TOKEN", ADMIN_TOKEN,
                            "KESSAI_DB_POOL_SIZE", Integer.toString(pool), "KESSAI_WALLET_PIN_ITERATIONS", Integer.toString(pinIterations))));
                    try (SoftwareHsm hsm = Center.openHsm(settings)) {
                        hsm.importZpk("zpk-load", KeyType.ZPK_TDES, zpk);
                    }
                    try (Center center = Center.start(settings, database, new WalletMailers((phone, email, code, ttl) -> codes.put(phone, code),
                            new DiscardedReceipts()))) {
                        return run(out, center, issuer, codes);
                    }
                }
            }
        }

        private int run(PrintWriter out, Center center, IssuerHost issuer, Map<String, String> codes) throws Exception {
            center.registry().createMerchant(new MerchantDraft(MERCHANT, "Load shop", "5411", "ACTIVE", null), "load");
            center.registry().createIssuer(new IssuerDraft("visa-load", "Load issuer", new IssuerLinkDraft("127.0.0.1", issuer.port(), "binary2",
                    false, 5_000), "zpk-load", "00000000001", List.of("LOADW"), null), "load");
            center.registry().createRoute(new RouteDraft("411111", "visa-load", null), "load");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (center.issuerLinks().get("visa-load") != LinkState.READY && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            base = center.baseUri();
            javax.net.ssl.SSLContext tls = CenterTrust.pinned(center.certificateFile());
            payments = new KeepAliveHttpsClient(base, tls, Math.toIntExact(CALL_TIMEOUT.toMillis()), concurrency);
            http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            String shopKey = call("PUT", "/v1/admin/shops/" + MERCHANT, Map.of("url", "https://load.example.jp"), ADMIN_TOKEN).get("apiKey").asText();

            out.println("enrolling " + wallets + " wallets (each card verified with the issuer) ...");
            out.flush();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < wallets; i++) {
                String phone = String.format("+8190%08d", i);
                String verification = call("POST", "/v1/wallet/phone-verifications", Map.of("phone", phone, "email", "load@example.jp"), null)
                        .get("verificationId").asText();
                call("POST", "/v1/wallet/phone-verifications/" + verification + "/confirm", Map.of("code", codes.get(phone)), null);
                tokens.add(call("POST", "/v1/wallets", Map.of("verificationId", verification, "name", "Load " + i, "address", "Tokyo",
                        "pin", "2468", "cards", List.of(Map.of("number", PAN, "expiry", "12/30"))), null).get("deviceToken").asText());
            }
            List<String> cardIds = new ArrayList<>();
            for (String token : tokens) {
                cardIds.add(call("GET", "/v1/wallet", null, token).get("cards").get(0).get("id").asText());
            }

            out.println("warming up " + warmupSeconds + " s, then measuring " + seconds + " s with " + concurrency + " payments in flight ...");
            out.flush();
            LongAdder completed = new LongAdder();
            LongAdder failed = new LongAdder();
            AtomicInteger next = new AtomicInteger();
            AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
            long[] latencies = new long[1 << 22];
            AtomicInteger latencyCount = new AtomicInteger();
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds((long) warmupSeconds + seconds).toNanos();
            measureFrom.set(start + Duration.ofSeconds(warmupSeconds).toNanos());
            List<Thread> workers = new ArrayList<>();
            AtomicLong firstError = new AtomicLong();
            List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < end) {
                        int i = Math.floorMod(next.getAndIncrement(), tokens.size());
                        long t0 = System.nanoTime();
                        try {
                            boolean ok = pay(shopKey, tokens.get(i), cardIds.get(i));
                            long t1 = System.nanoTime();
                            if (t0 >= measureFrom.get()) {
                                if (ok) {
                                    completed.increment();
                                    int slot = latencyCount.getAndIncrement();
                                    if (slot < latencies.length) {
                                        latencies[slot] = t1 - t0;
                                    }
                                } else {
                                    failed.increment();
                                }
                            }
                        } catch (Exception e) {
                            failed.increment();
                            if (firstError.compareAndSet(0, 1)) {
                                errors.add(e.toString());
                            }
                        }
                    }
                }));
            }
            // CPU and commits over the measured window: payments started in it are the ones counted.
            Optional<Long> postgresPid = CpuMeter.postmasterPid(postgresDirectory);
            List<Optional<CpuMeter.Sample>> cpu = new ArrayList<>();
            long[] commits = new long[2];
            Thread.sleep(Math.max(0, (measureFrom.get() - System.nanoTime()) / 1_000_000));
            cpu.add(postgresPid.flatMap(CpuMeter::sample));
            commits[0] = commits(center);
            Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
            cpu.add(postgresPid.flatMap(CpuMeter::sample));
            commits[1] = commits(center);
            for (Thread worker : workers) {
                worker.join();
            }
            payments.close();
            int n = Math.min(latencyCount.get(), latencies.length);
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            double rate = completed.sum() / (double) seconds;
            out.printf("completed %d payments in %d s: %.1f payments/s; not completed %d%n", completed.sum(), seconds, rate, failed.sum());
            if (n > 0) {
                out.printf("latency per payment (code + POS request + PIN + pay): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
                        sorted[n / 2] / 1e6, sorted[(int) (n * 0.9)] / 1e6, sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6);
            }
            CpuMeter.lines(cpu, completed.sum()).forEach(out::println);
            if (completed.sum() > 0) {
                out.printf(Locale.ROOT, "postgres-commits-per-payment: %.1f%n", (commits[1] - commits[0]) / (double) completed.sum());
            }
            errors.forEach(e -> out.println("first error: " + e));
            long deadlineAdvices = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (center.journal().pendingAdvices() > 0 && System.nanoTime() < deadlineAdvices) {
                Thread.sleep(200);
            }
            out.println("issuer: " + issuer.totals().perCurrency().get(0).completions().count() + " completions acknowledged; "
                    + center.journal().pendingAdvices() + " advices still queued");
            return 0;
        }

        /**
         * The load mails no slips: the receipt mail (PDF and outbox) is outside what it measures, and with
         * the slip drawn lazily (ReceiptSender) the PDF is not drawn either.
         */
        private static final class DiscardedReceipts implements ReceiptSender {
            @Override
            public void sendReceipt(String email, String subject, String text, byte[] pdf, String fileName) {}

            @Override
            public void sendReceipt(String email, String subject, String text, java.util.function.Supplier<byte[]> pdf, String fileName) {}
        }

        /** Transactions committed in the database so far (every schema: center, issuer host). */
        private static long commits(Center center) {
            return center.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()").mapTo(Long.class).one());
        }

        /** One payment as a shop and a phone make it: 4 HTTPS calls. */
        private boolean pay(String shopKey, String token, String cardId) throws Exception {
            String code = measured("POST", "/v1/wallet/codes", null, token).get("code").asText();
            String id = measured("POST", "/v1/pos/requests", Map.of("merchantId", MERCHANT, "code", code, "amountMinor", AMOUNT_MINOR),
                    shopKey).get("id").asText();
            measured("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "2468"), token);
            JsonNode paid = measured("POST", "/v1/wallet/requests/" + id + "/pay", Map.of("cardId", cardId, "paymentMethod", "10",
                    "confirmedAmountMinor", AMOUNT_MINOR), token);
            return paid.path("state").asText().equals("completed");
        }

        /** A measured call: through the lean keep-alive client (the JDK client would cost the shared cores more than the center). */
        private JsonNode measured(String method, String path, Object body, String bearer) throws Exception {
            KeepAliveHttpsClient.Response response = payments.exchange(method, path, body == null ? null : JSON_TYPE,
                    body == null ? null : json.writeValueAsBytes(body), bearer);
            if (response.status() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.status() + " " + response.text());
            }
            return json.readTree(response.body());
        }

        private JsonNode call(String method, String path, Object body, String bearer) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT);
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return json.readTree(response.body());
        }
    }
}
