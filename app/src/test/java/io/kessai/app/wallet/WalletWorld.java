package io.kessai.app.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kessai.card.Hex;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.ops.LogFormat;
import io.kessai.center.ops.LogSetup;
import io.kessai.center.registry.IssuerDraft;
import io.kessai.center.registry.IssuerLinkDraft;
import io.kessai.center.registry.MerchantDraft;
import io.kessai.center.registry.RouteDraft;
import io.kessai.center.wallet.OneTimeCodeSender;
import io.kessai.center.wallet.ReceiptSender;
import io.kessai.center.wallet.WalletMailers;
import io.kessai.center.wiring.Center;
import io.kessai.center.wiring.CenterSettings;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.db.Database;
import io.kessai.issuer.store.Schema;
import io.kessai.issuer.IssuerConfig;
import io.kessai.issuer.IssuerHost;
import io.kessai.iso8583.link.LinkState;
import io.kessai.phone.CenterTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A running world for wallet tests: embedded PostgreSQL, one card company host over ISO 8583 with two
 * issuers in front of it (a Visa-like and a JCB-like range), the center on HTTPS, a shop with a
 * catalogue, and mail captured in memory (one-time codes and slips).
 */
final class WalletWorld implements AutoCloseable {
    static final String VISA = "4111111111111111";
    static final String LOW_LIMIT = "4012888888881881";
    static final String JCB = "3530111333300000";
    static final String LOST = "4111112222333305";
    static final String EXPIRY = "12/30";
    static final String ADMIN_TOKEN = "wallet-admin-token-0123456789abcdefghijklmnop";
    static final String SHOP = "M-WALLET-0001";
    static final String OTHER_SHOP = "M-WALLET-0002";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Database database;
    final IssuerHost issuer;
    final CenterSettings settings;
    final WalletMailers mailers;
    Center center;
    final HttpClient http;
    final Map<String, String> codes = new ConcurrentHashMap<>();
    final List<String> receipts = new CopyOnWriteArrayList<>();
    String shopKey;
    String shopWebhookSecret;
    String otherShopKey;

    WalletWorld(Map<String, String> extraSettings) throws Exception {
        LogSetup.configure(LogFormat.TEXT, Level.INFO, System.out);
        dir = Files.createTempDirectory("kessai-wallet");
        database = Database.embedded(dir.resolve("postgres"), 0, 16);
        byte[] zpk = Hex.decode("0123456789ABCDEFFEDCBA9876543210");
        Path accounts = dir.resolve("accounts.csv");
        Files.writeString(accounts, String.join("\n",
                "pan,expiry,status,kind,limit_minor,currency,issuer_code,pin,fault",
                VISA + ",3012,active,credit,500000,JPY,VISAW,,",
                LOW_LIMIT + ",3012,active,credit,1000,JPY,VISAW,,",
                JCB + ",3012,active,credit,500000,JPY,JCBW,,",
                LOST + ",3012,lost,credit,500000,JPY,VISAW,,") + "\n");
        issuer = IssuerHost.start(IssuerConfig.builder(dir.resolve("issuer"))
                .schema(new Schema("issuer_wallet"))
                .accountsFile(accounts)
                .port(0)
                .zonePinKey(new IssuerConfig.ZonePinKey(KeyType.ZPK_TDES, zpk.clone()))
                .build(), database);
        Map<String, String> values = new LinkedHashMap<>(Map.of(
                "KESSAI_DATA_DIR", dir.resolve("center").toString(),
                "KESSAI_HTTP_HOST", "127.0.0.1",
                "KESSAI_HTTP_PORT", "0",
                "KESSAI_ADMIN_TOKEN", ADMIN_TOKEN,
                // Tests hash PINs with fewer rounds than production (600,000): the behaviour is the same.
                "KESSAI_WALLET_PIN_ITERATIONS", "1000"));
        values.putAll(extraSettings);
        settings = CenterSettings.from(ConfigValues.of(values));
        try (SoftwareHsm hsm = Center.openHsm(settings)) {
            hsm.importZpk("zpk-wallet", KeyType.ZPK_TDES, zpk);
        }
        OneTimeCodeSender codeSender = (phone, email, code, validFor) -> codes.put(phone, code);
        ReceiptSender receiptSender = (email, subject, text, pdf, fileName) -> receipts.add(email + " " + fileName + " " + pdf.length);
        mailers = new WalletMailers(codeSender, receiptSender);
        center = Center.start(settings, database, mailers);
        var registry = center.registry();
        registry.createMerchant(new MerchantDraft(SHOP, "Wallet Stadium", "7941", "ACTIVE", null), "test");
        registry.createMerchant(new MerchantDraft(OTHER_SHOP, "Other shop", "5411", "ACTIVE", null), "test");
        registry.createIssuer(new IssuerDraft("visa-w", "Visa Card Co.", new IssuerLinkDraft("127.0.0.1", issuer.port(), "binary2", false,
                1_500), "zpk-wallet", "00000000001", List.of("VISAW"), null), "test");
        registry.createIssuer(new IssuerDraft("jcb-w", "JCB Card Co.", new IssuerLinkDraft("127.0.0.1", issuer.port(), "binary2", false,
                1_500), "zpk-wallet", "00000000001", List.of("JCBW"), null), "test");
        registry.createRoute(new RouteDraft("411111", "visa-w", null), "test");
        registry.createRoute(new RouteDraft("401288", "visa-w", null), "test");
        registry.createRoute(new RouteDraft("353011", "jcb-w", null), "test");
        awaitLinks();
        http = HttpClient.newBuilder().sslContext(CenterTrust.pinned(center.certificateFile())).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A stop and a start on the same database and keys, as after a crash. */
    void restartCenter() throws Exception {
        center.close();
        center = Center.start(settings, database, mailers);
        awaitLinks();
    }

    private void awaitLinks() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((center.issuerLinks().get("visa-w") != LinkState.READY || center.issuerLinks().get("jcb-w") != LinkState.READY)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(center.issuerLinks()).containsEntry("visa-w", LinkState.READY).containsEntry("jcb-w", LinkState.READY);
    }

    /** Registers the shops (URL, webhook, API key) and the stadium's catalogue. */
    void registerShops(String webhookUrl) throws Exception {
        Reply shop = admin("PUT", "/v1/admin/shops/" + SHOP, Map.of("url", "https://stadium.example.jp", "webhookUrl", webhookUrl));
        assertThat(shop.status()).as(shop.text()).isEqualTo(200);
        shopKey = shop.json().get("apiKey").asText();
        shopWebhookSecret = shop.json().get("webhookSecret").asText();
        Reply other = admin("PUT", "/v1/admin/shops/" + OTHER_SHOP, Map.of("url", "https://other.example.jp"));
        otherShopKey = other.json().get("apiKey").asText();
        assertThat(admin("PUT", "/v1/admin/shops/" + SHOP + "/catalogue/MATCH-A", Map.of("name", "League match A", "priceMinor", 4500,
                "stock", 3, "kind", "ticket", "seats", List.of("A-1", "A-2", "A-3"))).status()).isEqualTo(200);
        assertThat(admin("PUT", "/v1/admin/shops/" + SHOP + "/catalogue/SCARF", Map.of("name", "Team scarf", "priceMinor", 2000,
                "stock", 10, "kind", "goods")).status()).isEqualTo(200);
    }

    record Reply(int status, String text, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }
    }

