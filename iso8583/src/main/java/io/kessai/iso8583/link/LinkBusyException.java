package io.kessai.iso8583.link;

/** Every slot of the in-flight window stayed taken for as long as the sender was willing to wait. */
public final class LinkBusyException extends LinkException {
    private final int maxInFlight;
    private final long waitedMillis;

    public LinkBusyException(int maxInFlight, long waitedMillis) {
        super("all " + maxInFlight + " in-flight slots stayed taken for " + waitedMillis + " ms", null, false);
        this.maxInFlight = maxInFlight;
        this.waitedMillis = waitedMillis;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public long waitedMillis() {
        return waitedMillis;
    }
}
