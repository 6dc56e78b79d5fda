package io.kessai.center.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line and one timer sample per request: method, path, status, duration. Never the body, the
 * query string or headers (they may hold card data or the admin token); the path is redacted too.
 */
final class RequestLogging {
    private static final Logger LOG = LoggerFactory.getLogger("io.kessai.center.http.access");
    static final String TIMER_NAME = "kessai.http.server.requests";
    /** Route label for requests that matched no endpoint: keeps the label set bounded. */
    static final String UNMATCHED_ROUTE = "unmatched";
    private static final double MICROS_PER_MILLI = 1_000.0;

    private RequestLogging() {}

    static void install(JavalinConfig config, MeterRegistry metrics) {
        config.routes.before(ctx -> {
            MDC.put(RequestIds.MDC_KEY, RequestIds.assign(ctx));
            // Answers are never cached and never sniffed into another type by a browser (the console).
            ctx.header("Cache-Control", "no-store");
            ctx.header("X-Content-Type-Options", "nosniff");
        });
        config.requestLogger.http((ctx, elapsedMillis) -> {
            try {
                log(ctx, elapsedMillis, metrics);
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
            }
        });
    }

    private static void log(Context ctx, Float elapsedMillis, MeterRegistry metrics) {
        long micros = Math.round(elapsedMillis * MICROS_PER_MILLI);
        String path = CardDataRedactor.redact(ctx.path());
        int status = ctx.statusCode();
        LOG.atInfo()
                .addKeyValue("method", ctx.method().name())
                .addKeyValue("path", path)
                .addKeyValue("status", status)
                .addKeyValue("durationMillis", micros / MICROS_PER_MILLI)
                .log("{} {} -> {} in {} ms", ctx.method().name(), path, status, micros / MICROS_PER_MILLI);
        Timer.builder(TIMER_NAME)
                .description("HTTP requests handled, by method, route template and status")
                .tag("method", ctx.method().name())
                .tag("route", routeOf(ctx))
                .tag("status", Integer.toString(status))
                .register(metrics)
                .record(Duration.ofNanos(micros * 1_000));
    }

    private static String routeOf(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? UNMATCHED_ROUTE : endpoint.path;
    }
}
