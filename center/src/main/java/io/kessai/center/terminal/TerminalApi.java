package io.kessai.center.terminal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.kessai.center.flow.CompletionFlow;
import io.kessai.center.flow.CompletionReply;
import io.kessai.center.flow.FlowDirectory.ItemQuestion;
import io.kessai.center.flow.PaymentFlow;
import io.kessai.center.flow.TerminalException;
import io.kessai.center.flow.TerminalReply;
import io.kessai.center.http.ApiException;
import io.kessai.center.http.HttpModule;
import io.kessai.center.http.JsonBodies;
import io.kessai.center.http.JsonResponses;
import io.kessai.center.journal.Payment;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.SealedResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTPS terminal API (docs/api/terminal.md, /openapi.json): the phone posts the reader's sealed
 * envelope and gets the sealed result plus the same facts as JSON; after an approval it posts the
 * answers to the additional items.
 */
public final class TerminalApi implements HttpModule {
    public static final String ENVELOPES = "/v1/terminal/envelopes";
    public static final String ADDITIONAL_ITEMS = "/v1/terminal/payments/{id}/additional-items";
    /** An envelope is a few hundred bytes, armored a little more. */
    static final int MAX_ENVELOPE_BYTES = 16 * 1024;
    static final int MAX_ITEMS_BYTES = 16 * 1024;
    private static final int OK = 200;
    private static final int ACCEPTED = 202;
    private static final int PAYLOAD_TOO_LARGE = 413;

    private final PaymentFlow paymentFlow;
    private final CompletionFlow completionFlow;

    public TerminalApi(PaymentFlow paymentFlow, CompletionFlow completionFlow) {
        this.paymentFlow = paymentFlow;
        this.completionFlow = completionFlow;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(ENVELOPES, this::postEnvelope);
        routes.post(ADDITIONAL_ITEMS, this::postAdditionalItems);
    }

    void postEnvelope(Context ctx) {
        byte[] body = envelopeBody(ctx);
        if (body.length == 0 || body.length > MAX_ENVELOPE_BYTES) {
            throw ApiException.badRequest("envelope_malformed", "the body must be one envelope of 1.." + MAX_ENVELOPE_BYTES
                    + " bytes, got " + body.length, null);
        }
        try {
            JsonResponses.ok(ctx, envelopeReply(paymentFlow.receiveEnvelope(body, Payment.Channel.HTTPS)));
        } catch (TerminalException e) {
            throw apiError(e);
        }
    }

    void postAdditionalItems(Context ctx) {
        String id = ctx.pathParam("id");
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_ITEMS_BYTES) {
            throw new ApiException(PAYLOAD_TOO_LARGE, "body_too_large", "the answers are more than " + MAX_ITEMS_BYTES + " bytes");
        }
        Map<String, String> answers = answers(JsonBodies.read(ctx, Map.class));
        try {
            CompletionReply reply = completionFlow.submit(id, answers);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("payment_id", reply.paymentId());
            json.put("state", "completed");
            json.put("issuer_acknowledged", reply.issuerAcknowledged());
            json.put("duplicate", reply.duplicate());
            JsonResponses.send(ctx, reply.issuerAcknowledged() ? OK : ACCEPTED, json);
        } catch (TerminalException e) {
            throw apiError(e);
        }
    }

    /**
     * The envelope as sent, read straight from the request: exactly Content-Length bytes when the phone
     * says how many (an envelope is a few hundred), else up to one byte more than the limit. The generic
     * body reader would copy every envelope through buffers of many kilobytes.
     */
    static byte[] envelopeBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared < 0 || declared > MAX_ENVELOPE_BYTES) {
                return in.readNBytes(MAX_ENVELOPE_BYTES + 1);
            }
            byte[] body = new byte[(int) declared];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        } catch (IOException e) {
            throw ApiException.badRequest("envelope_malformed", "the envelope could not be read: " + e.getMessage(), null);
        }
    }

    /**
     * The answers: a JSON object (JsonBodies has refused anything else with the center's usual errors)
     * whose values are strings or whole numbers; another value is named in the error, never echoed.
     */
    static Map<String, String> answers(Map<?, ?> body) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : body.entrySet()) {
            String key = String.valueOf(field.getKey());
            Object value = field.getValue();
            if (!(value instanceof String) && !(value instanceof Integer) && !(value instanceof Long)
                    && !(value instanceof java.math.BigInteger)) {
                throw ApiException.badRequest("invalid_field", "field " + key + " must be a string or a whole number", key);
            }
            answers.put(key, value.toString());
        }
        return answers;
    }

    static Map<String, Object> envelopeReply(TerminalReply reply) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("payment_id", reply.paymentId());
        json.put("outcome", reply.outcome().name().toLowerCase(Locale.ROOT));
        json.put("response_code", reply.responseCode());
        reply.approvalCode().ifPresent(code -> json.put("approval_code", code));
        if (!reply.reason().isEmpty()) {
            json.put("reason", reply.reason());
        }
        json.put("message", Map.of("ja", reply.messageJa(), "en", reply.messageEn()));
        json.put("sealed_result", Base64.getEncoder().encodeToString(reply.sealedResult()));
        json.put("sealed_result_armored", armored(reply.sealedResult()));
        if (!reply.questions().isEmpty()) {
            List<Map<String, Object>> questions = new ArrayList<>();
            for (ItemQuestion q : reply.questions()) {
                Map<String, Object> question = new LinkedHashMap<>();
                question.put("key", q.key());
                question.put("label", Map.of("ja", q.labelJa(), "en", q.labelEn()));
                question.put("type", q.type().name().toLowerCase(Locale.ROOT));
                question.put("required", q.required());
                question.put("max_length", q.maxLength());
                if (!q.choices().isEmpty()) {
                    question.put("choices", q.choices());
                }
                questions.add(question);
            }
            json.put("additional_items", Map.of(
                    "questions", questions,
                    "answer_url", ADDITIONAL_ITEMS.replace("{id}", reply.paymentId())));
        }
        json.put("duplicate", reply.duplicate());
        return json;
    }

    private static String armored(byte[] sealedResult) {
        try {
            return SealedResult.parse(sealedResult).toArmored();
        } catch (EnvelopeException e) {
            throw new IllegalStateException("the center's own sealed result does not parse: " + e.getMessage(), e);
        }
    }

    static ApiException apiError(TerminalException e) {
        return new ApiException(e.code().httpStatus(), e.code().apiCode(), e.getMessage(), e.field());
    }
}
