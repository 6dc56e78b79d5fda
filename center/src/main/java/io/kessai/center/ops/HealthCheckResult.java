package io.kessai.center.ops;

import io.kessai.center.http.CardDataRedactor;
import java.util.Objects;

/**
 * What a check found. {@code detail} is shown to anyone who can reach {@code /health}: say what is
 * wrong ("issuer ACME: link down since 10:02"), never a password, key or card number.
 */
public record HealthCheckResult(HealthStatus status, String detail) {
    public HealthCheckResult {
        Objects.requireNonNull(status, "status");
        detail = CardDataRedactor.redact(Objects.requireNonNull(detail, "detail"));
    }

    public static HealthCheckResult up(String detail) {
        return new HealthCheckResult(HealthStatus.UP, detail);
    }

    public static HealthCheckResult down(String detail) {
        return new HealthCheckResult(HealthStatus.DOWN, detail);
    }
}
