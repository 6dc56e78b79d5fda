package io.kessai.center.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingLoopTest {
    private static final long HOUR_MILLIS = 3_600_000;

    @Test
    void repeatsAtOnceWhileAPassIsFullThenWaitsForASignal() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch fourPasses = new CountDownLatch(4);
        // Passes 1 and 2 are full, pass 3 is not: three passes, then nothing until signalled (the poll is an hour).
        PollingLoop loop = new PollingLoop("test-loop", () -> {
            int n = passes.incrementAndGet();
            fourPasses.countDown();
            return n <= 2 ? 10 : 0;
        }, 10, HOUR_MILLIS, 1_000);
        try (loop) {
            loop.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (passes.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(passes.get()).isEqualTo(3);
            loop.signal();
            assertThat(fourPasses.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aPassThatThrowsDoesNotEndTheLoop() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch secondPass = new CountDownLatch(2);
        try (PollingLoop loop = new PollingLoop("test-loop", () -> {
            passes.incrementAndGet();
            secondPass.countDown();
            throw new IllegalStateException("broken pass");
        }, 1, 10, 1_000)) {
            loop.start();
            assertThat(secondPass.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void refusesBoundsThatMakeNoSense() {
        assertThatThrownBy(() -> new PollingLoop("x", () -> 0, 0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PollingLoop("x", () -> 0, 1, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
