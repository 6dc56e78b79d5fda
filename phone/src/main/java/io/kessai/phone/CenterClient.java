package io.kessai.phone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kessai.crypto.envelope.SealedEnvelope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** The phone's HTTPS transport to the center's terminal API (S611; docs/api/terminal.md). */
public final class CenterClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HTTP_OK = 200;
    private static final int HTTP_ACCEPTED = 202;
    private static final String ENVELOPE_TYPE = "application/vnd.kessai.envelope";

    private final URI base;
    private final HttpClient http;
    private final Duration requestTimeout;

    public CenterClient(URI base, SSLContext tls, Duration requestTimeout) {
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(requestTimeout).build();
    }

    /** Sends the envelope (binary) and returns the center's answer. */
    public CenterAnswer send(SealedEnvelope envelope) throws CenterClientException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/terminal/envelopes"))
                .timeout(requestTimeout)
                .header("Content-Type", ENVELOPE_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope.toBytes()))
                .build();
        JsonNode json = exchange(request, HTTP_OK);
        List<CenterAnswer.Question> questions = new ArrayList<>();
        JsonNode items = json.path("additional_items").path("questions");
        for (JsonNode q : items) {
            questions.add(new CenterAnswer.Question(q.path("key").asText(), q.path("label").path("ja").asText(),
                    q.path("label").path("en").asText(), q.path("required").asBoolean(), q.path("max_length").asInt()));
        }
        return new CenterAnswer(
                json.path("payment_id").asText(),
                json.path("outcome").asText(),
                json.path("response_code").asText(),
                json.hasNonNull("approval_code") ? Optional.of(json.get("approval_code").asText()) : Optional.empty(),
                json.path("reason").asText(""),
                json.path("message").path("ja").asText(),
                json.path("message").path("en").asText(),
                Base64.getDecoder().decode(json.path("sealed_result").asText()),
                List.copyOf(questions),
                json.path("duplicate").asBoolean());
    }

    /** Answers the additional items; returns true when the center confirmed the issuer has the completion. */
    public boolean answer(String paymentId, Map<String, String> answers) throws CenterClientException {
        String body;
        try {
            body = JSON.writeValueAsString(answers);
        } catch (IOException e) {
            throw new CenterClientException("bad_request", "answers do not serialize: " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/terminal/payments/" + paymentId + "/additional-items"))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return exchange(request, HTTP_ACCEPTED).path("issuer_acknowledged").asBoolean();
    }

    private JsonNode exchange(HttpRequest request, int... okStatuses) throws CenterClientException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CenterClientException("unreachable", "cannot reach the center at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CenterClientException("unreachable", "interrupted while waiting for the center", e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CenterClientException("bad_response", "the center answered HTTP " + response.statusCode() + " without JSON", e);
        }
        int status = response.statusCode();
        if (status == HTTP_OK || contains(okStatuses, status)) {
            return json;
        }
        JsonNode error = json.path("error");
        throw new CenterClientException(error.path("code").asText("http_" + status),
                error.path("message").asText("the center answered HTTP " + status));
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
