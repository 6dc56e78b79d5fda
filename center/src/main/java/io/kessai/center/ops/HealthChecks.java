package io.kessai.center.ops;

import io.kessai.center.http.CardDataRedactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks behind {@code /health}, run side by side on virtual threads with one deadline, so a hung
 * database costs {@code /health} at most the timeout, never a hung load balancer probe. Parts add their
 * checks as they start ({@link #register}).
 */
public final class HealthChecks {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_CHECKS = 64;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
    private final Duration timeout;

    public HealthChecks(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("health check timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    public HealthChecks() {
        this(DEFAULT_TIMEOUT);
    }

    public synchronized HealthChecks register(HealthCheck check) {
        if (!NAME.matcher(check.name()).matches()) {
            throw new IllegalArgumentException("health check name must be lower_snake_case, got '" + check.name() + "'");
        }
        if (checks.stream().anyMatch(existing -> existing.name().equals(check.name()))) {
            throw new IllegalArgumentException("a health check named '" + check.name() + "' is already registered");
        }
        if (checks.size() >= MAX_CHECKS) {
            throw new IllegalStateException("more than " + MAX_CHECKS + " health checks");
        }
        checks.add(check);
        return this;
    }

    public HealthReport run() {
        List<HealthCheck> current = List.copyOf(checks);
        // Not try-with-resources: close() would wait for a hung check; shutdownNow() interrupts and moves on.
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<HealthCheckResult>> futures = new ArrayList<>();
            for (HealthCheck check : current) {
                futures.add(executor.submit(check::check));
            }
            long deadlineNanos = System.nanoTime() + timeout.toNanos();
            Map<String, HealthCheckResult> results = new LinkedHashMap<>();
            for (int i = 0; i < current.size(); i++) {
                results.put(current.get(i).name(), await(current.get(i), futures.get(i), deadlineNanos));
            }
            return HealthReport.of(results);
        } finally {
            executor.shutdownNow();
        }
    }

    private HealthCheckResult await(HealthCheck check, Future<HealthCheckResult> future, long deadlineNanos) {
        try {
            HealthCheckResult result = future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return result == null ? HealthCheckResult.down("the check returned nothing") : result;
        } catch (TimeoutException e) {
            future.cancel(true);
            return HealthCheckResult.down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            LOG.warn("health check {} failed", check.name(), CardDataRedactor.redactFailure(e.getCause()));
            return HealthCheckResult.down("the check failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResult.down("interrupted");
        }
    }
}
