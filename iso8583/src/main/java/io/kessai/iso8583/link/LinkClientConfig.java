package io.kessai.iso8583.link;

import java.util.Objects;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Everything a {@link LinkClient} can be told, validated when built. Every duration is in
 * milliseconds and every size says its unit; docs/protocol/link.md lists each value with its
 * default and why.
 *
 * @param host                   the host's name or address
 * @param port                   the host's TCP port
 * @param framing                length header and maximum frame
 * @param socketFactory          plain TCP by default; an {@link SSLSocketFactory} for TLS (the host name
 *                               is then verified against the certificate)
 * @param connectTimeoutMillis   bound on the TCP connect and on the TLS handshake, each
 * @param requestTimeoutMillis   how long a request waits for its response unless the send names its own
 * @param maxInFlight            the in-flight window: requests sent and not yet answered
 * @param windowWaitMillis       how long {@code send} waits for a free slot before it gives up
 * @param managementTimeoutMillis timeout of sign-on, echo test and sign-off
 * @param echoIdleMillis         an echo test goes out after this long without a frame from the host
 * @param reconnectInitialMillis delay before the first reconnect attempt; doubles on each failure
 * @param reconnectMaxMillis     the longest reconnect delay
 * @param reconnectJitterPercent each delay is shortened by a random 0..this percent, so that many
 *                               clients cut off together do not reconnect together
 * @param drainTimeoutMillis     on close, how long requests in flight may take to finish
 * @param timeoutCheckMillis     how often timeouts are checked: a request fails between its timeout
 *                               and its timeout plus this
 * @param abandonedKeyMemory     how many keys of timed-out (or cut-off) requests are remembered, to
 *                               tell a late response from an unknown one and to refuse reusing them
 */
