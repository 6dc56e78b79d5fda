package io.kessai.center.wallet;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes wallet requests a crash left with the card company ({@link WalletPayments#recoverInterrupted}),
 * like the journal's recovery: a pass at start (at once on a single node, else after the grace) and
 * then every sweep period on every node, taking over only requests untouched for the grace, so no node
 * finishes a request another live node is still working on.
 */
public final class WalletRecovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalletRecovery.class);

    private final WalletPayments payments;
    private final Clock clock;
    private final Duration grace;
    private volatile boolean sweeping;
    private Thread sweeper;

    public WalletRecovery(WalletPayments payments, Clock clock, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("recovery grace must not be negative, got " + grace);
        }
        this.payments = payments;
        this.clock = clock;
        this.grace = grace;
    }

    /** One pass with the given grace (zero at the start of a single node); returns how many were finished. */
    public int run(Duration passGrace) {
        int total = 0;
        int recovered;
        do {
            recovered = payments.recoverInterrupted(clock.instant().minus(passGrace));
            total += recovered;
        } while (recovered == WalletPayments.RECOVERY_BATCH);
        if (total > 0) {
            LOG.warn("{} wallet payments interrupted by a stop or crash took the outcome of their journal attempt", total);
        }
        return total;
    }

    public synchronized void startSweeping(Duration period) {
        if (sweeping) {
            return;
        }
        sweeping = true;
        sweeper = Thread.ofVirtual().name("wallet-recovery-sweep").start(() -> {
            while (sweeping) {
                try {
                    Thread.sleep(period);
                    if (sweeping) {
                        run(grace);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.error("wallet recovery sweep failed: {}", e.getMessage());
                }
            }
        });
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            sweeping = false;
            running = sweeper;
        }
        if (running != null) {
            running.interrupt();
        }
    }
}
