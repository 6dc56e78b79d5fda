package io.kessai.iso8583.link;

import java.util.Objects;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * Everything a {@link LinkServer} can be told, validated when built. Durations in milliseconds;
 * docs/protocol/link.md lists each value with its default.
 *
 * @param bindHost                 the local address to listen on
 * @param port                     the TCP port; 0 picks a free one ({@link LinkServer#localPort()})
 * @param framing                  length header and maximum frame
 * @param serverSocketFactory      plain TCP by default; an {@link SSLServerSocketFactory} for TLS
 * @param requireClientCertificate with TLS, refuse clients without a trusted certificate (mutual TLS)
 * @param maxConnections           connections served at once; more are closed as soon as accepted
 * @param maxInFlightPerConnection requests of one connection being handled or waiting to be written;
 *                                 when all are taken the server stops reading that connection
 * @param handlerTimeoutMillis     a handler that has not answered by then loses its slot; its answer,
 *                                 if it ever comes, is not sent
 * @param idleTimeoutMillis        a connection that sends nothing for this long is closed (clients
 *                                 echo well within it); at least the handler timeout
 * @param drainTimeoutMillis       on close, how long handlers in flight may take to finish
 * @param handshakeTimeoutMillis   bound on a client's TLS handshake
 * @param acceptBacklog            connections the operating system may queue before we accept them
 */
public record LinkServerConfig(
        String bindHost,
        int port,
        Framing framing,
        ServerSocketFactory serverSocketFactory,
        boolean requireClientCertificate,
        int maxConnections,
        int maxInFlightPerConnection,
        int handlerTimeoutMillis,
        int idleTimeoutMillis,
        int drainTimeoutMillis,
        int handshakeTimeoutMillis,
        int acceptBacklog) {

    /** Loopback: the issuer host is a development stand-in; exposing it is a deliberate choice. */
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION = 512;
    public static final int DEFAULT_HANDLER_TIMEOUT_MILLIS = 30_000;
    public static final int DEFAULT_IDLE_TIMEOUT_MILLIS = 300_000;
    public static final int DEFAULT_DRAIN_TIMEOUT_MILLIS = 5_000;
    public static final int DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 5_000;
    public static final int DEFAULT_ACCEPT_BACKLOG = 128;

    static final int MAX_CONNECTIONS = 10_000;
    static final int MAX_BACKLOG = 65_535;

    public LinkServerConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Checks.inRange("port", port, 0, LinkClientConfig.MAX_PORT);
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(serverSocketFactory, "serverSocketFactory");
        Checks.inRange("maxConnections", maxConnections, 1, MAX_CONNECTIONS);
        Checks.inRange("maxInFlightPerConnection", maxInFlightPerConnection, 1, LinkClientConfig.MAX_IN_FLIGHT);
        Checks.inRange("handlerTimeoutMillis", handlerTimeoutMillis, 1, LinkClientConfig.MAX_MILLIS);
        Checks.inRange("idleTimeoutMillis", idleTimeoutMillis, handlerTimeoutMillis, LinkClientConfig.MAX_MILLIS);
        Checks.inRange("drainTimeoutMillis", drainTimeoutMillis, 0, LinkClientConfig.MAX_MILLIS);
        Checks.inRange("handshakeTimeoutMillis", handshakeTimeoutMillis, 1, LinkClientConfig.MAX_MILLIS);
        Checks.inRange("acceptBacklog", acceptBacklog, 1, MAX_BACKLOG);
    }

    public static Builder builder(int port) {
        return new Builder(port);
    }

    /** Defaults as documented on the constants; each setter overrides one value. */
    public static final class Builder {
        private final int port;
        private String bindHost = DEFAULT_BIND_HOST;
        private Framing framing = Framing.DEFAULT;
        private ServerSocketFactory serverSocketFactory = ServerSocketFactory.getDefault();
        private boolean requireClientCertificate;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxInFlightPerConnection = DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION;
        private int handlerTimeoutMillis = DEFAULT_HANDLER_TIMEOUT_MILLIS;
        private int idleTimeoutMillis = DEFAULT_IDLE_TIMEOUT_MILLIS;
        private int drainTimeoutMillis = DEFAULT_DRAIN_TIMEOUT_MILLIS;
        private int handshakeTimeoutMillis = DEFAULT_HANDSHAKE_TIMEOUT_MILLIS;
        private int acceptBacklog = DEFAULT_ACCEPT_BACKLOG;

        private Builder(int port) {
            this.port = port;
        }

        public Builder bindHost(String value) {
            this.bindHost = value;
            return this;
        }

        public Builder framing(Framing value) {
            this.framing = value;
            return this;
        }

        /** Plain TCP unless an {@link SSLServerSocketFactory} is given. */
        public Builder serverSocketFactory(ServerSocketFactory value) {
            this.serverSocketFactory = value;
            return this;
        }

        public Builder requireClientCertificate(boolean value) {
            this.requireClientCertificate = value;
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        public Builder maxInFlightPerConnection(int value) {
            this.maxInFlightPerConnection = value;
            return this;
        }

        public Builder handlerTimeoutMillis(int value) {
            this.handlerTimeoutMillis = value;
            return this;
        }

        public Builder idleTimeoutMillis(int value) {
            this.idleTimeoutMillis = value;
            return this;
        }

        public Builder drainTimeoutMillis(int value) {
            this.drainTimeoutMillis = value;
            return this;
        }

        public Builder handshakeTimeoutMillis(int value) {
            this.handshakeTimeoutMillis = value;
            return this;
        }

        public Builder acceptBacklog(int value) {
            this.acceptBacklog = value;
            return this;
        }

        public LinkServerConfig build() {
            return new LinkServerConfig(bindHost, port, framing, serverSocketFactory, requireClientCertificate,
                    maxConnections, maxInFlightPerConnection, handlerTimeoutMillis, idleTimeoutMillis,
                    drainTimeoutMillis, handshakeTimeoutMillis, acceptBacklog);
        }
    }
}
