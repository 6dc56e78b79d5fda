package io.kessai.center.mail;

import io.kessai.center.http.ConfigValues;
import io.kessai.center.mail.OutboxWorker.OutboxSettings;
import io.kessai.center.mail.SmtpListener.ListenerSettings;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The e-mail channel's settings, from {@code KESSAI_MAIL_*} (docs/configuration.md). The channel is off
 * unless {@code KESSAI_MAIL_ENABLED=true}; then the center takes mail for {@code KESSAI_MAIL_ADDRESS}
 * (and its aliases) on its own SMTP listener and/or by polling an IMAP mailbox, and sends through the relay.
 *
 * @param imap empty: no IMAP polling
 * @param listener empty: no SMTP listener (a center behind a normal mail system polls IMAP instead)
 */
public record MailSettings(
        String address,
        Set<String> aliases,
        String centerName,
        Optional<ListenerSettings> listener,
        int ratePerMinute,
        RelaySettings relay,
        OutboxSettings outbox,
        Optional<ImapSettings> imap) {

    public static final int DEFAULT_SMTP_PORT = 2525;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 262_144;
    private static final int MAX_PORT = 65_535;
    private static final int DEFAULT_RATE_PER_MINUTE = 60;
    private static final int DEFAULT_MAX_CONNECTIONS = 200;

    /** Every address the center takes mail for. */
    public Set<String> ownAddresses() {
        Set<String> all = new LinkedHashSet<>();
        all.add(address.toLowerCase(Locale.ROOT));
        aliases.forEach(a -> all.add(a.toLowerCase(Locale.ROOT)));
        return Set.copyOf(all);
    }

    public static Optional<MailSettings> fromEnvironment(ConfigValues values) {
        if (!values.string("KESSAI_MAIL_ENABLED").map(Boolean::parseBoolean).orElse(false)) {
            return Optional.empty();
        }
        String address = values.string("KESSAI_MAIL_ADDRESS").orElseThrow(() -> new IllegalArgumentException(
                "KESSAI_MAIL_ENABLED is true: set KESSAI_MAIL_ADDRESS, the address phones send envelopes to"));
        if (!address.matches("[^@\\s]+@[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("KESSAI_MAIL_ADDRESS must be an address such as pay@center.example, got '" + address + "'");
        }
        String domain = address.substring(address.indexOf('@') + 1);
        Optional<ListenerSettings> listener = values.string("KESSAI_MAIL_SMTP_ENABLED").map(Boolean::parseBoolean).orElse(true)
                ? Optional.of(new ListenerSettings(
                        values.string("KESSAI_MAIL_SMTP_HOST").orElse("0.0.0.0"),
                        values.integer("KESSAI_MAIL_SMTP_PORT", DEFAULT_SMTP_PORT, 0, MAX_PORT),
                        values.string("KESSAI_MAIL_SMTP_HOSTNAME").orElse(domain),
                        values.integer("KESSAI_MAIL_MAX_MESSAGE_BYTES", DEFAULT_MAX_MESSAGE_BYTES, 4_096, MimeReader.MAX_MAIL_BYTES),
                        values.integer("KESSAI_MAIL_SMTP_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS, 1, 10_000),
                        values.string("KESSAI_MAIL_SMTP_REQUIRE_TLS").map(Boolean::parseBoolean).orElse(false)))
                : Optional.empty();
        RelaySettings relay = new RelaySettings(
                values.string("KESSAI_MAIL_RELAY_HOST").orElse("localhost"),
                values.integer("KESSAI_MAIL_RELAY_PORT", 25, 1, MAX_PORT),
                security(values.string("KESSAI_MAIL_RELAY_SECURITY").orElse("NONE")),
                values.string("KESSAI_MAIL_RELAY_USER"),
                values.secret("KESSAI_MAIL_RELAY_PASSWORD"),
                values.integer("KESSAI_MAIL_RELAY_CONNECT_TIMEOUT_MILLIS", 10_000, 100, 600_000),
                values.integer("KESSAI_MAIL_RELAY_TIMEOUT_MILLIS", 30_000, 100, 600_000));
        OutboxSettings defaults = OutboxSettings.defaults();
        OutboxSettings outbox = new OutboxSettings(
                values.integer("KESSAI_MAIL_OUTBOX_WORKERS", defaults.workers(), 1, 64),
                values.integer("KESSAI_MAIL_OUTBOX_BATCH", defaults.batch(), 1, 1_000),
                defaults.lease(),
                Duration.ofMillis(values.longValue("KESSAI_MAIL_OUTBOX_FIRST_RETRY_MILLIS", defaults.firstRetry().toMillis(), 10, 3_600_000)),
                Duration.ofSeconds(values.longValue("KESSAI_MAIL_OUTBOX_MAX_RETRY_SECONDS", defaults.maxRetry().toSeconds(), 1, 86_400)),
                values.integer("KESSAI_MAIL_OUTBOX_MAX_ATTEMPTS", defaults.maxAttempts(), 1, 1_000));
        return Optional.of(new MailSettings(address, Set.copyOf(values.list("KESSAI_MAIL_ALIASES")),
                values.string("KESSAI_MAIL_CENTER_NAME").orElse("Kessai center"), listener,
                values.integer("KESSAI_MAIL_RATE_PER_MINUTE", DEFAULT_RATE_PER_MINUTE, 1, 1_000_000), relay, outbox,
                ImapSettings.fromEnvironment(values)));
    }

    private static RelaySettings.Security security(String text) {
        try {
            return RelaySettings.Security.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("KESSAI_MAIL_RELAY_SECURITY must be NONE, STARTTLS or SMTPS, got '" + text + "'");
        }
    }
}
