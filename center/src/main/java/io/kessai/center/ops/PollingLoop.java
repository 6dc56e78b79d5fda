package io.kessai.center.ops;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtual thread that runs a work queue's passes: again at once while a pass comes back full (more
 * may be due), else after {@code pollMillis} or as soon as someone calls {@link #signal()}. A pass that
 * throws is logged and the loop goes on. Serves the store-and-forward advices and the wallet's webhooks,
 * which lease their rows from PostgreSQL with the same shape.
 */
public final class PollingLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollingLoop.class);

    private final String name;
    private final IntSupplier pass;
    private final int fullPass;
    private final long pollMillis;
    private final long joinMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param pass one pass; returns how many items it took
     * @param fullPass a pass that took this many may have left more due
     * @param joinMillis how long {@link #close()} waits for the pass in progress (its own timeouts bound it)
     */
    public PollingLoop(String name, IntSupplier pass, int fullPass, long pollMillis, long joinMillis) {
        if (fullPass < 1 || pollMillis < 1 || joinMillis < 0) {
            throw new IllegalArgumentException("full pass ≥ 1, poll ≥ 1 ms, join ≥ 0 ms");
        }
        this.name = name;
        this.pass = pass;
        this.fullPass = fullPass;
        this.pollMillis = pollMillis;
        this.joinMillis = joinMillis;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofVirtual().name(name).start(this::loop);
    }

    /** Runs the next pass now instead of at the end of the poll interval. */
    public void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                while (running && pass.getAsInt() >= fullPass) {
                    // a full pass: more may be due right now
                }
            } catch (RuntimeException e) {
                LOG.error("{} pass failed: {}", name, e.getMessage());
            }
            lock.lock();
            try {
                if (running) {
                    wake.await(pollMillis, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        signal();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(joinMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
