package io.kessai.center.mail;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Mails written byte by byte the way phones and carriers send them, for the tests. */
final class PhoneMails {
    private PhoneMails() {}

    static String headers(String from, String subject, String messageId, String contentType, String transferEncoding) {
        return "From: " + from + "\r\n"
                + "To: " + MailRig.CENTER + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Sat, 21 Nov 2026 10:00:00 +0900\r\n"
                + "Message-ID: <" + messageId + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + (transferEncoding == null ? "" : "Content-Transfer-Encoding: " + transferEncoding + "\r\n")
                + "\r\n";
    }

    static String newId() {
        return UUID.randomUUID() + "@phone.test";
    }

    /** The envelope attached under any name and type, with a short text part. */
    static byte[] attachment(String from, byte[] envelope, String fileName, String contentType) {
        String boundary = "b-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "決済をお願いします\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: " + contentType + "; name=\"" + fileName + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(envelope) + "\r\n"
                + "--" + boundary + "--\r\n";
        return (headers(from, "payment", newId(), "multipart/mixed; boundary=\"" + boundary + "\"", "8bit") + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A text body in {@code charset}, in the given transfer encoding (7bit, base64, quoted-printable). */
    static byte[] text(String from, String subject, String text, Charset charset, String transferEncoding, String messageId,
            String extraHeaders) throws Exception {
        byte[] encoded = text.replace("\n", "\r\n").getBytes(charset);
        String body = switch (transferEncoding) {
            case "base64" -> Base64.getMimeEncoder().encodeToString(encoded) + "\r\n";
            case "quoted-printable" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (OutputStream qp = MimeUtility.encode(out, "quoted-printable")) {
                    qp.write(encoded);
                }
                yield out.toString(StandardCharsets.US_ASCII);
            }
            default -> new String(encoded, StandardCharsets.ISO_8859_1);
        };
        String contentType = "text/plain; charset=" + charset.name();
        String head = extraHeaders + headers(from, subject, messageId, contentType, transferEncoding);
        return (head + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] html(String from, String html) {
        return (headers(from, "payment", newId(), "text/html; charset=UTF-8", "8bit") + html).getBytes(StandardCharsets.UTF_8);
    }
}
