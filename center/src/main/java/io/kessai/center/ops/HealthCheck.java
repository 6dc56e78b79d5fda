package io.kessai.center.ops;

/**
 * One thing {@code /health} looks at (the database, the issuer links). A check should answer in well
 * under {@link HealthChecks#DEFAULT_TIMEOUT}; one that does not, or throws, counts as DOWN.
 */
public interface HealthCheck {
    /** The key in {@code /health}'s {@code checks}: lower-case, e.g. {@code database}, {@code issuer_links}. */
    String name();

    HealthCheckResult check() throws Exception;
}
