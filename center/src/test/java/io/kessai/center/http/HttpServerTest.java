package io.kessai.center.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpServerTest {
    static final String PAN = "4111111111111111";
    static final long BODY_LIMIT = 2_048;

    @TempDir static Path dir;
    static HttpServer server;
    static HttpsTestClient client;
    static final AtomicBoolean handledOnVirtualThread = new AtomicBoolean();

    record Echo(String name, Integer count, List<String> tags) {}

    @BeforeAll
    static void start() {
        HttpModule testModule = routes -> {
            routes.post("/echo", ctx -> {
                handledOnVirtualThread.set(Thread.currentThread().isVirtual());
                JsonResponses.ok(ctx, JsonBodies.read(ctx, Echo.class));
            });
            routes.get("/boom", ctx -> {
                throw new IllegalStateException("card " + PAN + " broke something");
            });
            routes.get("/refused", ctx -> {
                throw new ApiException(HttpStatusCodes.CONFLICT, "already_done", "it is already done", "thing");
            });
        };
        HttpServerConfig config = new HttpServerConfig("127.0.0.1", 0, new TlsConfig.SelfSigned(dir.resolve("tls")), BODY_LIMIT);
        server = HttpServer.start(config, new SimpleMeterRegistry(), List.of(testModule));
        client = HttpsTestClient.forServer(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersJsonOverHttpsOnAVirtualThread() {
        HttpsTestClient.Answer answer = client.sendJson("POST", "/echo", "{\"name\":\"a\",\"count\":2,\"tags\":[\"x\"]}", Map.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().path("count").asInt()).isEqualTo(2);
        assertThat(answer.header(RequestIds.HEADER)).matches("[0-9a-f]{16}");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.header("Server")).isNull();
        assertThat(handledOnVirtualThread).isTrue();
        assertThat(server.baseUri().toString()).startsWith("https://127.0.0.1:");
    }

    @Test
    void answersAreNeverCompressedEvenWhenTheClientOffersGzip() {
        HttpsTestClient.Answer answer = client.get("/openapi.json", Map.of("Accept-Encoding", "gzip, br"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().length()).isGreaterThan(1_500); // above Javalin's default compression threshold
        assertThat(answer.header("Content-Encoding")).isNull();
        assertThat(answer.body()).startsWith("{");
    }

    @Test
    void anUnknownRouteIs404Json() {
        HttpsTestClient.Answer answer = client.get("/no/such/thing");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("not_found");
        assertThat(answer.errorMessage()).contains("GET /no/such/thing");
    }

    @Test
    void aWrongMethodIs405Json() {
        HttpsTestClient.Answer answer = client.get("/echo");
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.errorCode()).isEqualTo("method_not_allowed");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        HttpsTestClient.Answer answer = client.sendJson("POST", "/echo", "{\n  \"name\": \"a\",\n  \"count\": }", Map.of());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("malformed_json");
        assertThat(answer.errorMessage()).contains("line 3, column");
    }

    @Test
    void malformedJsonNeverEchoesACardNumber() {
        HttpsTestClient.Answer token = client.sendJson("POST", "/echo", "{\"name\": x" + PAN + "}", Map.of());
        assertThat(token.errorCode()).isEqualTo("malformed_json");
        assertThat(token.errorMessage()).contains("411111******1111");
        assertThat(token.body()).doesNotContain(PAN);
        HttpsTestClient.Answer number = client.sendJson("POST", "/echo", "{\"name\": " + PAN + "}", Map.of());
        assertThat(number.errorCode()).isEqualTo("invalid_field");
        assertThat(number.body()).doesNotContain(PAN);
    }

    @Test
    void emptyBodiesAndNonObjectsAreRefused() {
        assertThat(client.sendJson("POST", "/echo", "", Map.of()).errorCode()).isEqualTo("malformed_json");
        assertThat(client.sendJson("POST", "/echo", "[1,2]", Map.of()).errorCode()).isEqualTo("malformed_json");
        assertThat(client.sendJson("POST", "/echo", "{} {}", Map.of()).errorCode()).isEqualTo("malformed_json");
        assertThat(client.sendJson("POST", "/echo", "{\"name\":\"a\",\"name\":\"b\"}", Map.of()).errorCode())
                .isEqualTo("malformed_json");
    }

    @Test
    void unknownFieldsAndWrongTypesNameTheField() {
        HttpsTestClient.Answer unknown = client.sendJson("POST", "/echo", "{\"nmae\":\"a\"}", Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("unknown_field");
        assertThat(unknown.errorField()).isEqualTo("nmae");

        HttpsTestClient.Answer number = client.sendJson("POST", "/echo", "{\"count\":\"2\"}", Map.of());
        assertThat(number.errorCode()).isEqualTo("invalid_field");
        assertThat(number.errorField()).isEqualTo("count");
        assertThat(number.errorMessage()).contains("whole number");

        HttpsTestClient.Answer fraction = client.sendJson("POST", "/echo", "{\"count\":2.5}", Map.of());
        assertThat(fraction.errorField()).isEqualTo("count");

        HttpsTestClient.Answer text = client.sendJson("POST", "/echo", "{\"name\":12}", Map.of());
        assertThat(text.errorField()).isEqualTo("name");
        assertThat(text.errorMessage()).contains("a string");

        HttpsTestClient.Answer element = client.sendJson("POST", "/echo", "{\"tags\":[\"a\",{}]}", Map.of());
        assertThat(element.errorField()).isEqualTo("tags[1]");
    }

    @Test
    void aWrongContentTypeIs415() {
        HttpsTestClient.Answer answer = client.send("POST", "/echo", "{}", Map.of("Content-Type", "text/plain"));
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.errorCode()).isEqualTo("unsupported_media_type");
        assertThat(client.send("POST", "/echo", "{}", Map.of()).status()).isEqualTo(415);
        assertThat(client.send("POST", "/echo", "{\"name\":\"a\"}", Map.of("Content-Type", "application/json; charset=UTF-8"))
                .status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "{\"name\":\"" + "x".repeat((int) BODY_LIMIT) + "\"}";
        HttpsTestClient.Answer answer = client.sendJson("POST", "/echo", big, Map.of());
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorCode()).isEqualTo("request_too_large");
    }

    @Test
    void anExceptionIs500WithARequestIdAndNoDetails() {
        HttpsTestClient.Answer answer = client.get("/boom");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo("internal_error");
        assertThat(answer.errorMessage()).contains(answer.header(RequestIds.HEADER));
        assertThat(answer.body()).doesNotContain(PAN).doesNotContain("IllegalStateException").doesNotContain("at io.");
    }

    @Test
    void anApiExceptionKeepsItsStatusCodeAndField() {
        HttpsTestClient.Answer answer = client.get("/refused");
        assertThat(answer.status()).isEqualTo(409);
        JsonNode error = answer.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("already_done");
        assertThat(error.get("field").asText()).isEqualTo("thing");
        assertThat(answer.json().size()).isEqualTo(1);
    }

    @Test
    void requestsJettyRefusesItselfAreAnsweredInJsonToo() throws IOException {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) HttpsTestClient.trusting(server.certificate())
                .getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /openapi.json HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "x".repeat(20_000) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 431").contains("application/json").contains("\"code\":\"headers_too_large\"");
            assertThat(answer).doesNotContain("<html").doesNotContain("Jetty");
        }
    }

    @Test
    void plainHttpIsNotServed() {
        HttpClient plain = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/openapi.json");
        assertThatThrownBy(() -> {
            try {
                HttpResponse<String> response = plain.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                throw new AssertionError("plain HTTP answered " + response.statusCode());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void anUntrustingClientRefusesTheSelfSignedCertificate() {
        HttpClient defaultTrust = HttpClient.newHttpClient();
        assertThatThrownBy(() -> defaultTrust.send(HttpRequest.newBuilder(server.baseUri().resolve("/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
}
