package io.kessai.center.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A java.net.http client that trusts exactly one certificate (the server's self-signed one) and checks
 * the host name as any client would: tests talk real HTTPS.
 */
public final class HttpsTestClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final URI base;

    public HttpsTestClient(URI base, X509Certificate trusted) {
        this.base = base;
        this.client = HttpClient.newBuilder().sslContext(trusting(trusted)).connectTimeout(TIMEOUT).build();
    }

    public static HttpsTestClient forServer(HttpServer server) {
        return new HttpsTestClient(server.baseUri(), server.certificate());
    }

    static SSLContext trusting(X509Certificate certificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, headers, raw body and (when JSON) the parsed body. */
    public record Answer(int status, HttpResponse<String> response) {
        public String body() {
            return response.body();
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + response.body(), e);
            }
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** The error code of a JSON error answer. */
        public String errorCode() {
            return json().path("error").path("code").asText(null);
        }

        public String errorField() {
            return json().path("error").path("field").asText(null);
        }

        public String errorMessage() {
            return json().path("error").path("message").asText(null);
        }
    }

    public Answer get(String path, Map<String, String> headers) {
        return send(builder(path, headers).GET());
    }

    public Answer get(String path) {
        return get(path, Map.of());
    }

    public Answer send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        return send(builder(path, headers).method(method, publisher));
    }

    public Answer sendJson(String method, String path, String json, Map<String, String> headers) {
        Map<String, String> withType = new java.util.HashMap<>(headers);
        withType.putIfAbsent("Content-Type", "application/json");
        return send(method, path, json, withType);
    }

    private HttpRequest.Builder builder(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        headers.forEach(builder::header);
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
