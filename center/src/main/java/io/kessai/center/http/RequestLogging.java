package io.kessai.center.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** A timer's label set. Bounded: route templates (or "unmatched"), methods and statuses are few. */
    private record TimerKey(String method, String route, int status) {}

    private RequestLogging() {}

    static void install(JavalinConfig config, MeterRegistry metrics) {
        // This server's timers by label set: a request records into its timer without building tags and
        // looking the timer up in the registry.
        Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
        config.routes.before(ctx -> {
            MDC.put(RequestIds.MDC_KEY, RequestIds.assign(ctx));
            // Answers are never cached and never sniffed into another type by a browser (the console).
            ctx.header("Cache-Control", "no-store");
            ctx.header("X-Content-Type-Options", "nosniff");
        });
        config.requestLogger.http((ctx, elapsedMillis) -> {
            try {
                log(ctx, elapsedMillis, metrics, timers);
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
            }
        });
    }

    private static void log(Context ctx, Float elapsedMillis, MeterRegistry metrics, Map<TimerKey, Timer> timers) {
        long micros = Math.round(elapsedMillis * MICROS_PER_MILLI);
        int status = ctx.statusCode();
        if (LOG.isInfoEnabled()) {
            // Redacted only for a line that is written: the scan costs CPU on every request otherwise.
            String path = CardDataRedactor.redact(ctx.path());
            LOG.atInfo()
                    .addKeyValue("method", ctx.method().name())
                    .addKeyValue("path", path)
                    .addKeyValue("status", status)
                    .addKeyValue("durationMillis", micros / MICROS_PER_MILLI)
                    .log("{} {} -> {} in {} ms", ctx.method().name(), path, status, micros / MICROS_PER_MILLI);
        }
        timers.computeIfAbsent(new TimerKey(ctx.method().name(), routeOf(ctx), status), key -> Timer.builder(TIMER_NAME)
                        .description("HTTP requests handled, by method, route template and status")
                        .tag("method", key.method())
                        .tag("route", key.route())
                        .tag("status", Integer.toString(key.status()))
                        .register(metrics))
                .record(Duration.ofNanos(micros * 1_000));
    }

    private static String routeOf(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? UNMATCHED_ROUTE : endpoint.path;
    }
}
