package io.kessai.app.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An open-loop load run: pre-sealed envelopes sent at a fixed rate (a warm-up, then the measured
 * seconds), at most {@code maxInFlight} outstanding. Each request's latency counts from its intended
 * send time ({@link RatePacer}), so time spent waiting for a free slot is part of it. A progress line
 * goes out once a second.
 */
final class OpenLoopRun {
    private static final long PROGRESS_PERIOD_MILLIS = 1_000;
    /** The first request is due this long after start, so the schedule does not begin late. */
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Sends one sealed envelope; fails with a {@link SendFailure} naming why there was no answer. */
    interface Sender {
        CompletableFuture<Outcome> send(byte[] envelope);
    }

    /** No outcome for a request: {@code code} is what the report counts it under. */
    static final class SendFailure extends RuntimeException {
        private final String code;

        SendFailure(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    record Settings(int ratePerSecond, int warmupSeconds, int measuredSeconds, int maxInFlight, long drainTimeoutMillis) {
        Settings {
            if (warmupSeconds < 0 || measuredSeconds < 1 || maxInFlight < 1 || drainTimeoutMillis < 0) {
                throw new IllegalArgumentException("warm-up ≥ 0 s, measured ≥ 1 s, in-flight ≥ 1, drain ≥ 0 ms");
            }
            new RatePacer(0, ratePerSecond); // checks the rate
        }

        long warmupRequests() {
            return RatePacer.requestsIn(ratePerSecond, warmupSeconds);
        }

        long totalRequests() {
            return warmupRequests() + RatePacer.requestsIn(ratePerSecond, measuredSeconds);
        }
    }

    /** One phase's tallies: the warm-up's are shown but not reported. */
    private record Phase(String name, OutcomeCounts counts, LatencyStats latency) {
        Phase(String name) {
            this(name, new OutcomeCounts(), new LatencyStats());
        }
    }

    private final Settings settings;
    private final Sender sender;
    private final Consumer<String> progress;
    private final RatePacer.NanoClock clock;
    private Runnable onMeasureStart = () -> {};
    private Runnable onMeasureEnd = () -> {};

    /** Hooks at the start of the measured window and once its last answer is in (CPU accounting). */
    OpenLoopRun onMeasuredWindow(Runnable start, Runnable end) {
        this.onMeasureStart = start;
        this.onMeasureEnd = end;
        return this;
    }

    OpenLoopRun(Settings settings, Sender sender, Consumer<String> progress, RatePacer.NanoClock clock) {
        this.settings = settings;
        this.sender = sender;
        this.progress = progress;
        this.clock = clock;
    }

    BenchReport run(List<byte[]> envelopes) throws InterruptedException {
        long total = settings.totalRequests();
        if (envelopes.size() < total) {
            throw new IllegalArgumentException("the run needs " + total + " envelopes, got " + envelopes.size());
        }
        long warmupRequests = settings.warmupRequests();
        Phase warmup = new Phase("warm-up");
        Phase measured = new Phase("measure");
        Semaphore slots = new Semaphore(settings.maxInFlight());
        AtomicLong sent = new AtomicLong();
        AtomicLong afterWindow = new AtomicLong();
        AtomicLong lastMeasuredDoneNanos = new AtomicLong(Long.MIN_VALUE);
        RatePacer pacer;
        long measuredRequests = total - warmupRequests;
        // The measured window gets a schedule of its own once the warm-up's answers are all in: a cold JVM
        // falls behind while the JIT compiles, and that backlog is the warm-up's, not the window's.
        AtomicLong windowEndNanos = new AtomicLong(Long.MAX_VALUE);

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("bench-progress").factory());
        AtomicLong second = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            // A failing line must not end the ticker (a scheduled task that throws is never run again).
            try {
                    Phase phase = sent.get() <= warmupRequests && warmupRequests > 0 ? warmup : measured;
                progress.accept(ProgressLine.format(phase.name(), second.incrementAndGet(), sent.get(),
                        settings.maxInFlight() - slots.availablePermits(), phase.counts(), phase.latency().takeInterval()));
            } catch (RuntimeException e) {
                progress.accept("progress line failed: " + e);
            }
        }, PROGRESS_PERIOD_MILLIS, PROGRESS_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        try {
            RatePacer warmupPacer = new RatePacer(clock.nanoTime() + START_DELAY_NANOS, settings.ratePerSecond());
            for (long i = 0; i < warmupRequests; i++) {
                long intendedNanos = warmupPacer.awaitTurn(i, clock);
                send(envelopes.get((int) i), intendedNanos, warmup, slots, sent, doneNanos -> { });
            }
            if (warmupRequests > 0 && !slots.tryAcquire(settings.maxInFlight(), settings.drainTimeoutMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the warm-up's answers did not all come within " + settings.drainTimeoutMillis() + " ms");
            } else if (warmupRequests > 0) {
                slots.release(settings.maxInFlight());
            }
            pacer = new RatePacer(clock.nanoTime() + START_DELAY_NANOS, settings.ratePerSecond());
            windowEndNanos.set(pacer.intendedNanos(measuredRequests));
            onMeasureStart.run();
            for (long j = 0; j < measuredRequests; j++) {
                long intendedNanos = pacer.awaitTurn(j, clock);
                send(envelopes.get((int) (warmupRequests + j)), intendedNanos, measured, slots, sent, doneNanos -> {
                    lastMeasuredDoneNanos.accumulateAndGet(doneNanos, Math::max);
                    if (doneNanos > windowEndNanos.get()) {
                        afterWindow.incrementAndGet();
                    }
                });
            }
            boolean drained = slots.tryAcquire(settings.maxInFlight(), settings.drainTimeoutMillis(), TimeUnit.MILLISECONDS);
            if (!drained) {
                int unanswered = settings.maxInFlight() - slots.availablePermits();
                for (int k = 0; k < unanswered; k++) {
                    measured.counts().countError("unanswered_at_end");
                }
            }
            onMeasureEnd.run();
        } finally {
            ticker.shutdownNow();
        }
        // Throughput is over the measured window, or until its last answer when the center fell behind.
        long measureStartNanos = pacer.intendedNanos(0);
        long elapsedNanos = Math.max(windowEndNanos.get(), lastMeasuredDoneNanos.get()) - measureStartNanos;
        return BenchReport.of(settings.ratePerSecond(), elapsedNanos, total - warmupRequests, measured.counts(),
                measured.latency().total(), afterWindow.get());
    }

    /**
     * Sends one envelope once a slot is free; its latency counts from {@code intendedNanos}. {@code answered}
     * gets the answer's time before the slot is free again, so a drain of all slots sees every tally.
     */
    private void send(byte[] envelope, long intendedNanos, Phase phase, Semaphore slots, AtomicLong sent,
            java.util.function.LongConsumer answered) throws InterruptedException {
        slots.acquire();
        sent.incrementAndGet();
        sendOne(envelope).whenComplete((outcome, error) -> {
            long doneNanos = clock.nanoTime();
            phase.latency().recordNanos(doneNanos - intendedNanos);
            if (error != null) {
                phase.counts().countError(codeOf(error));
            } else {
                phase.counts().count(outcome);
            }
            answered.accept(doneNanos);
            slots.release();
        });
    }

    private CompletableFuture<Outcome> sendOne(byte[] envelope) {
        try {
            return sender.send(envelope);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static String codeOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof SendFailure failure ? failure.code() : cause.getClass().getSimpleName();
    }
}
