package io.kessai.app.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kessai.center.terminal.TerminalApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;

/**
 * The phone's side of the load: {@code POST /v1/terminal/envelopes} over HTTPS (HTTP/1.1 keep-alive; one
 * connection per request in flight, reused), the outcome read from the answer's JSON. The sealed result
 * is not verified at a reader: reader-side crypto is not what the run measures.
 */
final class HttpsEnvelopeSender implements OpenLoopRun.Sender {
    private static final String ENVELOPE_TYPE = "application/vnd.kessai.envelope";
    private static final int HTTP_OK = 200;
    private static final JsonFactory JSON = new JsonFactory();

    private final HttpClient http;
    private final URI endpoint;
    private final Duration requestTimeout;

    HttpsEnvelopeSender(URI center, SSLContext tls, Duration requestTimeout) {
        this.endpoint = center.resolve(TerminalApi.ENVELOPES);
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout).build();
    }

    @Override
    public CompletableFuture<Outcome> send(byte[] envelope) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", ENVELOPE_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw failure(error);
                    }
                    return outcome(response.statusCode(), response.body());
                });
    }

    /** The {@code outcome} of a 200, or the API's error code ({@code http_<status>:<code>}). */
    static Outcome outcome(int status, byte[] body) {
        String field = status == HTTP_OK ? "outcome" : "code";
        String value = firstString(body, field);
        if (status != HTTP_OK) {
            throw new OpenLoopRun.SendFailure("http_" + status + (value == null ? "" : ":" + value),
                    "the center answered HTTP " + status, null);
        }
        if (value == null) {
            throw new OpenLoopRun.SendFailure("no_outcome", "HTTP 200 without an outcome", null);
        }
        try {
            return Outcome.ofApi(value);
        } catch (IllegalArgumentException e) {
            throw new OpenLoopRun.SendFailure("bad_outcome", e.getMessage(), e);
        }
    }

    /** The first string value of {@code field} anywhere in the JSON, or null (also for a body that is not JSON). */
    static String firstString(byte[] body, String field) {
        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && field.equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static OpenLoopRun.SendFailure failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof OpenLoopRun.SendFailure failure) {
            return failure;
        }
        String code = cause instanceof HttpTimeoutException ? "timeout" : cause instanceof IOException ? "io" : "client";
        return new OpenLoopRun.SendFailure(code, cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
