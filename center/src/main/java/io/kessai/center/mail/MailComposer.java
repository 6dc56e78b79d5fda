package io.kessai.center.mail;

import io.kessai.center.flow.FlowDirectory.ItemQuestion;
import io.kessai.center.flow.TerminalReply;
import io.kessai.center.journal.Payment;
import io.kessai.crypto.envelope.Armor;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the center's mails (docs/protocol/mail.md): results with the sealed result attached and armored,
 * the additional-items request with its reply form, the confirmation with the PDF slip, and error
 * replies. Every text is Japanese first, then English; every mail is marked automatic (RFC 3834) and
 * carries the center's own headers so that a loop back to the center is recognised.
 */
public final class MailComposer {
    static final String RESULT_FILE = "result.kres";
    static final String SLIP_FILE = "slip.pdf";
    private static final String UTF8 = "UTF-8";
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /**
     * Chosen, not detected: Jakarta Mail would otherwise write every body twice to pick between 7bit,
     * quoted-printable and base64. Base64 survives every relay and every phone decodes it.
     */
    private static final String TRANSFER_ENCODING = "Content-Transfer-Encoding";
    private static final String BASE64 = "base64";
    private static final Session SESSION = Session.getInstance(new java.util.Properties());

    private final String centerAddress;
    private final String centerName;
    private final String domain;
    private final Clock clock;

