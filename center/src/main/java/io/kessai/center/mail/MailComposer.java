package io.kessai.center.mail;

import io.kessai.center.flow.FlowDirectory.ItemQuestion;
import io.kessai.center.flow.TerminalReply;
import io.kessai.center.journal.Payment;
import io.kessai.crypto.envelope.Armor;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.HeaderTokenizer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

    /** The From field, encoded once (RFC 2047 for the name). */
    private final String from;
    private final String domain;
    private final Clock clock;

    public MailComposer(String centerAddress, String centerName, Clock clock) {
        try {
            this.from = new InternetAddress(centerAddress, centerName, UTF8).toString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        this.domain = centerAddress.substring(centerAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        this.clock = clock;
    }

    /** True for a Message-ID this center made (a loop, or a reply that names our mail). */
    public boolean isOurs(String messageId) {
        return messageId.toLowerCase(Locale.ROOT).endsWith("@" + domain) && messageId.startsWith("kessai.");
    }

    /** The result of S805 for the phone and its reader. */
    public OutgoingMail result(String to, String inReplyTo, TerminalReply reply) {
        TerminalReply.Charge charge = reply.charge();
        String amount = ReceiptPdf.formatAmount(charge.amountMinor(), charge.currency());
        MailText subject = switch (reply.outcome()) {
            case APPROVED -> MailTexts.SUBJECT_APPROVED;
            case DECLINED -> MailTexts.SUBJECT_DECLINED;
            case REENTER -> MailTexts.SUBJECT_REENTER;
            case UNAVAILABLE -> MailTexts.SUBJECT_UNAVAILABLE;
        };
        String armored = Armor.RESULT.encode(reply.sealedResult());
        StringBuilder body = new StringBuilder();
        body.append(reply.messageJa()).append('\n');
        body.append("金額: ").append(amount).append('\n');
        reply.approvalCode().ifPresent(code -> body.append("承認番号: ").append(code).append('\n'));
        body.append("カード: ").append(charge.panMasked()).append('\n');
        body.append("決済番号: ").append(reply.paymentId()).append('\n');
        body.append('\n');
        body.append(reply.messageEn()).append('\n');
        body.append("Amount: ").append(amount).append('\n');
        reply.approvalCode().ifPresent(code -> body.append("Approval code: ").append(code).append('\n'));
        body.append("Card: ").append(charge.panMasked()).append('\n');
        body.append("Payment: ").append(reply.paymentId()).append('\n');
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
        return build(OutgoingMail.Kind.RESULT, to, Optional.of(inReplyTo), Optional.of(reply.paymentId()), subject, reply.paymentId(),
                body.toString(), List.of(new Attachment(RESULT_FILE, MailHeaders.RESULT_TYPE, reply.sealedResult())), headers);
    }

    /** S809: after an approval, the questions, as a form to fill in by reply. */
    public OutgoingMail itemsRequest(String to, String inReplyTo, String paymentId, List<ItemQuestion> questions) {
        StringBuilder body = new StringBuilder();
        body.append(MailTexts.ITEMS_INTRO.ja()).append('\n').append(MailTexts.ITEMS_INTRO.en()).append("\n\n");
        for (ItemQuestion q : questions) {
            body.append("# ").append(q.labelJa()).append(" / ").append(q.labelEn())
                    .append(q.required() ? " (必須 / required)" : "").append('\n');
            body.append(q.key()).append(": \n\n");
        }
        body.append("決済番号 / Payment: ").append(paymentId).append('\n');
        return build(OutgoingMail.Kind.ITEMS, to, Optional.of(inReplyTo), Optional.of(paymentId), MailTexts.SUBJECT_ITEMS,
                paymentId, body.toString(), List.of(), Map.of());
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
        return build(kind, to, Optional.empty(), Optional.empty(), encodedFolded("[Kessai] " + subject), text,
                pdf.map(p -> List.of(new Attachment(p.fileName(), "application/pdf", p.bytes()))).orElse(List.of()), Map.of());
    }

    /** A PDF to attach. */
    public record Pdf(String fileName, byte[] bytes) {}

    private record Attachment(String fileName, String contentType, byte[] bytes) {}

    private OutgoingMail build(OutgoingMail.Kind kind, String to, Optional<String> inReplyTo, Optional<String> paymentId,
            MailText subject, String subjectTag, String text, List<Attachment> attachments, Map<String, String> headers) {
        return build(kind, to, inReplyTo, paymentId, subject(subject, subjectTag),
                text, attachments, headers);
    }

    /**
     * Writes the mail as RFC 5322 / MIME bytes directly: the center's mails have one fixed shape (a UTF-8
     * text, base64, then attachments, base64), and building them through Jakarta Mail's object model and
     * data handlers took a fifth of the e-mail channel's CPU in the load profile. Jakarta Mail still
     * encodes the words and addresses (RFC 2047), and the tests read every mail back with it.
     */
    private OutgoingMail build(OutgoingMail.Kind kind, String to, Optional<String> inReplyTo, Optional<String> paymentId,
            String encodedSubject, String text, List<Attachment> attachments, Map<String, String> headers) {
        String unique = UUID.randomUUID().toString();
        String messageId = "kessai." + kind.name().toLowerCase(Locale.ROOT) + "." + unique + "@" + domain;
        try {
            StringBuilder head = new StringBuilder(1_024);
            // Formatted here: Jakarta Mail's MailDateFormat is a SimpleDateFormat, slow enough to show in a profile.
            header(head, "Date", DATE.format(clock.instant()));
            header(head, "From", from);
            header(head, "To", InternetAddress.toString(InternetAddress.parse(to, false), "To: ".length()));
            header(head, "Message-ID", "<" + messageId + ">");
            header(head, "Subject", encodedSubject);
            if (inReplyTo.isPresent()) {
                String parent = "<" + inReplyTo.get() + ">";
                header(head, "In-Reply-To", parent);
                header(head, "References", parent);
            }
            header(head, "MIME-Version", "1.0");
            header(head, "Auto-Submitted", "auto-replied");
            header(head, MailHeaders.KIND, kind.name().toLowerCase(Locale.ROOT));
            paymentId.ifPresent(id -> header(head, MailHeaders.PAYMENT, id));
            headers.forEach((name, value) -> header(head, name, value));
            String boundary = "=_kessai_" + unique;
            if (attachments.isEmpty()) {
                textPartHeaders(head);
            } else {
                header(head, "Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"");
            }
            head.append(CRLF);
            if (!attachments.isEmpty()) {
                head.append("This is a multi-part message in MIME format.").append(CRLF).append("--").append(boundary).append(CRLF);
                textPartHeaders(head);
                head.append(CRLF);
            }
            head.append(BODY_BASE64.encodeToString(text.getBytes(StandardCharsets.UTF_8))).append(CRLF);
            for (Attachment a : attachments) {
                String name = MimeUtility.quote(a.fileName(), HeaderTokenizer.MIME);
                head.append("--").append(boundary).append(CRLF);
                header(head, "Content-Type", a.contentType() + "; name=" + name);
                header(head, TRANSFER_ENCODING, BASE64);
                header(head, "Content-Disposition", "attachment; filename=" + name);
                head.append(CRLF).append(BODY_BASE64.encodeToString(a.bytes())).append(CRLF);
            }
            if (!attachments.isEmpty()) {
                head.append("--").append(boundary).append("--").append(CRLF);
            }
            return new OutgoingMail(messageId, kind, to, paymentId, head.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write a " + kind + " mail to " + to + ": " + e.getMessage(), e);
        }
    }

    private static final String CRLF = "\r\n";
    private static final int SUBJECT_COLUMN = "Subject: ".length();
    /** RFC 5322 §2.1.1: lines should be at most 78 characters; RFC 2047 encoders fold at 76. */
    private static final int FOLD_COLUMN = 76;
    private static final int MAX_CACHED_SUBJECTS = 256;
    /** The fixed part of each subject, encoded once: encoding and folding it per mail showed in the load profile. */
    private static final Map<String, String> ENCODED_SUBJECTS = new ConcurrentHashMap<>();

    /**
     * "[Kessai] 日本語 / English (tag)": the fixed part as RFC 2047 encoded-words (once per text), the tag
     * (a payment ID or an error code, ASCII) after it as ordinary text, which decoders keep as it is.
     */
    static String subject(MailText subject, String tag) {
        String fixedText = "[Kessai] " + subject.ja() + " / " + subject.en();
        if (!tag.chars().allMatch(c -> c > ' ' && c <= '~')) {
            return encodedFolded(fixedText + " (" + tag + ")");
        }
        String fixed = ENCODED_SUBJECTS.size() < MAX_CACHED_SUBJECTS
                ? ENCODED_SUBJECTS.computeIfAbsent(fixedText, MailComposer::encodedFolded)
                : encodedFolded(fixedText);
        String plain = "(" + tag + ")";
        int lineBreak = fixed.lastIndexOf(CRLF);
        int lastLine = lineBreak < 0 ? SUBJECT_COLUMN + fixed.length() : fixed.length() - lineBreak - CRLF.length();
        return fixed + (lastLine + 1 + plain.length() <= FOLD_COLUMN ? " " : CRLF + " ") + plain;
    }

    private static String encodedFolded(String text) {
        try {
            return MimeUtility.fold(SUBJECT_COLUMN, MimeUtility.encodeText(text, UTF8, null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
    /** RFC 2045 §6.8: lines of at most 76 characters, CRLF between them. */
    private static final Base64.Encoder BODY_BASE64 = Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII));

    private static void textPartHeaders(StringBuilder head) {
        header(head, "Content-Type", "text/plain; charset=" + UTF8);
        header(head, TRANSFER_ENCODING, BASE64);
    }

    /**
     * One header field. A value outside printable ASCII is encoded (RFC 2047) as Jakarta Mail's setters
     * did; a line break that is not folding would start a header of its own, so it is refused.
     */
    private static void header(StringBuilder head, String name, String value) {
        String unfolded = value.replace("\r\n ", " ").replace("\r\n\t", "\t");
        boolean ascii = true;
        for (int i = 0; i < unfolded.length(); i++) {
            char c = unfolded.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("header " + name + " holds a line break");
            }
            ascii &= c <= 0x7e && (c >= 0x20 || c == '\t');
        }
        try {
            head.append(name).append(": ").append(ascii ? value : MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(value, UTF8, null)))
                    .append(CRLF);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String amount(Payment payment) {
        return ReceiptPdf.formatAmount(payment.amountMinor(), payment.currency());
    }
}
