package io.kessai.center.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

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
        // Written straight to the response with its length: handing Javalin a result stream costs a copy
        // through an 8 KB buffer and a compression check per answer, about 8% of the center's CPU under
        // load (docs/benchmarks.md). The answers are small JSON; nothing is compressed.
        ctx.status(status).contentType(JSON_CONTENT_TYPE);
        HttpServletResponse response = ctx.res();
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away before the answer was written: " + e.getMessage(), e);
        }
    }

    public static void ok(Context ctx, Object body) {
        send(ctx, HttpStatusCodes.OK, body);
    }

    public static void error(Context ctx, int status, ApiError error) {
        send(ctx, status, error.asBody());
    }
}
