package io.kessai.center.mail;

import java.util.List;
import java.util.Optional;

/**
 * What the center needs from a received mail, read once by {@link MimeReader}: headers, the parts that
 * may carry an envelope, and the readable text.
 *
 * @param messageId the Message-ID without angle brackets; a made-up one (hash of the bytes) when absent
 * @param from the From address (addr-spec) with its domain in lower case
 * @param references In-Reply-To, then References, without angle brackets
 * @param automatic why this mail was sent by a machine (auto-reply, list, bounce) and must not be answered;
 *     empty for a person's mail
 * @param bounce true for a delivery status notification (RFC 3464) or a mailer-daemon message
 * @param attachments every non-text part and every part with a file name, decoded (base64, QP)
 * @param texts every text part as text (HTML turned into text), in order, plain before HTML
 */
public record InboundMail(
        String messageId,
        String from,
        String subject,
        List<String> references,
        Optional<String> automatic,
        boolean bounce,
        List<Attachment> attachments,
        List<String> texts) {

    public InboundMail {
        attachments = List.copyOf(attachments);
        texts = List.copyOf(texts);
        references = List.copyOf(references);
    }

    /** One attachment: the declared type and name, and its decoded bytes. */
    public record Attachment(String contentType, String fileName, byte[] bytes) {}

    /** The first text part, or an empty text. */
    public String text() {
        return texts.isEmpty() ? "" : texts.getFirst();
    }
}
