package io.kessai.center.mail;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.server.SMTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The center's own SMTP server (seed 000's mail server 11b): phones (or the carrier's servers) deliver
 * envelope mails straight to it. STARTTLS with the center's certificate, a size limit, only the center's
 * own addresses as recipients, a rate limit per sender; each mail is taken in by {@link MailChannel}
 * before the 250, so an accepted mail is never lost, and a failure inside the center answers 451 and
 * leaves the mail with the sending server, which delivers it again.
 */
public final class SmtpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);
    private static final int MAX_RECIPIENTS = 10;
    private static final int CONNECTION_TIMEOUT_MILLIS = 60_000;

    private final SMTPServer server;

    /** How the listener listens. */
    public record ListenerSettings(String host, int port, String hostName, int maxMessageBytes, int maxConnections,
            boolean requireTls) {}

    private SmtpListener(SMTPServer server) {
        this.server = server;
    }

    public static SmtpListener start(ListenerSettings settings, Optional<SSLContext> tls, Set<String> ownAddresses,
            SenderRateLimit rateLimit, MailChannel channel) {
        Set<String> own = ownAddresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        SMTPServer.Builder builder = new SMTPServer.Builder()
                .hostName(settings.hostName())
                .port(settings.port())
                .softwareName("Kessai center")
                .maxMessageSize(settings.maxMessageBytes())
                .maxRecipients(MAX_RECIPIENTS)
                .maxConnections(settings.maxConnections())
                .connectionTimeoutMs(CONNECTION_TIMEOUT_MILLIS)
                // No Received line in front of the mail: the center consumes the mail here (it is never
                // stored or relayed, so nobody would read the trace), and the line's time stamp and session
                // ID made the same mail without a Message-ID hash differently on each delivery
                // (MimeReader.syntheticId), besides costing a SimpleDateFormat per mail.
                .insertReceivedHeaders(false)
                .messageHandlerFactory(ctx -> new Handler(ctx, own, settings.maxMessageBytes(), rateLimit, channel));
        try {
            builder.bindAddress(java.net.InetAddress.getByName(settings.host()));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("mail listener host " + settings.host() + " is not an address: " + e.getMessage(), e);
        }
        if (tls.isPresent()) {
            builder.enableTLS().startTlsSocketFactory(tls.get()).requireTLS(settings.requireTls());
        } else if (settings.requireTls()) {
            throw new IllegalArgumentException("TLS is required on the mail listener but no certificate is configured");
        }
        SMTPServer server = builder.build();
        server.start();
        LOG.info("SMTP listener on {}:{} for {}{}", settings.host(), server.getPortAllocated(), own, tls.isPresent() ? " (STARTTLS)" : "");
        return new SmtpListener(server);
    }

    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One SMTP transaction: MAIL FROM, RCPT TO (ours only), DATA (taken in before the reply). */
    private static final class Handler implements MessageHandler {
        private final MessageContext context;
        private final Set<String> own;
        private final int maxBytes;
        private final SenderRateLimit rateLimit;
        private final MailChannel channel;
        private String sender = "";

        Handler(MessageContext context, Set<String> own, int maxBytes, SenderRateLimit rateLimit, MailChannel channel) {
            this.context = context;
            this.own = own;
            this.maxBytes = maxBytes;
            this.rateLimit = rateLimit;
            this.channel = channel;
        }

        @Override
        public void from(String from) throws RejectException {
            sender = from == null ? "" : from.strip();
            if (!sender.isEmpty() && !rateLimit.tryAcquire(sender)) {
                throw new RejectException(450, "4.7.1 too many mails from " + sender + "; try again later");
            }
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (!own.contains(recipient.strip().toLowerCase(Locale.ROOT))) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: no such mailbox here (this server takes mail for "
                        + String.join(", ", own) + " only)");
            }
        }

        @Override
        public String data(InputStream data) throws RejectException, TooMuchDataException, IOException {
            byte[] raw = data.readNBytes(maxBytes + 1);
            if (raw.length > maxBytes) {
                throw new TooMuchDataException("the mail is larger than " + maxBytes + " bytes");
            }
            try {
                MailStore.Disposition disposition = channel.receive(raw, sender);
                return "2.0.0 " + disposition.name().toLowerCase(Locale.ROOT);
            } catch (RuntimeException e) {
                LOG.warn("mail from {} (session {}) not taken in: {}", sender, context.getSessionId(), e.toString());
                throw new RejectException(451, "4.3.0 the center cannot take mail just now; try again later");
            }
        }

        @Override
        public void done() {
            // nothing held per transaction
        }
    }
}
