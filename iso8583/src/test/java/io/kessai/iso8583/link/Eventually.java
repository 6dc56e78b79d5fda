package io.kessai.iso8583.link;

import java.util.function.BooleanSupplier;

/** Bounded polling, since the tests have no Awaitility: fails the test if the condition never holds. */
final class Eventually {
    private static final long POLL_MILLIS = 2;

    private Eventually() {}

    static void within(long timeoutMillis, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeoutMillis + " ms: " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
