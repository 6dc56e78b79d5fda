package io.kessai.phone.mail;

import io.kessai.crypto.envelope.Armor;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import io.kessai.phone.CenterAnswer;
import io.kessai.phone.CenterClientException;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phone's e-mail transport to the center (seed 000 S611–S612, S619–S622): sends the reader's envelope
 * as a mail over SMTP, waits for the center's result mail over IMAP, hands its sealed result to the
 * reader to verify, and answers the additional-items request by replying. A result mail is only a
 * candidate: the reader's verification decides, so a forged mail is skipped and the real one still counts.
 */
public final class MailCenterClient {
    static final String ENVELOPE_FILE = "envelope.kenv";
    static final String ENVELOPE_TYPE = "application/vnd.kessai.envelope";
    private static final String RESULT_FILE = "result.kres";
    private static final long POLL_MILLIS = 100;
    private static final Pattern FORM_LINE = Pattern.compile("(?m)^([a-z][a-z0-9_]{0,63}): *$");
    private static final Pattern ACKNOWLEDGED = Pattern.compile("(?m)^issuer_acknowledged: (true|false)\\s*$");
    private static final String DOMAIN_SUFFIX = "@phone.kessai";

    private final MailAccount account;
    private final Session session;
    private final Duration timeout;
    private final List<String> refused = new ArrayList<>();

    public MailCenterClient(MailAccount account, Duration timeout) {
        MailStreams.preferAngus();
        this.account = account;
        this.timeout = timeout;
        this.session = Session.getInstance(properties(account));
    }

    private static Properties properties(MailAccount account) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", account.smtpHost());
        p.setProperty("mail.smtp.port", Integer.toString(account.smtpPort()));
        p.setProperty("mail.smtp.from", account.phoneAddress());
        p.setProperty("mail.imap.host", account.imapHost());
        p.setProperty("mail.imap.port", Integer.toString(account.imapPort()));
        for (String protocol : List.of("smtp", "imap")) {
            p.setProperty("mail." + protocol + ".connectiontimeout", "10000");
            p.setProperty("mail." + protocol + ".timeout", "30000");
        }
        if (account.smtpTls().isPresent()) {
            p.put("mail.smtp.ssl.socketFactory", account.smtpTls().get().getSocketFactory());
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        return p;
    }

    /** A sent envelope mail: its Message-ID is what the center's answers refer to. */
    public record Sent(String messageId) {}

    /** The additional-items request the center sent after an approval. */
    public record ItemsRequest(String messageId, String subject, List<String> keys) {}

    /** S611: the envelope, attached and armored in the text (one of the two survives any mail system). */
    public Sent send(SealedEnvelope envelope) throws CenterClientException {
        return send(envelope, sent -> { });
    }

