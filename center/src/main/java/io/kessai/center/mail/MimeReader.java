package io.kessai.center.mail;

import io.kessai.card.Hex;
import jakarta.mail.BodyPart;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a mail as phones and carriers write it (RFC 5322, MIME): multipart or single part, base64,
 * quoted-printable or 7/8bit, any charset ({@link MailCharsets}), HTML-only bodies, attachments of any
 * name. Pure: bytes in, an {@link InboundMail} or a {@link MailFormatException} out, nothing else, for
 * any input (fuzzed by MimeReaderFuzzTest).
 */
public final class MimeReader {
    /** A phone's envelope mail is a few kilobytes; the SMTP listener refuses more before this is reached. */
    public static final int MAX_MAIL_BYTES = 1_048_576;
    static final int MAX_PARTS = 64;
    static final int MAX_DEPTH = 8;
    private static final Session SESSION = Session.getInstance(lenient());
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]{1,998})>");
    private static final Set<String> AUTOMATIC_PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");
    private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster", "mail-daemon");
    private static final List<String> LIST_HEADERS = List.of("List-Id", "List-Unsubscribe", "List-Post");
    private static final List<String> AUTOREPLY_HEADERS = List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder");

    private MimeReader() {}

    private static Properties lenient() {
        Properties p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        return p;
    }

    public static InboundMail read(byte[] raw) throws MailFormatException {
        if (raw.length > MAX_MAIL_BYTES) {
            throw new MailFormatException(MailFormatException.Code.MAIL_TOO_LARGE,
                    "the mail is " + raw.length + " bytes, more than the limit of " + MAX_MAIL_BYTES);
        }
        try {
            MimeMessage message = new MimeMessage(SESSION, new MailBytes(raw));
            String from = from(message);
            List<InboundMail.Attachment> attachments = new ArrayList<>();
            List<String> plain = new ArrayList<>();
            List<String> html = new ArrayList<>();
            walk(message, 0, new int[] {0}, attachments, plain, html);
            List<String> texts = new ArrayList<>(plain);
            texts.addAll(html);
            boolean bounce = isBounce(message, from);
            return new InboundMail(messageId(message, raw), from, subject(message), references(message),
                    automatic(message, from, bounce), bounce, attachments, texts);
        } catch (MessagingException | IOException e) {
            throw malformed(e);
        } catch (RuntimeException e) {
            // Jakarta Mail's parsers can fail on hostile input with unchecked exceptions (bad numbers in
            // headers, broken encodings); for the caller every one of them is the same: unreadable MIME.
            throw malformed(e);
        }
    }

    private static MailFormatException malformed(Exception e) {
        return new MailFormatException(MailFormatException.Code.MIME_MALFORMED,
                "the mail is not readable MIME: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static void walk(Part part, int depth, int[] count, List<InboundMail.Attachment> attachments, List<String> plain,
            List<String> html) throws MessagingException, IOException, MailFormatException {
        if (++count[0] > MAX_PARTS) {
            throw new MailFormatException(MailFormatException.Code.MAIL_TOO_LARGE, "the mail has more than " + MAX_PARTS + " parts");
        }
        if (depth > MAX_DEPTH) {
            throw new MailFormatException(MailFormatException.Code.MAIL_TOO_LARGE,
                    "the mail nests multiparts deeper than " + MAX_DEPTH + " levels");
        }
        ContentType type = contentType(part);
        String baseType = type.getBaseType().toLowerCase(Locale.ROOT);
        if (baseType.startsWith("multipart/")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, depth + 1, count, attachments, plain, html);
                }
            }
            return;
        }
        if (baseType.equals("message/rfc822") && part.getContent() instanceof Part forwarded) {
            // A forwarded mail (転送): its parts count as this mail's.
            walk(forwarded, depth + 1, count, attachments, plain, html);
            return;
        }
        String fileName = fileName(part);
        byte[] bytes = decoded(part);
        boolean text = baseType.startsWith("text/");
        if (!text || fileName != null && !Part.INLINE.equalsIgnoreCase(disposition(part))) {
            attachments.add(new InboundMail.Attachment(baseType, fileName == null ? "" : fileName, bytes));
        }
        if (text) {
            String decoded = new String(bytes, MailCharsets.forName(type.getParameter("charset")));
            if (baseType.equals("text/html")) {
                html.add(HtmlText.toText(decoded));
            } else if (baseType.equals("text/plain") || baseType.equals("text/enriched") || fileName != null) {
                plain.add(decoded);
            }
        }
    }

    private static ContentType contentType(Part part) throws MessagingException {
        String[] declared = part.getHeader("Content-Type");
        if (declared == null || declared.length == 0) {
            return new ContentType("text", "plain", null);
        }
        try {
            return new ContentType(declared[0]);
        } catch (ParseException e) {
            // A type the parser rejects is still a part to look at: read it as bytes.
            return new ContentType("application", "octet-stream", null);
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | IOException e) {
            return "";
        }
    }

    /** The part's bytes with the transfer encoding undone; a broken encoding is read as far as it goes. */
    private static byte[] decoded(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes(MAX_MAIL_BYTES);
        } catch (IOException e) {
            // A damaged base64 or QP body: what can be read is what an envelope check will judge.
            return new byte[0];
        }
    }

    private static String from(MimeMessage message) throws MessagingException, MailFormatException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (jakarta.mail.internet.AddressException e) {
            throw new MailFormatException(MailFormatException.Code.MIME_MALFORMED, "the From header is not an address: " + e.getMessage());
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address) || address.getAddress() == null) {
            throw new MailFormatException(MailFormatException.Code.MIME_MALFORMED, "the mail has no From address");
        }
        String spec = address.getAddress().strip();
        int at = spec.lastIndexOf('@');
        return at < 0 ? spec : spec.substring(0, at) + "@" + spec.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static String subject(MimeMessage message) {
        try {
            String subject = message.getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException e) {
            return "";
        }
    }

    private static String messageId(MimeMessage message, byte[] raw) throws MessagingException {
        String header = message.getHeader("Message-ID", null);
        if (header != null) {
            Matcher m = MESSAGE_ID.matcher(header);
            if (m.find()) {
                return m.group(1);
            }
        }
        // No usable Message-ID: the same bytes again still count as the same mail.
        return syntheticId(raw);
    }

    /** A stable ID for a mail without a usable Message-ID: the same bytes get the same ID. */
    public static String syntheticId(byte[] raw) {
        return "sha256." + sha256(raw) + "@no-message-id";
    }

    private static List<String> references(MimeMessage message) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("In-Reply-To", "References")) {
            String header = message.getHeader(name, " ");
            if (header != null) {
                Matcher m = MESSAGE_ID.matcher(header);
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    /** RFC 3834 and the headers auto-responders and lists actually send. */
    private static Optional<String> automatic(MimeMessage message, String from, boolean bounce) throws MessagingException {
        String autoSubmitted = message.getHeader("Auto-Submitted", null);
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return Optional.of("Auto-Submitted: " + autoSubmitted.strip());
        }
        String precedence = message.getHeader("Precedence", null);
        if (precedence != null && AUTOMATIC_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("Precedence: " + precedence.strip());
        }
        for (String name : LIST_HEADERS) {
            if (message.getHeader(name, null) != null) {
                return Optional.of("a mailing list (" + name + ")");
            }
        }
        for (String name : AUTOREPLY_HEADERS) {
            if (message.getHeader(name, null) != null) {
                return Optional.of("an auto-responder (" + name + ")");
            }
        }
        String suppress = message.getHeader("X-Auto-Response-Suppress", null);
        if (suppress != null && suppress.toLowerCase(Locale.ROOT).matches(".*\\b(all|autoreply|oof)\\b.*")) {
            return Optional.of("X-Auto-Response-Suppress: " + suppress.strip());
        }
        if (message.getHeader(MailHeaders.KIND, null) != null) {
            return Optional.of("a mail the center sent (" + MailHeaders.KIND + ")");
        }
        if (bounce) {
            return Optional.of("a delivery status notification from " + from);
        }
        return Optional.empty();
    }

    private static boolean isBounce(MimeMessage message, String from) throws MessagingException {
        int at = from.indexOf('@');
        String local = (at < 0 ? from : from.substring(0, at)).toLowerCase(Locale.ROOT);
        if (DAEMONS.contains(local)) {
            return true;
        }
        String type = message.getHeader("Content-Type", null);
        return type != null && type.toLowerCase(Locale.ROOT).contains("multipart/report");
    }

    private static String sha256(byte[] raw) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(raw)).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
