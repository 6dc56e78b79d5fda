package io.kessai.center.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;

/** Writes JSON answers with the center's mapper, so every endpoint formats alike. */
public final class JsonResponses {
    public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    private JsonResponses() {}

    public static void send(Context ctx, int status, Object body) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // Only our own response types are written; failing to serialise one is a programming error.
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
        // Through Javalin's result, not straight to the servlet response: written straight (with its length)
        // the answer is committed at once, and that broke answers in tests (an IOException on the write of a
        // POST's answer, and connections closed silently after an early error answer). It saved about 8% of
        // the center's CPU under load (docs/benchmarks.md); correctness first.
        ctx.status(status).contentType(JSON_CONTENT_TYPE).result(bytes);
    }

    public static void ok(Context ctx, Object body) {
        send(ctx, HttpStatusCodes.OK, body);
    }

    public static void error(Context ctx, int status, ApiError error) {
        send(ctx, status, error.asBody());
    }
}