    Reply admin(String method, String path, Object body) throws Exception {
        return call(method, path, body, ADMIN_TOKEN, Map.of());
    }

    Reply call(String method, String path, Object body, String bearer, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(center.baseUri() + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    /** An enrolled wallet: its device token and card IDs by PAN. */
    record Enrolled(String phone, String token, Map<String, String> cardIds, JsonNode json) {}

    Enrolled enrol(String phone, String pin, String... pans) throws Exception {
        Reply started = call("POST", "/v1/wallet/phone-verifications", Map.of("phone", phone, "email", "owner@example.jp"), null, Map.of());
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String verificationId = started.json().get("verificationId").asText();
        String normalized = phone.startsWith("0") ? "+81" + phone.replace("-", "").substring(1) : phone;
        Reply confirmed = call("POST", "/v1/wallet/phone-verifications/" + verificationId + "/confirm",
                Map.of("code", codes.get(normalized)), null, Map.of());
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        List<Map<String, String>> cards = new ArrayList<>();
        for (String pan : pans) {
            cards.add(Map.of("number", pan, "expiry", EXPIRY));
        }
        Reply enrolled = call("POST", "/v1/wallets", Map.of("verificationId", verificationId, "name", "Hanako Yamada",
                "address", "1-22-7 Dogenzaka, Shibuya, Tokyo", "pin", pin, "cards", cards,
                "deliveryAddresses", List.of(Map.of("label", "home", "address", "1-22-7 Dogenzaka, Shibuya, Tokyo"))), null, Map.of());
        assertThat(enrolled.status()).as(enrolled.text()).isEqualTo(201);
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < pans.length; i++) {
            ids.put(pans[i], enrolled.json().get("cards").get(i).get("id").asText());
        }
        return new Enrolled(normalized, enrolled.json().get("deviceToken").asText(), ids, enrolled.json());
    }

    String counterCode(Enrolled wallet) throws Exception {
        Reply code = call("POST", "/v1/wallet/codes", null, wallet.token(), Map.of());
        assertThat(code.status()).as(code.text()).isEqualTo(201);
        return code.json().get("code").asText();
    }

    @Override
    public void close() {
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
}
