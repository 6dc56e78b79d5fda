package io.kessai.iso8583.link;

import java.util.Objects;

/**
 * No response arrived within the request's timeout. The request's key is remembered for a while, so
 * a response that arrives later is reported as late and dropped: the caller decides (a reversal).
 */
public final class LinkTimeoutException extends LinkException {
    private final transient MatchKey key;
    private final long timeoutMillis;

    public LinkTimeoutException(MatchKey key, long timeoutMillis) {
        super("no response within " + timeoutMillis + " ms for key " + Objects.requireNonNull(key, "key"),
                null, false);
        this.key = key;
        this.timeoutMillis = timeoutMillis;
    }

    public MatchKey key() {
        return key;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }
}
