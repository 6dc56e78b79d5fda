package io.kessai.center.mail;

import io.kessai.center.http.ConfigValues;
import java.time.Duration;
import java.util.Optional;

/**
 * Polling of an IMAP mailbox on an existing mail server, for centers behind a normal mail system.
 *
 * @param ssl IMAPS (port 993) rather than IMAP with STARTTLS required (port 143)
 * @param processedFolder where a mail goes once taken in; {@code rejectedFolder} for mails refused
 */
public record ImapSettings(String host, int port, boolean ssl, String user, String password, String inbox, String processedFolder,
        String rejectedFolder, Duration pollInterval, boolean plainAllowed) {

    @Override
    public String toString() {
        return "ImapSettings[" + user + "@" + host + ":" + port + (ssl ? " IMAPS" : " STARTTLS") + ", " + inbox + "]";
    }

    static Optional<ImapSettings> fromEnvironment(ConfigValues values) {
        Optional<String> host = values.string("KESSAI_MAIL_IMAP_HOST");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        boolean ssl = values.string("KESSAI_MAIL_IMAP_SECURITY").map(s -> s.equalsIgnoreCase("IMAPS")).orElse(true);
        boolean plain = values.string("KESSAI_MAIL_IMAP_SECURITY").map(s -> s.equalsIgnoreCase("NONE")).orElse(false);
        return Optional.of(new ImapSettings(host.get(),
                values.integer("KESSAI_MAIL_IMAP_PORT", ssl && !plain ? 993 : 143, 1, 65_535),
                ssl && !plain,
                values.string("KESSAI_MAIL_IMAP_USER").orElseThrow(() -> new IllegalArgumentException(
                        "KESSAI_MAIL_IMAP_HOST is set: set KESSAI_MAIL_IMAP_USER too")),
                values.secret("KESSAI_MAIL_IMAP_PASSWORD").orElseThrow(() -> new IllegalArgumentException(
                        "KESSAI_MAIL_IMAP_HOST is set: set KESSAI_MAIL_IMAP_PASSWORD or KESSAI_MAIL_IMAP_PASSWORD_FILE too")),
                values.string("KESSAI_MAIL_IMAP_FOLDER").orElse("INBOX"),
                values.string("KESSAI_MAIL_IMAP_PROCESSED_FOLDER").orElse("Kessai/Processed"),
                values.string("KESSAI_MAIL_IMAP_REJECTED_FOLDER").orElse("Kessai/Rejected"),
                Duration.ofSeconds(values.integer("KESSAI_MAIL_IMAP_POLL_SECONDS", 30, 1, 3_600)),
                plain));
    }
}
