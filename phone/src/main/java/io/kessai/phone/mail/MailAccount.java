package io.kessai.phone.mail;

import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The phone's mail account: where it sends (SMTP submission) and where it reads its mail (IMAP), and the
 * center's address.
 *
 * @param smtpTls empty: plain SMTP (loopback demo and tests only); else STARTTLS required on SMTP, trusting this
 *     context (the center's pinned certificate when the phone mails the center's own listener)
 */
public record MailAccount(String phoneAddress, String centerAddress, String smtpHost, int smtpPort, String imapHost, int imapPort,
        String user, String password, Optional<SSLContext> smtpTls) {
    public MailAccount {
        Objects.requireNonNull(phoneAddress, "phoneAddress");
        Objects.requireNonNull(centerAddress, "centerAddress");
        Objects.requireNonNull(smtpHost, "smtpHost");
        Objects.requireNonNull(imapHost, "imapHost");
    }

    @Override
    public String toString() {
        return "MailAccount[" + phoneAddress + " → " + centerAddress + ", smtp " + smtpHost + ":" + smtpPort + ", imap " + imapHost + ":"
                + imapPort + ", password ***]";
    }
}
