package io.kessai.center.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP relay the outbox sends through.
 *
 * @param security NONE (plain, loopback or a trusted network only), STARTTLS (required, port 587) or
 *     SMTPS (TLS from the first byte, port 465)
 * @param user empty: no authentication
 */
public record RelaySettings(String host, int port, Security security, Optional<String> user, Optional<String> password,
        int connectTimeoutMillis, int ioTimeoutMillis) {
    public enum Security {
        NONE,
        STARTTLS,
        SMTPS
    }

    public RelaySettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("relay port must be 1 to 65535, got " + port);
        }
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("set both the relay user and its password, or neither");
        }
    }

    @Override
    public String toString() {
        return "RelaySettings[" + host + ":" + port + ", " + security + ", user " + user.orElse("-") + ", password ***]";
    }
}
