package io.kessai.center.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.http.HttpServer;
import io.kessai.center.http.HttpServerConfig;
import io.kessai.center.http.HttpsTestClient;
import io.kessai.center.http.Json;
import io.kessai.center.http.JsonBodies;
import io.kessai.center.http.JsonResponses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogSetupTest {
    @TempDir Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    record Card(String pan) {}

    @AfterEach
    void restoreTestLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void jsonLinesCarryLevelLoggerMessageAndMdc() throws Exception {
        LogSetup.configure(LogFormat.JSON, Level.INFO, out);
        MDC.put("requestId", "0123456789abcdef");
        try {
            LoggerFactory.getLogger("io.kessai.test").atInfo().addKeyValue("issuer", "ACME").log("link {} is up", "ACME");
        } finally {
            MDC.remove("requestId");
        }
        LoggerFactory.getLogger("io.kessai.test").debug("below the level");

        List<String> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode line = Json.MAPPER.readTree(lines.getFirst());
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("loggerName").asText()).isEqualTo("io.kessai.test");
        assertThat(line.path("formattedMessage").asText()).isEqualTo("link ACME is up");
        assertThat(line.path("mdc").path("requestId").asText()).isEqualTo("0123456789abcdef");
        assertThat(line.path("timestamp").isNumber()).isTrue();
        assertThat(line.toString()).contains("\"issuer\"").contains("\"ACME\"");
    }

    @Test
    void textIsTheDefaultAndTheLevelIsConfigurable() {
        ConfigValues none = ConfigValues.of(Map.of());
        assertThat(LogFormat.fromEnvironment(none)).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.fromEnvironment(ConfigValues.of(Map.of("KESSAI_LOG_FORMAT", "JSON")))).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> LogFormat.fromEnvironment(ConfigValues.of(Map.of("KESSAI_LOG_FORMAT", "xml"))))
                .hasMessage("KESSAI_LOG_FORMAT must be text or json, got 'xml'");
        assertThat(LogSetup.level(ConfigValues.of(Map.of("KESSAI_LOG_LEVEL", "debug")))).isEqualTo(Level.DEBUG);

        LogSetup.configure(LogFormat.TEXT, Level.WARN, out);
        LoggerFactory.getLogger("io.kessai.test").info("hidden");
        LoggerFactory.getLogger("io.kessai.test").warn("shown");
        assertThat(lines()).singleElement().satisfies(line -> assertThat(line).contains(" WARN ").endsWith(" - shown"));
    }

    @Test
    void theAccessLogHasMethodPathStatusAndDurationButNeverTheBody() throws Exception {
        LogSetup.configure(LogFormat.JSON, Level.INFO, out);
        String pan = "4111111111111111";
        try (HttpServer server = HttpServer.start(HttpServerConfig.selfSigned("127.0.0.1", 0, dir), new SimpleMeterRegistry(),
                List.of(routes -> {
                    routes.post("/v1/cards/{id}", ctx -> JsonResponses.ok(ctx, Map.of("ok", JsonBodies.read(ctx, Card.class) != null)));
                    routes.get("/boom", ctx -> {
                        throw new IllegalStateException("cannot route " + pan, new IllegalArgumentException("bad " + pan));
                    });
                }))) {
            HttpsTestClient client = HttpsTestClient.forServer(server);
            assertThat(client.get("/boom").status()).isEqualTo(500);
            assertThat(client.sendJson("POST", "/v1/cards/" + pan + "?pan=" + pan, "{\"pan\":\"" + pan + "\"}", Map.of()).status())
                    .isEqualTo(200);
        }
        // The access line is written once the answer has gone out, so the client may read it first.
        long deadlineNanos = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        java.util.Optional<JsonNode> accessLine;
        while ((accessLine = postAccessLine()).isEmpty() && System.nanoTime() < deadlineNanos) {
            Thread.sleep(20);
        }
        String all = out.toString(StandardCharsets.UTF_8);
        assertThat(all).doesNotContain(pan).contains("cannot route 411111******1111").contains("bad 411111******1111");
        JsonNode access = accessLine.orElseThrow(() -> new AssertionError("no access log line for the POST:\n" + all));
        assertThat(access.path("formattedMessage").asText()).startsWith("POST /v1/cards/411111******1111 -> 200 in ");
        assertThat(access.path("mdc").path("requestId").asText()).matches("[0-9a-f]{16}");
        assertThat(access.path("kvpList").toString()).contains("\"method\"").contains("\"status\"").contains("\"durationMillis\"");
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private java.util.Optional<JsonNode> postAccessLine() {
        return lines().stream().map(LogSetupTest::parse)
                .filter(line -> line.path("loggerName").asText().equals("io.kessai.center.http.access"))
                .filter(line -> line.path("formattedMessage").asText().startsWith("POST"))
                .findFirst();
    }
}
