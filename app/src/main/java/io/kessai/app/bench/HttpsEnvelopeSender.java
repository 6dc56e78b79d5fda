package io.kessai.app.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kessai.center.terminal.TerminalApi;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * The phone's side of the load: {@code POST /v1/terminal/envelopes} over HTTPS (HTTP/1.1 keep-alive; one
 * connection per request in flight, reused; {@link KeepAliveHttpsClient} on a virtual thread per
 * request), the outcome read from the answer's JSON. The sealed result is not verified at a reader:
 * reader-side crypto is not what the run measures.
 */
final class HttpsEnvelopeSender implements OpenLoopRun.Sender, AutoCloseable {
    private static final String ENVELOPE_TYPE = "application/vnd.kessai.envelope";
    private static final int HTTP_OK = 200;
    private static final JsonFactory JSON = new JsonFactory();

    private final KeepAliveHttpsClient http;

    HttpsEnvelopeSender(URI center, SSLContext tls, Duration requestTimeout, int maxConnections) {
        this.http = new KeepAliveHttpsClient(center, tls, Math.toIntExact(requestTimeout.toMillis()), maxConnections);
    }

    @Override
    public CompletableFuture<Outcome> send(byte[] envelope) {
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                KeepAliveHttpsClient.Response response = http.post(TerminalApi.ENVELOPES, ENVELOPE_TYPE, envelope);
                answer.complete(outcome(response.status(), response.body()));
            } catch (Throwable error) {
                answer.completeExceptionally(failure(error));
            }
        });
        return answer;
    }

    @Override
    public void close() {
        http.close();
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
        if (error instanceof OpenLoopRun.SendFailure failure) {
            return failure;
        }
        String code = error instanceof SocketTimeoutException ? "timeout" : error instanceof IOException ? "io" : "client";
        return new OpenLoopRun.SendFailure(code, error.getClass().getSimpleName() + ": " + error.getMessage(), error);
    }
}