    public MailComposer(String centerAddress, String centerName, Clock clock) {
        this.centerAddress = centerAddress;
        this.centerName = centerName;
        this.domain = centerAddress.substring(centerAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        this.clock = clock;
    }

    /** True for a Message-ID this center made (a loop, or a reply that names our mail). */
    public boolean isOurs(String messageId) {
        return messageId.toLowerCase(Locale.ROOT).endsWith("@" + domain) && messageId.startsWith("kessai.");
    }

    /** The result of S805 for the phone and its reader. */
    public OutgoingMail result(String to, String inReplyTo, Payment payment, TerminalReply reply) {
        MailText subject = switch (reply.outcome()) {
            case APPROVED -> MailTexts.SUBJECT_APPROVED;
            case DECLINED -> MailTexts.SUBJECT_DECLINED;
            case REENTER -> MailTexts.SUBJECT_REENTER;
            case UNAVAILABLE -> MailTexts.SUBJECT_UNAVAILABLE;
        };
        String armored = Armor.RESULT.encode(reply.sealedResult());
        StringBuilder body = new StringBuilder();
        body.append(reply.messageJa()).append('\n');
        body.append("金額: ").append(amount(payment)).append('\n');
        reply.approvalCode().ifPresent(code -> body.append("承認番号: ").append(code).append('\n'));
        body.append("カード: ").append(payment.panMasked()).append('\n');
        body.append("決済番号: ").append(payment.id()).append('\n');
        body.append('\n');
        body.append(reply.messageEn()).append('\n');
        body.append("Amount: ").append(amount(payment)).append('\n');
        reply.approvalCode().ifPresent(code -> body.append("Approval code: ").append(code).append('\n'));
        body.append("Card: ").append(payment.panMasked()).append('\n');
        body.append("Payment: ").append(payment.id()).append('\n');
        body.append("Outcome: ").append(reply.outcome().name().toLowerCase(Locale.ROOT))
                .append(" (code ").append(reply.responseCode()).append(reply.reason().isEmpty() ? "" : ", " + reply.reason()).append(")\n");
        body.append('\n').append(MailTexts.RESULT_SEAL.ja()).append('\n').append(MailTexts.RESULT_SEAL.en()).append("\n\n");
        body.append(armored);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put(MailHeaders.OUTCOME, reply.outcome().name().toLowerCase(Locale.ROOT));
        headers.put(MailHeaders.RESPONSE_CODE, reply.responseCode());
        reply.approvalCode().ifPresent(code -> headers.put(MailHeaders.APPROVAL_CODE, code));
        if (!reply.reason().isEmpty()) {
            headers.put(MailHeaders.REASON, reply.reason());
        }
        return build(OutgoingMail.Kind.RESULT, to, Optional.of(inReplyTo), Optional.of(payment.id()), subject, payment.id(),
                body.toString(), List.of(new Attachment(RESULT_FILE, MailHeaders.RESULT_TYPE, reply.sealedResult())), headers);
    }

    /** S809: after an approval, the questions, as a form to fill in by reply. */
    public OutgoingMail itemsRequest(String to, String inReplyTo, Payment payment, List<ItemQuestion> questions) {
        StringBuilder body = new StringBuilder();
        body.append(MailTexts.ITEMS_INTRO.ja()).append('\n').append(MailTexts.ITEMS_INTRO.en()).append("\n\n");
        for (ItemQuestion q : questions) {
            body.append("# ").append(q.labelJa()).append(" / ").append(q.labelEn())
                    .append(q.required() ? " (必須 / required)" : "").append('\n');
            body.append(q.key()).append(": \n\n");
        }
        body.append("決済番号 / Payment: ").append(payment.id()).append('\n');
        return build(OutgoingMail.Kind.ITEMS, to, Optional.of(inReplyTo), Optional.of(payment.id()), MailTexts.SUBJECT_ITEMS,
                payment.id(), body.toString(), List.of(), Map.of());
    }

    /** S811: the answers are stored and the completion is on its way; the slip is attached. */
    public OutgoingMail confirmation(String to, String inReplyTo, Payment payment, Map<String, String> answers,
            boolean issuerAcknowledged, byte[] slipPdf) {
        StringBuilder body = new StringBuilder();
        body.append(MailTexts.SUBJECT_CONFIRMED.ja()).append(' ').append(MailTexts.CONFIRMED_INTRO.ja()).append('\n');
        body.append(MailTexts.SUBJECT_CONFIRMED.en()).append(". ").append(MailTexts.CONFIRMED_INTRO.en()).append("\n\n");
        body.append("Payment: ").append(payment.id()).append('\n');
        body.append("Amount: ").append(amount(payment)).append('\n');
        answers.forEach((key, value) -> body.append(key).append(": ").append(value).append('\n'));
        body.append("issuer_acknowledged: ").append(issuerAcknowledged).append('\n');
        return build(OutgoingMail.Kind.CONFIRMATION, to, Optional.of(inReplyTo), Optional.of(payment.id()), MailTexts.SUBJECT_CONFIRMED,
                payment.id(), body.toString(), List.of(new Attachment(SLIP_FILE, "application/pdf", slipPdf)), Map.of());
    }

    /** A mail the center could not use: what was wrong, in both languages, and the stable code. */
    public OutgoingMail error(String to, String inReplyTo, String code, String detail, Optional<String> paymentId) {
        MailText text = MailTexts.error(code);
        String body = text.ja() + "\n\n" + text.en() + "\n\n" + "error: " + code + "\n" + "detail: " + detail + "\n"
                + "message: <" + inReplyTo + ">\n";
        return build(OutgoingMail.Kind.ERROR, to, Optional.of(inReplyTo), paymentId, MailTexts.SUBJECT_ERROR, code, body, List.of(), Map.of());
    }

    /**
     * A mail of the center's own that answers no mail (the wallet's one-time codes and slips), through
     * the same outbox; {@code pdf} is attached when present.
     */
    public OutgoingMail standalone(OutgoingMail.Kind kind, String to, String subject, String text, Optional<Pdf> pdf) {
        return build(kind, to, Optional.empty(), Optional.empty(), "[Kessai] " + subject, text,
                pdf.map(p -> List.of(new Attachment(p.fileName(), "application/pdf", p.bytes()))).orElse(List.of()), Map.of());
    }

    /** A PDF to attach. */
    public record Pdf(String fileName, byte[] bytes) {}

    private record Attachment(String fileName, String contentType, byte[] bytes) {}

    private OutgoingMail build(OutgoingMail.Kind kind, String to, Optional<String> inReplyTo, Optional<String> paymentId,
            MailText subject, String subjectTag, String text, List<Attachment> attachments, Map<String, String> headers) {
        return build(kind, to, inReplyTo, paymentId, "[Kessai] " + subject.ja() + " / " + subject.en() + " (" + subjectTag + ")",
                text, attachments, headers);
    }

    private OutgoingMail build(OutgoingMail.Kind kind, String to, Optional<String> inReplyTo, Optional<String> paymentId,
            String subjectLine, String text, List<Attachment> attachments, Map<String, String> headers) {
        String messageId = "kessai." + kind.name().toLowerCase(Locale.ROOT) + "." + UUID.randomUUID() + "@" + domain;
        try {
            MimeMessage message = new FixedIdMessage(SESSION, "<" + messageId + ">");
            message.setFrom(new InternetAddress(centerAddress, centerName, UTF8));
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(to, false));
            message.setSubject(subjectLine, UTF8);
            // Formatted here: Jakarta Mail's MailDateFormat is a SimpleDateFormat, slow enough to show in a profile.
            message.setHeader("Date", DATE.format(clock.instant()));
            message.setHeader("Auto-Submitted", "auto-replied");
            message.setHeader(MailHeaders.KIND, kind.name().toLowerCase(Locale.ROOT));
            paymentId.ifPresent(id -> setHeader(message, MailHeaders.PAYMENT, id));
            headers.forEach((name, value) -> setHeader(message, name, value));
            if (inReplyTo.isPresent()) {
                String parent = "<" + inReplyTo.get() + ">";
                message.setHeader("In-Reply-To", parent);
                message.setHeader("References", parent);
            }
            if (attachments.isEmpty()) {
                message.setText(text, UTF8);
                message.setHeader(TRANSFER_ENCODING, BASE64);
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart body = new MimeBodyPart();
                body.setText(text, UTF8);
                body.setHeader(TRANSFER_ENCODING, BASE64);
                mixed.addBodyPart(body);
                for (Attachment a : attachments) {
                    MimeBodyPart part = new MimeBodyPart();
                    part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.bytes(), a.contentType())));
                    part.setFileName(a.fileName());
                    part.setDisposition(MimeBodyPart.ATTACHMENT);
                    part.setHeader(TRANSFER_ENCODING, BASE64);
                    mixed.addBodyPart(part);
                }
                message.setContent(mixed);
            }
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return new OutgoingMail(messageId, kind, to, paymentId, out.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot write a " + kind + " mail to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void setHeader(MimeMessage message, String name, String value) {
        try {
            message.setHeader(name, value);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String amount(Payment payment) {
        return ReceiptPdf.formatAmount(payment.amountMinor(), payment.currency());
    }

    /** Jakarta Mail makes a new Message-ID on saveChanges(); ours is chosen before, so keep it. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
