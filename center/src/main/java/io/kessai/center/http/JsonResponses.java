package io.kessai.center.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes JSON answers with the center's mapper, so every endpoint formats alike. */
public final class JsonResponses {
    public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    /** More unread request body than this is not worth reading just to keep the connection. */
    private static final long MAX_DRAIN_BYTES = 64 * 1024;
    private static final int DRAIN_BUFFER_BYTES = 4 * 1024;
    private static final String CONNECTION = "Connection";
    private static final String CLOSE = "close";

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
        drainUnreadBody(ctx);
        HttpServletResponse response = ctx.res();
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away before the answer was written: " + e.getMessage(), e);
        }
    }

    /**
     * An answer may come before the handler read the request body (a refused API key, an unknown route).
     * Writing it commits the response, and Jetty would then close the connection to skip the unread body
     * without being able to say so in a header; a client that reuses the connection fails ("received no
     * bytes"). So what is left is read first, up to {@link #MAX_DRAIN_BYTES}; beyond that, or when reading
     * fails, the answer says {@code Connection: close}.
     */
    private static void drainUnreadBody(Context ctx) {
        try {
            ServletInputStream body = ctx.req().getInputStream();
            if (body.isFinished()) {
                return; // read by the handler, or there was none: the common case costs one call
            }
            byte[] sink = new byte[DRAIN_BUFFER_BYTES];
            long drained = 0;
            int read;
            while ((read = body.read(sink)) != -1) {
                drained += read;
                if (drained > MAX_DRAIN_BYTES) {
                    ctx.header(CONNECTION, CLOSE);
                    return;
                }
            }
        } catch (IOException | IllegalStateException e) {
            ctx.header(CONNECTION, CLOSE);
        }
    }

    public static void ok(Context ctx, Object body) {
        send(ctx, HttpStatusCodes.OK, body);
    }

    public static void error(Context ctx, int status, ApiError error) {
        send(ctx, status, error.asBody());
    }
}
