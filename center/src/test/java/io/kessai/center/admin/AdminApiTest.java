package io.kessai.center.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kessai.center.http.HttpServer;
import io.kessai.center.http.HttpServerConfig;
import io.kessai.center.http.HttpsTestClient;
import io.kessai.center.http.HttpsTestClient.Answer;
import io.kessai.center.ops.DatabaseHealthCheck;
import io.kessai.center.ops.HealthChecks;
import io.kessai.center.ops.Metrics;
import io.kessai.center.ops.OpsModule;
import io.kessai.center.registry.Registry;
import io.kessai.center.registry.RegistryChange;
import io.kessai.center.registry.ZpkCatalog;
import io.kessai.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTPS against a real PostgreSQL, as the console will use it. */
class AdminApiTest {
    static final String TOKEN = "test-admin-token-0123456789abcdefghijklmnop";
    static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + TOKEN);

    @TempDir static Path dir;
    static Database database;
    static Registry registry;
    static Metrics metrics;
    static HttpServer server;
    static HttpsTestClient client;
    static final List<RegistryChange> heard = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        database = Database.embedded(dir.resolve("pg"), 0, 4);
        database.migrate(Registry.SCHEMA, Registry.MIGRATIONS);
        registry = Registry.open(database.jdbi(), ZpkCatalog.ANY);
        registry.addListener(heard::add);
        metrics = Metrics.create();
        HealthChecks health = new HealthChecks().register(new DatabaseHealthCheck(database));
        server = HttpServer.start(HttpServerConfig.selfSigned("127.0.0.1", 0, dir.resolve("tls")), metrics.registry(),
                List.of(new OpsModule(health, metrics), new AdminModule(registry, AdminToken.of(TOKEN))));
        client = HttpsTestClient.forServer(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        metrics.close();
        registry.close();
        database.close();
    }

    static Answer post(String path, String json) {
        return client.sendJson("POST", path, json, AUTH);
    }

    static Answer put(String path, String json) {
        return client.sendJson("PUT", path, json, AUTH);
    }

    static Answer get(String path) {
        return client.get(path, AUTH);
    }

    static Answer delete(String path) {
        return client.send("DELETE", path, null, AUTH);
    }

    static String merchant(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"Yamada Shoten\",\"mcc\":\"5411\",\"status\":\"ACTIVE\"}";
    }

    static String issuer(String id, String codes) {
        return "{\"id\":\"" + id + "\",\"name\":\"ACME Card\",\"link\":{\"host\":\"auth.acme.example\",\"port\":8583,"
                + "\"lengthHeader\":\"binary2\",\"tls\":true,\"responseTimeoutMillis\":5000},\"zpkKeyName\":\"zpk-acme\","
                + "\"acquirerInstitutionId\":\"123456\",\"issuerCodes\":[" + codes + "]}";
    }

    static void assertError(Answer answer, int status, String code, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.errorCode()).isEqualTo(code);
        assertThat(answer.errorField()).isEqualTo(field);
        assertThat(answer.errorMessage()).isNotBlank();
    }

    @Test
    void withoutTheRightTokenEverythingIs401AndNeverSaysWhy() {
        List<Answer> refused = List.of(
                client.get("/v1/admin/merchants"),
                client.get("/v1/admin/merchants", Map.of("Authorization", "Bearer wrong-token-0123456789abcdefghijklmnop")),
                client.get("/v1/admin/merchants", Map.of("Authorization", "Basic " + TOKEN)),
                client.get("/v1/admin/merchants", Map.of("Authorization", "Bearer")),
                client.get("/v1/admin/no-such-resource"),
                client.get("/v1/admin"),
                client.sendJson("POST", "/v1/admin/merchants", merchant("M-NOAUTH"), Map.of()));
        for (Answer answer : refused) {
            assertError(answer, 401, "unauthorized", null);
            assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"kessai-admin\"");
            assertThat(answer.errorMessage()).isEqualTo(refused.getFirst().errorMessage());
        }
        assertThat(registry.snapshot().merchant("M-NOAUTH")).isEmpty();
        assertThat(client.get("/v1/admin/merchants", Map.of("Authorization", "bearer " + TOKEN)).status()).isEqualTo(200);
        assertThat(client.get("/health").status()).isEqualTo(200);
    }

    static String merchantWithItems(String id, String items) {
        return "{\"id\":\"" + id + "\",\"name\":\"Izakaya\",\"mcc\":\"5812\",\"status\":\"ACTIVE\",\"additionalItems\":[" + items + "]}";
    }

    static final String TABLE_ITEM = "{\"key\":\"table_number\",\"labelJa\":\"テーブル番号\",\"labelEn\":\"Table number\","
            + "\"type\":\"DIGITS\",\"required\":true,\"maxLength\":3}";
    static final String SEAT_ITEM = "{\"key\":\"seat\",\"labelJa\":\"席\",\"labelEn\":\"Seat\",\"type\":\"CHOICE\","
            + "\"choices\":[\"counter\",\"table\"]}";

    @Test
    void merchantsCarryTheirAdditionalItemsAndAnUpdateReplacesThem() {
        Answer created = post("/v1/admin/merchants", merchantWithItems("M-ITEMS", TABLE_ITEM + "," + SEAT_ITEM));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode items = get("/v1/admin/merchants/M-ITEMS").json().path("additionalItems");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("key").asText()).isEqualTo("table_number");
        assertThat(items.get(0).path("type").asText()).isEqualTo("DIGITS");
        assertThat(items.get(0).path("required").asBoolean()).isTrue();
        assertThat(items.get(1).path("choices").toString()).isEqualTo("[\"counter\",\"table\"]");
        assertThat(items.get(1).path("required").asBoolean()).isFalse();
        assertThat(items.get(1).path("maxLength").asInt()).isEqualTo(40);
        assertThat(registry.snapshot().merchant("M-ITEMS").orElseThrow().additionalItems()).hasSize(2);

        assertThat(put("/v1/admin/merchants/M-ITEMS", merchantWithItems("M-ITEMS", SEAT_ITEM)).status()).isEqualTo(200);
        assertThat(registry.snapshot().merchant("M-ITEMS").orElseThrow().additionalItems())
                .extracting(io.kessai.center.registry.AdditionalItem::key).containsExactly("seat");
        assertThat(put("/v1/admin/merchants/M-ITEMS", merchant("M-ITEMS")).status()).isEqualTo(200);
        assertThat(registry.snapshot().merchant("M-ITEMS").orElseThrow().additionalItems()).isEmpty();
        assertThat(delete("/v1/admin/merchants/M-ITEMS").status()).isEqualTo(204);
    }

    @Test
    void badAdditionalItemsAreRefusedNamingTheField() {
        String text = "{\"key\":\"note\",\"labelJa\":\"メモ\",\"labelEn\":\"Note\",\"type\":\"TEXT\"}";
        assertError(post("/v1/admin/merchants", merchantWithItems("M-BADITEM", text.replace("note", "customer_email"))),
                400, "invalid_field", "additionalItems[0].key");
        assertError(post("/v1/admin/merchants", merchantWithItems("M-BADITEM", text.replace("note", "Note-1"))),
                400, "invalid_field", "additionalItems[0].key");
        assertError(post("/v1/admin/merchants", merchantWithItems("M-BADITEM", text + "," + text)),
                400, "invalid_field", "additionalItems[1].key");
        assertError(post("/v1/admin/merchants", merchantWithItems("M-BADITEM", text.replace("TEXT", "NUMBER"))),
                400, "invalid_field", "additionalItems[0].type");
        assertError(post("/v1/admin/merchants", merchantWithItems("M-BADITEM", text.replace("TEXT", "CHOICE"))),
                400, "invalid_field", "additionalItems[0].choices");
        assertError(post("/v1/admin/merchants", merchantWithItems("M-BADITEM", text.replace("}", ",\"choices\":[\"a\"]}"))),
                400, "invalid_field", "additionalItems[0].choices");
        assertError(post("/v1/admin/merchants", merchantWithItems("M-BADITEM", text.replace("}", ",\"maxLength\":0}"))),
                400, "invalid_field", "additionalItems[0].maxLength");
        assertError(post("/v1/admin/merchants", merchantWithItems("M-BADITEM", text.replace(",\"labelEn\":\"Note\"", ""))),
                400, "missing_field", "additionalItems[0].labelEn");
        assertError(post("/v1/admin/merchants", merchantWithItems("M-BADITEM", text.replace("}", ",\"pattern\":\".*\"}"))),
                400, "unknown_field", "additionalItems[0].pattern");
        assertError(post("/v1/admin/merchants", merchantWithItems("M-BADITEM", String.join(",", java.util.Collections.nCopies(11, text)))),
                400, "invalid_field", "additionalItems");
        assertThat(registry.snapshot().merchant("M-BADITEM")).isEmpty();
    }

    @Test
    void merchantsCrud() {
        Answer created = post("/v1/admin/merchants", merchant("M-API"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/v1/admin/merchants/M-API");
        assertThat(created.json().path("version").asLong()).isEqualTo(1);
        assertThat(get("/v1/admin/merchants/M-API").json()).isEqualTo(created.json());

        Answer updated = put("/v1/admin/merchants/M-API", "{\"name\":\"山田商店\",\"mcc\":\"5812\",\"status\":\"SUSPENDED\",\"version\":1}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("name").asText()).isEqualTo("山田商店");
        assertThat(updated.json().path("version").asLong()).isEqualTo(2);
        assertThat(registry.snapshot().merchant("M-API").orElseThrow().name()).isEqualTo("山田商店");

        assertError(put("/v1/admin/merchants/M-API", "{\"name\":\"x\",\"mcc\":\"5812\",\"status\":\"ACTIVE\",\"version\":1}"),
                409, "version_conflict", "version");
        assertError(post("/v1/admin/merchants", merchant("M-API")), 409, "already_exists", "id");
        assertThat(delete("/v1/admin/merchants/M-API").status()).isEqualTo(204);
        assertError(get("/v1/admin/merchants/M-API"), 404, "not_found", null);
        assertError(delete("/v1/admin/merchants/M-API"), 404, "not_found", null);
        assertError(put("/v1/admin/merchants/M-API", merchant("M-API")), 404, "not_found", null);
    }

    @Test
    void readersCrudWithReferencesAndFilters() {
        assertError(post("/v1/admin/readers", reader("R-API-1", "CD00000000000001", "M-RDR", "T1")), 422, "unknown_reference", "merchantId");
        post("/v1/admin/merchants", merchant("M-RDR"));
        post("/v1/admin/merchants", merchant("M-RDR2"));
        Answer created = post("/v1/admin/readers", reader("R-API-1", "cd00000000000001", "M-RDR", "T1"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("initialKeyId").asText()).isEqualTo("CD00000000000001");
        assertThat(post("/v1/admin/readers", reader("R-API-2", "CD00000000000002", "M-RDR2", "T1")).status()).isEqualTo(201);
        assertError(post("/v1/admin/readers", reader("R-API-3", "CD00000000000001", "M-RDR", "T3")), 409, "duplicate_value", "initialKeyId");

        Answer ofFirst = get("/v1/admin/readers?merchantId=M-RDR");
        assertThat(ofFirst.json().path("items")).hasSize(1);
        assertThat(ofFirst.json().path("items").get(0).path("serial").asText()).isEqualTo("R-API-1");

        Answer moved = put("/v1/admin/readers/R-API-1", reader(null, "CD00000000000001", "M-RDR2", "T2").replace("\"status\":\"ACTIVE\"", "\"status\":\"DISABLED\""));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().path("status").asText()).isEqualTo("DISABLED");
        assertThat(registry.snapshot().readerByInitialKeyId("CD00000000000001").orElseThrow().merchantId()).isEqualTo("M-RDR2");

        assertError(delete("/v1/admin/merchants/M-RDR2"), 409, "in_use", null);
        assertThat(delete("/v1/admin/readers/R-API-1").status()).isEqualTo(204);
        assertThat(delete("/v1/admin/readers/R-API-2").status()).isEqualTo(204);
        assertThat(delete("/v1/admin/merchants/M-RDR2").status()).isEqualTo(204);
    }

    static String reader(String serial, String keyId, String merchantId, String terminalId) {
        return "{" + (serial == null ? "" : "\"serial\":\"" + serial + "\",") + "\"initialKeyId\":\"" + keyId + "\",\"merchantId\":\""
                + merchantId + "\",\"terminalId\":\"" + terminalId + "\",\"phoneAddress\":\"hanako@example.ne.jp\",\"status\":\"ACTIVE\"}";
    }

    @Test
    void issuersRoutesAndTheirListenersTakeEffectAtOnce() {
        Answer created = post("/v1/admin/issuers", issuer("I-API", "\"7701\""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("link").path("lengthHeader").asText()).isEqualTo("binary2");
        assertThat(post("/v1/admin/routes", "{\"binPrefix\":\"477777\",\"issuerId\":\"I-API\"}").status()).isEqualTo(201);
        assertThat(post("/v1/admin/routes", "{\"binPrefix\":\"47777788\",\"issuerId\":\"I-API\"}").status()).isEqualTo(201);
        assertError(post("/v1/admin/routes", "{\"binPrefix\":\"4777778\",\"issuerId\":\"I-API\"}"), 400, "invalid_field", "binPrefix");
        assertError(post("/v1/admin/routes", "{\"binPrefix\":\"488888\",\"issuerId\":\"I-NONE\"}"), 422, "unknown_reference", "issuerId");
        assertThat(get("/v1/admin/routes?issuerId=I-API").json().path("items")).hasSize(2);

        heard.clear();
        Answer relinked = put("/v1/admin/issuers/I-API", issuer("I-API", "\"7701\",\"7702\"").replace("8583", "9583"));
        assertThat(relinked.status()).as(relinked.body()).isEqualTo(200);
        assertThat(registry.snapshot().issuerByCode("7702").orElseThrow().link().port()).isEqualTo(9583);
        await().atMost(Duration.ofSeconds(15)).until(() -> heard.stream().anyMatch(c -> c.changedIssuerIds().contains("I-API")));

        assertError(delete("/v1/admin/issuers/I-API"), 409, "in_use", null);
        assertThat(delete("/v1/admin/routes/477777").status()).isEqualTo(204);
        assertThat(delete("/v1/admin/routes/47777788").status()).isEqualTo(204);
        assertThat(delete("/v1/admin/issuers/I-API").status()).isEqualTo(204);
        assertThat(registry.snapshot().issuerByCode("7701")).isEmpty();
    }

    @Test
    void responseCodesCanBeChangedButTheApprovalIsProtected() {
        Answer seeded = get("/v1/admin/response-codes/55");
        assertThat(seeded.json().path("outcome").asText()).isEqualTo("REENTER");
        assertThat(seeded.json().path("customerTextJa").asText()).startsWith("暗証番号が違います");

        Answer created = post("/v1/admin/response-codes", "{\"code\":\"N7\",\"outcome\":\"DECLINED\",\"reason\":\"cvv_mismatch\","
                + "\"customerTextJa\":\"カード情報をご確認ください。\",\"customerTextEn\":\"Please check the card details.\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(registry.snapshot().responseCodeRule("N7").reason()).isEqualTo("cvv_mismatch");
        Answer unavailable = put("/v1/admin/response-codes/N7", "{\"outcome\":\"UNAVAILABLE\",\"reason\":\"cvv_mismatch\","
                + "\"customerTextJa\":\"後でお試しください。\",\"customerTextEn\":\"Try later.\",\"version\":1}");
        assertThat(unavailable.json().path("outcome").asText()).isEqualTo("UNAVAILABLE");
        assertThat(delete("/v1/admin/response-codes/N7").status()).isEqualTo(204);
        assertThat(registry.snapshot().responseCodeRule("N7").reason()).isEqualTo("unknown_response_code");

        assertError(delete("/v1/admin/response-codes/00"), 409, "protected", "code");
        assertError(put("/v1/admin/response-codes/00", "{\"outcome\":\"DECLINED\",\"reason\":\"no\",\"customerTextJa\":\"x\",\"customerTextEn\":\"x\"}"),
                409, "protected", "outcome");
    }

    @Test
    void badInputGetsSpecificErrorsAndChangesNothing() {
        long generation = registry.snapshot().generation();
        assertError(post("/v1/admin/merchants", "{\"id\":\"M-BAD\",\"name\":\"x\",\"mcc\":\"54111\",\"status\":\"ACTIVE\"}"), 400, "invalid_field", "mcc");
        assertError(post("/v1/admin/merchants", "{\"id\":\"M-BAD\",\"name\":\"x\",\"status\":\"ACTIVE\"}"), 400, "missing_field", "mcc");
        assertError(post("/v1/admin/merchants", "{\"id\":\"M-BAD\",\"name\":\"x\",\"mcc\":5411,\"status\":\"ACTIVE\"}"), 400, "invalid_field", "mcc");
        assertError(post("/v1/admin/merchants", "{\"id\":\"M-BAD\",\"nmae\":\"x\"}"), 400, "unknown_field", "nmae");
        assertError(put("/v1/admin/merchants/M-X", merchant("M-Y")), 400, "invalid_field", "id");
        assertError(post("/v1/admin/readers", reader("R-BAD", "CD00000000000009", "M-X", "T1").replace("hanako@example.ne.jp", "hanako")),
                400, "invalid_field", "phoneAddress");
        assertError(post("/v1/admin/issuers", issuer("I-BAD", "").replace("\"port\":8583", "\"port\":70000")), 400, "invalid_field", "link.port");
        assertError(post("/v1/admin/issuers", issuer("I-BAD", "").replace("\"tls\":true", "\"tls\":\"yes\"")), 400, "invalid_field", "link.tls");
        assertError(post("/v1/admin/issuers", issuer("I-BAD", "\"A-1\"")), 400, "invalid_field", "issuerCodes[0]");

        Answer malformed = post("/v1/admin/merchants", "{\"id\":\"M-BAD\",\n\"name\":}");
        assertError(malformed, 400, "malformed_json", null);
        assertThat(malformed.errorMessage()).contains("line 2, column");
        assertThat(client.send("POST", "/v1/admin/merchants", merchant("M-BAD"), Map.of("Authorization", "Bearer " + TOKEN,
                "Content-Type", "application/x-www-form-urlencoded")).status()).isEqualTo(415);
        assertError(get("/v1/admin/merchants?limit=501"), 400, "invalid_query_parameter", "limit");
        assertError(get("/v1/admin/merchants?limit=ten"), 400, "invalid_query_parameter", "limit");
        assertError(get("/v1/admin/merchants?sort=name"), 400, "unknown_query_parameter", "sort");
        assertError(get("/v1/admin/nothing-here"), 404, "not_found", null);
        assertThat(client.send("PATCH", "/v1/admin/merchants/M-BAD", "{}", AUTH).status()).isEqualTo(405);

        assertThat(registry.snapshot().generation()).isEqualTo(generation);
        assertThat(registry.snapshot().merchant("M-BAD")).isEmpty();
    }

    @Test
    void listsArePagedByCursor() {
        for (int i = 0; i < 5; i++) {
            assertThat(post("/v1/admin/merchants", merchant("P-" + i)).status()).isEqualTo(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = "P-";
        int pages = 0;
        while (cursor != null) {
            JsonNode page = get("/v1/admin/merchants?limit=2&cursor=" + cursor).json();
            page.path("items").forEach(item -> {
                if (item.path("id").asText().startsWith("P-")) {
                    seen.add(item.path("id").asText());
                }
            });
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
            assertThat(pages).isLessThan(10);
        }
        assertThat(seen).containsExactly("P-0", "P-1", "P-2", "P-3", "P-4");
        JsonNode all = get("/v1/admin/response-codes").json();
        assertThat(all.path("items").size()).isGreaterThanOrEqualTo(20);
        assertThat(all.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void healthIncludesTheDatabaseAndTheDocumentHasTheAdminPaths() {
        Answer health = client.get("/health");
        assertThat(health.json().path("checks").path("database").path("status").asText()).isEqualTo("UP");
        JsonNode openApi = client.get("/openapi.json").json();
        assertThat(openApi.path("paths").has("/v1/admin/readers/{serial}")).isTrue();
        assertThat(openApi.path("paths").path("/v1/admin/issuers").path("post").path("security").get(0).has("adminToken")).isTrue();
    }
}
