package io.kessai.center.mail;

import io.kessai.center.ops.HealthCheck;
import io.kessai.center.ops.HealthCheckResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * /health: how the outbox drains. Always UP: every node shares the outbox, so a relay outage would take
 * every node out of a load balancer, HTTPS payments included; the detail names the backlog and the wait,
 * and {@code kessai_mail_outbox_oldest_pending_seconds} is what to alert on.
 */
public record MailOutboxHealthCheck(MailStore store, Duration maxAge, Clock clock) implements HealthCheck {
    @Override
    public String name() {
        return "mail_outbox";
    }

    @Override
    public HealthCheckResult check() {
        Map<String, Long> counts = store.outboxCounts();
        String detail = "pending " + counts.getOrDefault("PENDING", 0L) + ", failed " + counts.getOrDefault("FAILED", 0L) + ", bounced "
                + counts.getOrDefault("BOUNCED", 0L);
        Optional<Duration> oldest = store.oldestPendingAge(clock.instant());
        if (oldest.isPresent() && oldest.get().compareTo(maxAge) > 0) {
            return HealthCheckResult.up(detail + "; the oldest pending mail has waited " + oldest.get().toSeconds()
                    + " s: is the relay reachable?");
        }
        return HealthCheckResult.up(detail);
    }
}
