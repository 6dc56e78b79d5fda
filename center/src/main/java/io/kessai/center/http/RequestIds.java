package io.kessai.center.http;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A short random ID per request, sent back in {@code X-Request-Id} and written to every log line of the
 * request, so that a client's complaint ("request 3f9c…") finds the server's side of the story.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** The MDC key log lines carry it under. */
    public static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = "kessai.requestId";
    private static final int ID_BYTES = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    static String assign(Context ctx) {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        return id;
    }

    /** The ID of this request ({@code "unknown"} only if it failed before one was assigned). */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "unknown" : id;
    }
}
