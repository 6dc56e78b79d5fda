package io.kessai.center.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kessai.center.http.HttpServer;
import io.kessai.center.http.HttpServerConfig;
import io.kessai.center.http.HttpsTestClient;
import io.kessai.crypto.envelope.PaymentOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsModuleTest {
    @TempDir static Path dir;
    static Metrics metrics;
    static HealthChecks healthChecks;
    static HttpServer server;
    static HttpsTestClient client;
    static final AtomicBoolean linkUp = new AtomicBoolean(true);

    record FixedCheck(String name, HealthCheckResult result) implements HealthCheck {
        @Override
        public HealthCheckResult check() {
            return result;
        }
    }

    @BeforeAll
    static void start() {
        metrics = Metrics.create();
        healthChecks = new HealthChecks(Duration.ofMillis(500));
        healthChecks.register(new FixedCheck("database", HealthCheckResult.up("PostgreSQL answered in 1 ms")));
        healthChecks.register(new HealthCheck() {
            @Override
            public String name() {
                return "issuer_links";
            }

            @Override
            public HealthCheckResult check() {
                return linkUp.get() ? HealthCheckResult.up("1 of 1 links ready") : HealthCheckResult.down("ACME: link down");
            }
        });
        server = HttpServer.start(HttpServerConfig.selfSigned("127.0.0.1", 0, dir), metrics.registry(),
                List.of(new OpsModule(healthChecks, metrics)));
        client = HttpsTestClient.forServer(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void healthIs200WhenEveryCheckIsUpAnd503WhenOneIsDown() {
        HttpsTestClient.Answer up = client.get("/health");
        assertThat(up.status()).isEqualTo(200);
        JsonNode body = up.json();
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").path("database").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").path("issuer_links").path("detail").asText()).isEqualTo("1 of 1 links ready");

        linkUp.set(false);
        try {
            HttpsTestClient.Answer down = client.get("/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(down.json().path("checks").path("issuer_links").path("status").asText()).isEqualTo("DOWN");
            assertThat(down.json().path("checks").path("database").path("status").asText()).isEqualTo("UP");
        } finally {
            linkUp.set(true);
        }
    }

    @Test
    void aHungOrFailingCheckIsDownWithinTheTimeout() {
        HealthChecks checks = new HealthChecks(Duration.ofMillis(200));
        checks.register(new HealthCheck() {
            @Override
            public String name() {
                return "hangs";
            }

            @Override
            public HealthCheckResult check() throws InterruptedException {
                Thread.sleep(Duration.ofSeconds(30));
                return HealthCheckResult.up("never");
            }
        });
        checks.register(new HealthCheck() {
            @Override
            public String name() {
                return "throws";
            }

            @Override
            public HealthCheckResult check() {
                throw new IllegalStateException("secret detail 4111111111111111");
            }
        });
        long start = System.nanoTime();
        HealthReport report = checks.run();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.checks().get("hangs").detail()).isEqualTo("no answer within 200 ms");
        assertThat(report.checks().get("throws").detail()).isEqualTo("the check failed: IllegalStateException");
    }

    @Test
    void metricsArePrometheusTextWithPaymentsLinksHttpAndJvm() {
        PaymentMetrics payments = new PaymentMetrics(metrics.registry());
        payments.paymentFinished(PaymentOutcome.APPROVED, Duration.ofMillis(120));
        payments.paymentFinished(PaymentOutcome.APPROVED, Duration.ofMillis(80));
        payments.paymentFinished(PaymentOutcome.REENTER, Duration.ofMillis(300));
        payments.trackIssuerLink("ACME", linkUp::get);
        client.get("/health");

        HttpsTestClient.Answer answer = client.get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        String text = answer.body();
        assertThat(text).contains("kessai_payments_total{outcome=\"approved\"} 2.0");
        assertThat(text).contains("kessai_payments_total{outcome=\"reenter\"} 1.0");
        assertThat(text).contains("kessai_payments_total{outcome=\"declined\"} 0.0");
        assertThat(text).contains("kessai_payment_duration_seconds_bucket{outcome=\"approved\",le=");
        assertThat(text).contains("kessai_payment_duration_seconds_count{outcome=\"approved\"} 2");
        assertThat(text).contains("kessai_issuer_link_up{issuer=\"ACME\"} 1.0");
        assertThat(text).contains("kessai_http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}");
        assertThat(text).contains("jvm_memory_used_bytes").contains("process_uptime_seconds").contains("jvm_threads_live_threads");

        payments.forgetIssuerLink("ACME");
        assertThat(client.get("/metrics").body()).doesNotContain("kessai_issuer_link_up{issuer=\"ACME\"}");
    }
}