public record LinkClientConfig(
        String host,
        int port,
        Framing framing,
        SocketFactory socketFactory,
        int connectTimeoutMillis,
        int requestTimeoutMillis,
        int maxInFlight,
        int windowWaitMillis,
        int managementTimeoutMillis,
        int echoIdleMillis,
        int reconnectInitialMillis,
        int reconnectMaxMillis,
        int reconnectJitterPercent,
        int drainTimeoutMillis,
        int timeoutCheckMillis,
        int abandonedKeyMemory) {

    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;
    /** Networks commonly give an issuer 15–30 s before the acquirer reverses. */
    public static final int DEFAULT_REQUEST_TIMEOUT_MILLIS = 20_000;
    /** Enough to keep a 1 ms round trip busy at 50,000 authorizations per second, with room. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 512;
    public static final int DEFAULT_WINDOW_WAIT_MILLIS = 1_000;
    public static final int DEFAULT_MANAGEMENT_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_ECHO_IDLE_MILLIS = 60_000;
    public static final int DEFAULT_RECONNECT_INITIAL_MILLIS = 500;
    public static final int DEFAULT_RECONNECT_MAX_MILLIS = 30_000;
    public static final int DEFAULT_RECONNECT_JITTER_PERCENT = 20;
    public static final int DEFAULT_DRAIN_TIMEOUT_MILLIS = 5_000;
    public static final int DEFAULT_TIMEOUT_CHECK_MILLIS = 10;
    public static final int DEFAULT_ABANDONED_KEY_MEMORY = 10_000;

    /** No timeout or delay of a link is longer than an hour: anything longer is a unit mistake. */
    static final int MAX_MILLIS = 3_600_000;
    static final int MAX_PORT = 65_535;
    static final int MAX_IN_FLIGHT = 65_536;
    static final int MAX_PERCENT = 100;
    static final int MAX_ABANDONED_KEY_MEMORY = 1_000_000;

    public LinkClientConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        Checks.inRange("port", port, 1, MAX_PORT);
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(socketFactory, "socketFactory");
        Checks.inRange("connectTimeoutMillis", connectTimeoutMillis, 1, MAX_MILLIS);
        Checks.inRange("requestTimeoutMillis", requestTimeoutMillis, 1, MAX_MILLIS);
        Checks.inRange("maxInFlight", maxInFlight, 1, MAX_IN_FLIGHT);
        Checks.inRange("windowWaitMillis", windowWaitMillis, 0, MAX_MILLIS);
        Checks.inRange("managementTimeoutMillis", managementTimeoutMillis, 1, MAX_MILLIS);
        Checks.inRange("echoIdleMillis", echoIdleMillis, 1, MAX_MILLIS);
        Checks.inRange("reconnectInitialMillis", reconnectInitialMillis, 1, MAX_MILLIS);
        Checks.inRange("reconnectMaxMillis", reconnectMaxMillis, reconnectInitialMillis, MAX_MILLIS);
        Checks.inRange("reconnectJitterPercent", reconnectJitterPercent, 0, MAX_PERCENT);
        Checks.inRange("drainTimeoutMillis", drainTimeoutMillis, 0, MAX_MILLIS);
        Checks.inRange("timeoutCheckMillis", timeoutCheckMillis, 1, MAX_MILLIS);
        Checks.inRange("abandonedKeyMemory", abandonedKeyMemory, 0, MAX_ABANDONED_KEY_MEMORY);
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** "host:port", for messages. */
    public String target() {
        return host + ":" + port;
    }

    /** Defaults as documented on the constants; each setter overrides one value. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Framing framing = Framing.DEFAULT;
        private SocketFactory socketFactory = SocketFactory.getDefault();
        private int connectTimeoutMillis = DEFAULT_CONNECT_TIMEOUT_MILLIS;
        private int requestTimeoutMillis = DEFAULT_REQUEST_TIMEOUT_MILLIS;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private int windowWaitMillis = DEFAULT_WINDOW_WAIT_MILLIS;
        private int managementTimeoutMillis = DEFAULT_MANAGEMENT_TIMEOUT_MILLIS;
        private int echoIdleMillis = DEFAULT_ECHO_IDLE_MILLIS;
        private int reconnectInitialMillis = DEFAULT_RECONNECT_INITIAL_MILLIS;
        private int reconnectMaxMillis = DEFAULT_RECONNECT_MAX_MILLIS;
        private int reconnectJitterPercent = DEFAULT_RECONNECT_JITTER_PERCENT;
        private int drainTimeoutMillis = DEFAULT_DRAIN_TIMEOUT_MILLIS;
        private int timeoutCheckMillis = DEFAULT_TIMEOUT_CHECK_MILLIS;
        private int abandonedKeyMemory = DEFAULT_ABANDONED_KEY_MEMORY;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        public Builder framing(Framing value) {
            this.framing = value;
            return this;
        }

        /** Plain TCP unless an {@link SSLSocketFactory} is given. */
        public Builder socketFactory(SocketFactory value) {
            this.socketFactory = value;
            return this;
        }

        public Builder connectTimeoutMillis(int value) {
            this.connectTimeoutMillis = value;
            return this;
        }

        public Builder requestTimeoutMillis(int value) {
            this.requestTimeoutMillis = value;
            return this;
        }

        public Builder maxInFlight(int value) {
            this.maxInFlight = value;
            return this;
        }

        public Builder windowWaitMillis(int value) {
            this.windowWaitMillis = value;
            return this;
        }

        public Builder managementTimeoutMillis(int value) {
            this.managementTimeoutMillis = value;
            return this;
        }

        public Builder echoIdleMillis(int value) {
            this.echoIdleMillis = value;
            return this;
        }

        public Builder reconnectInitialMillis(int value) {
            this.reconnectInitialMillis = value;
            return this;
        }

        public Builder reconnectMaxMillis(int value) {
            this.reconnectMaxMillis = value;
            return this;
        }

        public Builder reconnectJitterPercent(int value) {
            this.reconnectJitterPercent = value;
            return this;
        }

        public Builder drainTimeoutMillis(int value) {
            this.drainTimeoutMillis = value;
            return this;
        }

        public Builder timeoutCheckMillis(int value) {
            this.timeoutCheckMillis = value;
            return this;
        }

        public Builder abandonedKeyMemory(int value) {
            this.abandonedKeyMemory = value;
            return this;
        }

        public LinkClientConfig build() {
            return new LinkClientConfig(host, port, framing, socketFactory, connectTimeoutMillis,
                    requestTimeoutMillis, maxInFlight, windowWaitMillis, managementTimeoutMillis,
                    echoIdleMillis, reconnectInitialMillis, reconnectMaxMillis, reconnectJitterPercent,
                    drainTimeoutMillis, timeoutCheckMillis, abandonedKeyMemory);
        }
    }
}
