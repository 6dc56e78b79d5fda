package io.kessai.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OpenLoopRunTest {
    private static List<byte[]> envelopes(int count) {
        List<byte[]> envelopes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            envelopes.add(new byte[] {(byte) (i % 4)});
        }
        return envelopes;
    }

    @Test
    void sendsEveryScheduledEnvelopeOnceAndCountsOnlyTheMeasuredOnes() throws InterruptedException {
        // Envelope byte 0: approved, 1: declined, 2: unavailable, 3: an error.
        ConcurrentLinkedQueue<byte[]> seen = new ConcurrentLinkedQueue<>();
        OpenLoopRun.Sender sender = envelope -> {
            seen.add(envelope);
            return switch (envelope[0]) {
                case 0 -> CompletableFuture.completedFuture(Outcome.APPROVED);
                case 1 -> CompletableFuture.completedFuture(Outcome.DECLINED);
                case 2 -> CompletableFuture.completedFuture(Outcome.UNAVAILABLE);
                default -> CompletableFuture.failedFuture(new OpenLoopRun.SendFailure("timeout", "t", null));
            };
        };
        List<String> progress = new ArrayList<>();
        BenchReport report = new OpenLoopRun(new OpenLoopRun.Settings(400, 1, 1, 8, 5_000), sender, progress::add,
                RatePacer.NanoClock.SYSTEM).run(envelopes(900));
        assertThat(seen).hasSize(800);
        assertThat(report.scheduled()).isEqualTo(400);
        assertThat(report.completed()).isEqualTo(400);
        assertThat(report.outcomes()).containsEntry(Outcome.APPROVED, 100L).containsEntry(Outcome.DECLINED, 100L)
                .containsEntry(Outcome.UNAVAILABLE, 100L).containsEntry(Outcome.ERROR, 100L);
        assertThat(report.errors()).containsEntry("timeout", 100L);
    }

    @Test
    void neverHasMoreInFlightThanTheBoundAndCountsTheWaitInTheLatency() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        ConcurrentLinkedQueue<CompletableFuture<Outcome>> open = new ConcurrentLinkedQueue<>();
        Thread answerer = Thread.ofPlatform().daemon().start(() -> {
            // Answers every 20 ms whatever is outstanding: far slower than 500/s with 4 slots.
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
                for (CompletableFuture<Outcome> f; (f = open.poll()) != null; ) {
                    inFlight.decrementAndGet();
                    f.complete(Outcome.APPROVED);
                }
            }
        });
        OpenLoopRun.Sender sender = envelope -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<Outcome> f = new CompletableFuture<>();
            open.add(f);
            return f;
        };
        BenchReport report = new OpenLoopRun(new OpenLoopRun.Settings(500, 0, 1, 4, 5_000), sender, line -> {},
                RatePacer.NanoClock.SYSTEM).run(envelopes(500));
        answerer.interrupt();
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(4);
        assertThat(report.outcomes()).containsEntry(Outcome.APPROVED, 500L);
        // The fifth request, due at 8 ms, cannot go before the first tick frees a slot (≥ 20 ms): its wait
        // for a slot counts in its latency. (A larger bound depends on how the machine schedules the ticks.)
        assertThat(report.maxMicros()).isGreaterThan(10_000L);
        assertThat(report.completedAfterWindow()).isPositive();
        assertThat(report.approvedPerSecond()).isLessThan(500.0);
    }

    @Test
    void theWarmUpsBacklogIsDrainedBeforeTheMeasuredWindowStarts() throws InterruptedException {
        // Warm-up answers take 50 ms each with 2 slots (40/s against 200/s offered): a backlog of seconds,
        // as a cold JVM builds. Measured requests are answered at once: their latency must not inherit it.
        java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        AtomicInteger calls = new AtomicInteger();
        OpenLoopRun.Sender sender = envelope -> {
            if (calls.incrementAndGet() > 200) {
                return CompletableFuture.completedFuture(Outcome.APPROVED);
            }
            CompletableFuture<Outcome> f = new CompletableFuture<>();
            later.schedule(() -> f.complete(Outcome.APPROVED), 50, TimeUnit.MILLISECONDS);
            return f;
        };
        try {
            BenchReport report = new OpenLoopRun(new OpenLoopRun.Settings(200, 1, 1, 2, 5_000), sender, line -> {},
                    RatePacer.NanoClock.SYSTEM).run(envelopes(400));
            assertThat(report.outcomes()).containsEntry(Outcome.APPROVED, 200L);
            assertThat(report.maxMicros()).as("measured latency without the warm-up's backlog (≈ 4 s)").isLessThan(1_000_000L);
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void aSenderThatThrowsCountsAsAnError() throws InterruptedException {
        OpenLoopRun.Sender sender = envelope -> {
            throw new IllegalStateException("broken");
        };
        BenchReport report = new OpenLoopRun(new OpenLoopRun.Settings(100, 0, 1, 2, 1_000), sender, line -> {},
                RatePacer.NanoClock.SYSTEM).run(envelopes(100));
        assertThat(report.errors()).containsEntry("IllegalStateException", 100L);
    }

    @Test
    void needsAnEnvelopeForEveryScheduledRequest() {
        OpenLoopRun run = new OpenLoopRun(new OpenLoopRun.Settings(100, 1, 1, 2, 1_000),
                envelope -> CompletableFuture.completedFuture(Outcome.APPROVED), line -> {}, RatePacer.NanoClock.SYSTEM);
        assertThatThrownBy(() -> run.run(envelopes(199))).hasMessageContaining("needs 200 envelopes");
        assertThatThrownBy(() -> new OpenLoopRun.Settings(100, -1, 1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopRun.Settings(0, 0, 1, 2, 0)).hasMessageContaining("rate");
    }
}
