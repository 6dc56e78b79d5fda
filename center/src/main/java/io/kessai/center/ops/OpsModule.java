package io.kessai.center.ops;

import io.javalin.config.RoutesConfig;
import io.kessai.center.http.HttpModule;
import io.kessai.center.http.HttpStatusCodes;
import io.kessai.center.http.JsonResponses;
import java.util.Objects;

/**
 * {@code GET /health} (200 when UP, 503 when DOWN, JSON with each check) and {@code GET /metrics}
 * (Prometheus text). Neither needs the admin token: load balancers and Prometheus scrape them, and
 * neither shows anything secret.
 */
public final class OpsModule implements HttpModule {
    public static final String HEALTH_PATH = "/health";
    public static final String METRICS_PATH = "/metrics";
    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HealthChecks healthChecks;
    private final Metrics metrics;

    public OpsModule(HealthChecks healthChecks, Metrics metrics) {
        this.healthChecks = Objects.requireNonNull(healthChecks, "healthChecks");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(HEALTH_PATH, ctx -> {
            HealthReport report = healthChecks.run();
            int status = report.status() == HealthStatus.UP ? HttpStatusCodes.OK : HttpStatusCodes.SERVICE_UNAVAILABLE;
            JsonResponses.send(ctx, status, report);
        });
        routes.get(METRICS_PATH, ctx -> ctx.contentType(PROMETHEUS_CONTENT_TYPE).result(metrics.scrape()));
    }
}