    /**
     * As {@link #send(SealedEnvelope)}, handing {@code beforeTransfer} the mail's Message-ID before the SMTP
     * transaction starts (the center answers it only after authorizing, so the result mail may already be
     * on its way when this method returns).
     */
    public Sent send(SealedEnvelope envelope, java.util.function.Consumer<Sent> beforeTransfer) throws CenterClientException {
        String messageId = "env." + UUID.randomUUID() + DOMAIN_SUFFIX;
        beforeTransfer.accept(new Sent(messageId));
        try {
            MimeMessage message = message(messageId, "Kessai 決済 / payment");
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("決済をお願いします。 / Payment, please.\n\n" + envelope.toArmored(), "UTF-8");
            mixed.addBodyPart(text);
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(envelope.toBytes(), ENVELOPE_TYPE)));
            attachment.setFileName(ENVELOPE_FILE);
            attachment.setDisposition(Part.ATTACHMENT);
            mixed.addBodyPart(attachment);
            message.setContent(mixed);
            submit(message);
            return new Sent(messageId);
        } catch (MessagingException e) {
            throw new CenterClientException("mail_send_failed", "cannot send the envelope mail: " + e.getMessage(), e);
        }
    }

    /**
     * S612: waits for the center's result mail to {@code sent}; each candidate's sealed result goes to
     * {@code readerAccepts}, and the first the reader accepts is the answer. Candidates the reader refuses
     * (a forged mail) are listed in {@link #refusedMails()}.
     */
    public CenterAnswer awaitResult(Sent sent, Predicate<byte[]> readerAccepts) throws CenterClientException {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage mail : repliesTo(sent.messageId(), seen)) {
                refusedByCenter(mail);
                Optional<byte[]> sealed = sealedResult(mail);
                if (sealed.isEmpty()) {
                    continue;
                }
                if (!readerAccepts.test(sealed.get())) {
                    refused.add(describe(mail));
                    continue;
                }
                return answer(mail, sealed.get());
            }
            sleep();
        }
        throw new CenterClientException("mail_timeout", "no result mail verified by the reader within " + timeout.toSeconds()
                + " s" + (refused.isEmpty() ? "" : "; refused: " + refused));
    }

    /** The center's error reply (no envelope found, wrong sender, ...) ends the wait with its code. */
    private void refusedByCenter(MimeMessage mail) throws CenterClientException {
        try {
            if ("error".equals(mail.getHeader("X-Kessai-Kind", null)) && fromCenter(mail)) {
                String text = text(mail);
                throw new CenterClientException(errorCode(text), "the center refused the mail: " + text.strip().replace('\n', ' '));
            }
        } catch (MessagingException | IOException e) {
            // not readable: not an answer
        }
    }

    /** Mails the reader refused: forged or damaged result mails. */
    public List<String> refusedMails() {
        return List.copyOf(refused);
    }

    /** S619: the center's request for the additional items, with the keys of its form. */
    public ItemsRequest awaitItemsRequest(Sent sent) throws CenterClientException {
        MimeMessage mail = awaitKind(sent.messageId(), "items");
        try {
            List<String> keys = new ArrayList<>();
            Matcher m = FORM_LINE.matcher(text(mail));
            while (m.find()) {
                keys.add(m.group(1));
            }
            return new ItemsRequest(mail.getMessageID().replaceAll("[<>]", ""), mail.getSubject(), keys);
        } catch (MessagingException | IOException e) {
            throw new CenterClientException("mail_read_failed", "cannot read the additional-items request: " + e.getMessage(), e);
        }
    }

    /** S620–S622: replies with the answers as {@code key: value} lines; returns whether the issuer already acknowledged. */
    public boolean answer(ItemsRequest request, Map<String, String> answers) throws CenterClientException {
        String messageId = "items." + UUID.randomUUID() + DOMAIN_SUFFIX;
        StringBuilder body = new StringBuilder();
        answers.forEach((key, value) -> body.append(key).append(": ").append(value).append('\n'));
        try {
            MimeMessage reply = message(messageId, "Re: " + request.subject());
            reply.setHeader("In-Reply-To", "<" + request.messageId() + ">");
            reply.setHeader("References", "<" + request.messageId() + ">");
            reply.setText(body.toString(), "UTF-8");
            submit(reply);
        } catch (MessagingException e) {
            throw new CenterClientException("mail_send_failed", "cannot send the answers: " + e.getMessage(), e);
        }
        MimeMessage answer = awaitAnyKind(messageId, Set.of("confirmation", "error"));
        try {
            String text = text(answer);
            if ("error".equals(answer.getHeader("X-Kessai-Kind", null))) {
                throw new CenterClientException(errorCode(text), "the center refused the answers: " + text.strip().replace('\n', ' '));
            }
            Matcher m = ACKNOWLEDGED.matcher(text);
            return m.find() && Boolean.parseBoolean(m.group(1));
        } catch (MessagingException | IOException e) {
            throw new CenterClientException("mail_read_failed", "cannot read the confirmation: " + e.getMessage(), e);
        }
    }

    private MimeMessage message(String messageId, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        message.setFrom(new InternetAddress(account.phoneAddress()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(account.centerAddress()));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new java.util.Date());
        return message;
    }

    private void submit(MimeMessage message) throws MessagingException {
        message.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            if (account.user() == null || account.user().isEmpty()) {
                transport.connect();
            } else {
                transport.connect(account.smtpHost(), account.smtpPort(), account.user(), account.password());
            }
            transport.sendMessage(message, new Address[] {new InternetAddress(account.centerAddress())});
        }
    }

    private MimeMessage awaitKind(String inReplyTo, String kind) throws CenterClientException {
        return awaitAnyKind(inReplyTo, Set.of(kind));
    }

    private MimeMessage awaitAnyKind(String inReplyTo, Set<String> kinds) throws CenterClientException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> seen = new HashSet<>();
        while (System.nanoTime() < deadline) {
            for (MimeMessage mail : repliesTo(inReplyTo, seen)) {
                try {
                    if (kinds.contains(mail.getHeader("X-Kessai-Kind", null)) && fromCenter(mail)) {
                        return mail;
                    }
                } catch (MessagingException e) {
                    // unreadable header: not the center's mail
                }
            }
            sleep();
        }
        throw new CenterClientException("mail_timeout", "no " + kinds + " mail from the center within " + timeout.toSeconds() + " s");
    }

    /** New mails in the phone's inbox that answer {@code messageId}, read fully so the connection can close. */
    private List<MimeMessage> repliesTo(String messageId, Set<String> seen) throws CenterClientException {
        List<MimeMessage> found = new ArrayList<>();
        try (Store store = session.getStore("imap")) {
            store.connect(account.imapHost(), account.imapPort(), account.user(), account.password());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                for (Message message : inbox.getMessages()) {
                    if (!(message instanceof MimeMessage mime) || message.isSet(Flags.Flag.DELETED)) {
                        continue;
                    }
                    String[] inReplyTo = mime.getHeader("In-Reply-To");
                    String id = mime.getMessageID();
                    if (inReplyTo == null || id == null || !inReplyTo[0].contains(messageId) || !seen.add(id)) {
                        continue;
                    }
                    MimeMessage copy = new MimeMessage(mime);
                    found.add(copy);
                    // Read: the phone's inbox keeps only what it has not handled yet.
                    message.setFlag(Flags.Flag.SEEN, true);
                }
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            throw new CenterClientException("mail_read_failed", "cannot read the phone's mailbox: " + e.getMessage(), e);
        }
        return found;
    }

    private boolean fromCenter(MimeMessage mail) throws MessagingException {
        Address[] from = mail.getFrom();
        return from != null && from.length > 0 && from[0] instanceof InternetAddress a
                && a.getAddress().equalsIgnoreCase(account.centerAddress());
    }

    private static Optional<byte[]> sealedResult(MimeMessage mail) {
        try {
            if (!"result".equals(mail.getHeader("X-Kessai-Kind", null))) {
                return Optional.empty();
            }
            if (mail.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    if (RESULT_FILE.equals(part.getFileName())) {
                        try (InputStream in = part.getInputStream()) {
                            return Optional.of(in.readNBytes(64 * 1024));
                        }
                    }
                }
            }
            String text = text(mail);
            return Armor.RESULT.foundIn(text) ? Optional.of(SealedResult.parseArmored(text).toBytes()) : Optional.empty();
        } catch (MessagingException | IOException | EnvelopeException e) {
            return Optional.empty();
        }
    }

    private CenterAnswer answer(MimeMessage mail, byte[] sealed) throws CenterClientException {
        try {
            String paymentId = header(mail, "X-Kessai-Payment");
            String text = text(mail);
            String[] lines = text.split("\r?\n");
            String messageJa = lines.length > 0 ? lines[0] : "";
            String messageEn = "";
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isEmpty() && i + 1 < lines.length) {
                    messageEn = lines[i + 1];
                    break;
                }
            }
            return new CenterAnswer(paymentId, header(mail, "X-Kessai-Outcome"), header(mail, "X-Kessai-Response-Code"),
                    Optional.ofNullable(mail.getHeader("X-Kessai-Approval-Code", null)), header(mail, "X-Kessai-Reason"), messageJa,
                    messageEn, sealed, List.of(), false);
        } catch (MessagingException | IOException e) {
            throw new CenterClientException("mail_read_failed", "cannot read the result mail: " + e.getMessage(), e);
        }
    }

    private static String header(MimeMessage mail, String name) throws MessagingException {
        String value = mail.getHeader(name, null);
        return value == null ? "" : value;
    }

    private static String text(MimeMessage mail) throws MessagingException, IOException {
        Object content = mail.getContent();
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof Multipart multipart && multipart.getCount() > 0 && multipart.getBodyPart(0).getContent() instanceof String s) {
            return s;
        }
        return "";
    }

    private static String errorCode(String text) {
        Matcher m = Pattern.compile("(?m)^error: (\\S+)").matcher(text);
        return m.find() ? m.group(1) : "mail_refused";
    }

    private static String describe(MimeMessage mail) {
        try {
            Address[] from = mail.getFrom();
            return mail.getMessageID() + " from " + (from == null || from.length == 0 ? "?" : from[0]);
        } catch (MessagingException e) {
            return "an unreadable mail";
        }
    }

    private static void sleep() throws CenterClientException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CenterClientException("interrupted", "interrupted while waiting for mail");
        }
    }
}
