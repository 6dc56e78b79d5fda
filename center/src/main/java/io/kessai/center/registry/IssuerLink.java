package io.kessai.center.registry;

import java.util.Objects;

/**
 * How the center reaches an issuer's ISO 8583 host.
 *
 * @param host a DNS name or an IP address
 * @param responseTimeoutMillis how long to wait for an authorization answer before reversing
 */
public record IssuerLink(String host, int port, LengthHeaderKind lengthHeader, boolean tls, int responseTimeoutMillis) {
    public IssuerLink {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(lengthHeader, "lengthHeader");
        assert port >= 1 && port <= 65_535 : "port " + port;
        assert responseTimeoutMillis > 0 : "timeout " + responseTimeoutMillis;
    }
}
