package io.kessai.center.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health}'s answer: UP only when every check is UP. */
public record HealthReport(HealthStatus status, Map<String, HealthCheckResult> checks) {
    public HealthReport {
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        boolean allUp = checks.values().stream().allMatch(result -> result.status() == HealthStatus.UP);
        if ((status == HealthStatus.UP) != allUp) {
            throw new IllegalArgumentException("status " + status + " contradicts the checks " + checks);
        }
    }

    static HealthReport of(Map<String, HealthCheckResult> checks) {
        boolean allUp = checks.values().stream().allMatch(result -> result.status() == HealthStatus.UP);
        return new HealthReport(allUp ? HealthStatus.UP : HealthStatus.DOWN, checks);
    }
}
