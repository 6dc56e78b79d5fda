package io.kessai.center.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.center.flow.IssuerAnswer;
import io.kessai.center.flow.ScriptedGateway;
import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import io.kessai.crypto.envelope.PaymentOutcome;
import io.kessai.crypto.envelope.PaymentResult;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import io.kessai.reader.CardReader;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/** Seed 000 by e-mail (S207–S209, S609–S622, S801–S811), with real SMTP both ways and GreenMail as the relay. */
class MailChannelTest {
    private static final AtomicInteger PHONES = new AtomicInteger();
    private static MailRig rig;
    private String phone;
    private CardReader reader;

    @BeforeAll
    static void start() throws Exception {
        rig = new MailRig("mail-channel").startMail();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @BeforeEach
    void newPhone() throws Exception {
        phone = "phone" + PHONES.incrementAndGet() + "@docomo.ne.jp";
        reader = rig.newReader(phone);
        rig.gateway.answer = r -> CompletableFuture.completedFuture(new IssuerAnswer("00", Optional.of("A12345")));
    }

    @Test
    void approvalByMailThenAdditionalItemsByReplyThenSlip() throws Exception {
        SealedEnvelope envelope = MailRig.seal(reader, 1500, "1234");
        // A renamed attachment of a generic type: the center finds it by content, not by name.
        rig.deliver(PhoneMails.attachment(phone, envelope.toBytes(), "IMG_0001.dat", "application/octet-stream"), phone);

        MimeMessage result = rig.awaitMails(phone, "result", 1).getFirst();
        assertThat(result.getSubject()).contains("承認されました").contains("Approved");
        PaymentResult verified = reader.acceptResult(SealedResult.parse(attachment(result, MailComposer.RESULT_FILE)));
        assertThat(verified.outcome()).isEqualTo(PaymentOutcome.APPROVED);
        String body = text(result);
        assertThat(body).contains("承認番号: A12345").contains("Approval code: A12345").contains("411111******1111")
                .doesNotContain("4111111111111111").contains("-----BEGIN KESSAI RESULT-----");
        assertThat(SealedResult.parseArmored(body).toBytes()).isEqualTo(attachment(result, MailComposer.RESULT_FILE));

        MimeMessage request = rig.awaitMails(phone, "items", 1).getFirst();
        String form = text(request);
        assertThat(form).contains("payment_method: ").contains("customer_email: ").contains("table: ");
        String paymentId = verified.paymentId();
        assertThat(rig.journal.find(paymentId).orElseThrow().state()).isEqualTo(PaymentState.ADDITIONAL_ITEMS_REQUESTED);

        // The phone replies, quoting the request and filling in the form inside the quote, with a signature.
        String customer = "customer-" + PHONES.incrementAndGet() + "@example.jp";
        String quoted = form.lines().map(line -> "> " + line.replace("payment_method: ", "payment_method: 61")
                .replace("installments: ", "installments: 3").replace("table: ", "table: 12")
                .replace("customer_email: ", "customer_email: " + customer)).reduce("", (a, b) -> a + b + "\n");
        // The carrier quotes the whole thread, the phone's first mail with its envelope included.
        String quotedThread = envelope.toArmored().lines().map(line -> ">> " + line).reduce("", (a, b) -> a + b + "\n");
        String reply = "よろしくお願いします\n\n" + quoted + quotedThread + "\n-- \nTaro\ncustomer_email: not-this@example.com\n";
        String extra = "In-Reply-To: <" + messageId(request) + ">\r\nReferences: <" + messageId(request) + ">\r\n";
        rig.deliver(PhoneMails.text(phone, "Re: " + MimeUtility.encodeText(request.getSubject(), "UTF-8", "B"), reply,
                StandardCharsets.UTF_8, "quoted-printable", PhoneMails.newId(), extra), phone);

        MimeMessage confirmation = rig.awaitMails(phone, "confirmation", 1).getFirst();
        Payment completed = rig.journal.find(paymentId).orElseThrow();
        assertThat(completed.state()).isEqualTo(PaymentState.COMPLETED);
        assertThat(completed.additionalItemsJson()).get().asString().contains("\"installments\": \"3\"").contains("\"table\": \"12\"")
                .contains(customer).doesNotContain("not-this@example.com");
        // The customer's copy of the receipt goes to the address they gave.
        assertThat(attachment(rig.awaitMails(customer, "confirmation", 1).getFirst(), MailComposer.SLIP_FILE)).isEqualTo(
                attachment(confirmation, MailComposer.SLIP_FILE));
        assertThat(text(confirmation)).contains("issuer_acknowledged: true").contains("payment_method: 61");
        byte[] pdf = attachment(confirmation, MailComposer.SLIP_FILE);
        String slip = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1);
        assertThat(slip.replaceAll("\\s", "")).contains("411111******1111").contains("A12345").contains(paymentId)
                .doesNotContain("4111111111111111");
        assertThat(rig.gateway.advices).anyMatch(a -> a.paymentId().equals(paymentId));
    }

    @ParameterizedTest(name = "issuer answers {0}: {1}")
    @CsvSource({"51, DECLINED, お取り扱いできません", "55, REENTER, 再入力してください"})
    void declinesAndReentryByMail(String code, PaymentOutcome outcome, String subjectJa) throws Exception {
        rig.gateway.answer = r -> CompletableFuture.completedFuture(new IssuerAnswer(code, Optional.empty()));
        SealedEnvelope envelope = MailRig.seal(reader, 800, "1234");
        rig.deliver(PhoneMails.attachment(phone, envelope.toBytes(), "envelope.kenv", MailHeaders.ENVELOPE_TYPE), phone);

        MimeMessage result = rig.awaitMails(phone, "result", 1).getFirst();
        assertThat(result.getSubject()).contains(subjectJa);
        assertThat(reader.acceptResult(SealedResult.parse(attachment(result, MailComposer.RESULT_FILE))).outcome()).isEqualTo(outcome);
        Thread.sleep(300);
        assertThat(rig.mailsTo(phone, "items")).isEmpty();
    }

    @Test
    void afterReentryANewEnvelopeSentAsAReplyToTheResultIsANewPayment() throws Exception {
        rig.gateway.answer = r -> CompletableFuture.completedFuture(new IssuerAnswer("55", Optional.empty()));
        rig.deliver(PhoneMails.attachment(phone, MailRig.seal(reader, 600, "9999").toBytes(), "e.dat", "application/octet-stream"), phone);
        MimeMessage reenter = rig.awaitMails(phone, "result", 1).getFirst();
        assertThat(reenter.getSubject()).contains("Please enter again");

        rig.gateway.answer = r -> CompletableFuture.completedFuture(new IssuerAnswer("00", Optional.of("B23456")));
        SealedEnvelope again = MailRig.seal(reader, 600, "1234");
        String extra = "In-Reply-To: <" + messageId(reenter) + ">\r\n";
        rig.deliver(PhoneMails.text(phone, "Re: again", again.toArmored(), StandardCharsets.UTF_8, "7bit", PhoneMails.newId(), extra), phone);
        MimeMessage approved = rig.awaitMails(phone, "result", 2).stream().filter(m -> header(m, "X-Kessai-Outcome").equals("approved"))
                .findFirst().orElseThrow();
        assertThat(reader.acceptResult(SealedResult.parse(attachment(approved, MailComposer.RESULT_FILE))).approvalCode()).contains("B23456");
    }

    @Test
    void issuerSilentIsUnavailableAndNotCharged() throws Exception {
        rig.gateway.answer = r -> ScriptedGateway.never();
        SealedEnvelope envelope = MailRig.seal(reader, 900, null);
        rig.deliver(PhoneMails.attachment(phone, envelope.toBytes(), "e.bin", "application/octet-stream"), phone);

        MimeMessage result = rig.awaitMails(phone, "result", 1).getFirst();
        assertThat(result.getSubject()).contains("Unavailable (not charged)");
        assertThat(reader.acceptResult(SealedResult.parse(attachment(result, MailComposer.RESULT_FILE))).outcome())
                .isEqualTo(PaymentOutcome.UNAVAILABLE);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"ISO-2022-JP, 7bit", "Shift_JIS, base64", "UTF-8, quoted-printable", "Shift_JIS, quoted-printable"})
    void armoredInJapanesePhoneEncodings(String charset, String transferEncoding) throws Exception {
        SealedEnvelope envelope = MailRig.seal(reader, 1200, "1234");
        String text = "お世話になります。決済データです。①\n\n" + envelope.toArmored()
                + "\n-- \n山田太郎\n━━━━━━━━━━\ndocomo メール\n";
        rig.deliver(PhoneMails.text(phone, MimeUtility.encodeText("決済", charset, "B"), text, Charset.forName(charset),
                transferEncoding, PhoneMails.newId(), ""), phone);

        MimeMessage result = rig.awaitMails(phone, "result", 1).getFirst();
        assertThat(reader.acceptResult(SealedResult.parse(attachment(result, MailComposer.RESULT_FILE))).outcome())
                .isEqualTo(PaymentOutcome.APPROVED);
    }

    @Test
    void armoredInAnHtmlOnlyMailAndQuoted() throws Exception {
        SealedEnvelope envelope = MailRig.seal(reader, 1300, "1234");
        String html = "<html><body><div>決済をお願いします</div><blockquote>"
                + String.join("<br>", envelope.toArmored().split("\n")) + "</blockquote><div>&nbsp;</div></body></html>";
        rig.deliver(PhoneMails.html(phone, html), phone);

        MimeMessage result = rig.awaitMails(phone, "result", 1).getFirst();
        assertThat(reader.acceptResult(SealedResult.parse(attachment(result, MailComposer.RESULT_FILE))).outcome())
                .isEqualTo(PaymentOutcome.APPROVED);
    }

    @Test
    void anEnvelopeInAForwardedMailIsFound() throws Exception {
        SealedEnvelope envelope = MailRig.seal(reader, 1400, "1234");
        String inner = new String(PhoneMails.attachment(phone, envelope.toBytes(), "kessai.dat", "application/octet-stream"),
                StandardCharsets.UTF_8);
        String boundary = "fwd-boundary";
        byte[] forwarded = (PhoneMails.headers(phone, "Fwd: payment", PhoneMails.newId(), "multipart/mixed; boundary=" + boundary, "8bit")
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n転送します\r\n"
                + "--" + boundary + "\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + inner
                + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        rig.deliver(forwarded, phone);

        MimeMessage result = rig.awaitMails(phone, "result", 1).getFirst();
        assertThat(reader.acceptResult(SealedResult.parse(attachment(result, MailComposer.RESULT_FILE))).outcome())
                .isEqualTo(PaymentOutcome.APPROVED);
    }

    @Test
    void aPaymentMailIsRecordedAndAnsweredInTheCommitOfItsJournalAnswer() throws Exception {
        SealedEnvelope envelope = MailRig.seal(reader, 1600, "1234");
        String messageId = PhoneMails.newId();
        rig.deliver(PhoneMails.text(phone, "pay", envelope.toArmored(), StandardCharsets.UTF_8, "7bit", messageId, ""), phone);

        // Durable by the 250 (deliver returned), and written by the journal's answer statement: the inbox
        // record and both answers carry the answer's own time stamp (ADR 0020).
        String bare = messageId.replaceAll("[<>]", "");
        List<String> rows = rig.db.jdbi().withHandle(h -> h.createQuery("SELECT o.kind || ':' || (o.created_at = p.updated_at)"
                + " || ':' || (i.received_at = p.updated_at) FROM center.mail_inbox i JOIN center.payments p ON p.id = i.payment_id"
                + " JOIN center.mail_outbox o ON o.payment_id = p.id WHERE i.message_id = :id ORDER BY o.kind")
                .bind("id", bare).mapTo(String.class).list());
        assertThat(rows).containsExactly("ITEMS:true:true", "RESULT:true:true");
        assertThat(rig.awaitMails(phone, "result", 1)).hasSize(1);
        assertThat(rig.awaitMails(phone, "items", 1)).hasSize(1);
    }

    @Test
    void theSameMailTwiceAndTheSameEnvelopeInAnotherMailMakeOnePayment() throws Exception {
        SealedEnvelope envelope = MailRig.seal(reader, 1700, "1234");
        byte[] mail = PhoneMails.attachment(phone, envelope.toBytes(), "a.dat", "application/octet-stream");
        int before = rig.gateway.authorizations.size();
        rig.deliver(mail, phone);
        rig.deliver(mail, phone);
        rig.deliver(PhoneMails.text(phone, "again", envelope.toArmored(), StandardCharsets.UTF_8, "7bit", PhoneMails.newId(), ""), phone);

        List<MimeMessage> results = rig.awaitMails(phone, "result", 3);
        assertThat(rig.gateway.authorizations.size() - before).isEqualTo(1);
        List<String> paymentIds = results.stream().map(m -> header(m, MailHeaders.PAYMENT)).distinct().toList();
        assertThat(paymentIds).hasSize(1);
        for (MimeMessage result : results) {
            assertThat(result.getSubject()).contains("Approved");
        }
    }

    @Test
    void aMailFromAnotherAddressThanTheReadersPhoneIsRefused() throws Exception {
        String stranger = "someone" + PHONES.incrementAndGet() + "@example.com";
        SealedEnvelope envelope = MailRig.seal(reader, 1000, "1234");
        int before = rig.gateway.authorizations.size();
        rig.deliver(PhoneMails.attachment(stranger, envelope.toBytes(), "a.dat", "application/octet-stream"), stranger);

        MimeMessage error = rig.awaitMails(stranger, "error", 1).getFirst();
        assertThat(text(error)).contains("error: sender_mismatch").contains("このリーダーに登録された").contains("registered for this reader");
        assertThat(rig.gateway.authorizations.size()).isEqualTo(before);
        assertThat(rig.journal.findByKsn(envelope.scheme().code(), envelope.ksnHex())).isEmpty();
    }

    @Test
    void aMailWithoutEnvelopeGetsAnExplanationInBothLanguagesAndNoPayment() throws Exception {
        rig.deliver(PhoneMails.text(phone, "hello", "こんにちは\n", StandardCharsets.UTF_8, "8bit", PhoneMails.newId(), ""), phone);
        MimeMessage error = rig.awaitMails(phone, "error", 1).getFirst();
        assertThat(error.getSubject()).contains("メールを処理できませんでした").contains("could not be processed");
        assertThat(error.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(text(error)).contains("error: no_envelope").contains("封筒").contains("no payment envelope");
    }

    @Test
    void aRefusedMailDeliveredTwiceIsAnsweredOnce() throws Exception {
        byte[] mail = PhoneMails.text(phone, "hello", "no envelope\n", StandardCharsets.UTF_8, "7bit", PhoneMails.newId(), "");
        rig.deliver(mail, phone);
        rig.deliver(mail, phone);
        rig.awaitMails(phone, "error", 1);
        Thread.sleep(500);
        assertThat(rig.mailsTo(phone, "error")).hasSize(1);
    }

    @Test
    void aMailWithoutMessageIdDeliveredTwiceOverSmtpIsAnsweredOnce() throws Exception {
        // The listener adds no Received line (its time stamp would make each delivery hash differently).
        String withId = new String(PhoneMails.text(phone, "hello", "no envelope\n", StandardCharsets.UTF_8, "7bit", PhoneMails.newId(), ""),
                StandardCharsets.ISO_8859_1);
        byte[] mail = withId.replaceFirst("Message-ID: [^\r\n]*\r\n", "").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(mail, StandardCharsets.ISO_8859_1)).doesNotContainIgnoringCase("message-id");
        rig.deliver(mail, phone);
        rig.deliver(mail, phone);
        rig.awaitMails(phone, "error", 1);
        Thread.sleep(500);
        assertThat(rig.mailsTo(phone, "error")).hasSize(1);
    }

    @Test
    void aDamagedArmorSaysDamagedNotForged() throws Exception {
        String armored = MailRig.seal(reader, 1000, "1234").toArmored();
        String damaged = armored.replaceFirst("\n[A-Za-z0-9+/]", "\nA");
        damaged = damaged.equals(armored) ? armored.replaceFirst("\n[A-Za-z0-9+/]", "\nB") : damaged;
        rig.deliver(PhoneMails.text(phone, "pay", damaged, StandardCharsets.UTF_8, "7bit", PhoneMails.newId(), ""), phone);
        assertThat(text(rig.awaitMails(phone, "error", 1).getFirst())).contains("error: envelope_damaged");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Auto-Submitted: auto-replied", "Precedence: bulk", "List-Id: <phones.example.com>", "X-Autoreply: yes"})
    void autoRepliesAndListsAreNotAnswered(String header) throws Exception {
        String id = PhoneMails.newId();
        rig.deliver(PhoneMails.text(phone, "Out of office", "I am away\n", StandardCharsets.UTF_8, "7bit", id, header + "\r\n"), phone);
        org.awaitility.Awaitility.await().until(() -> rig.mail.store().inbound(id).isPresent());
        assertThat(rig.mail.store().inbound(id).orElseThrow().disposition()).isEqualTo(MailStore.Disposition.IGNORED);
        Thread.sleep(300);
        assertThat(rig.mailsTo(phone, "error")).isEmpty();
    }

    @Test
    void aBounceOfOurMailIsRecordedAndNotAnswered() throws Exception {
        rig.deliver(PhoneMails.text(phone, "hi", "no envelope here\n", StandardCharsets.UTF_8, "7bit", PhoneMails.newId(), ""), phone);
        MimeMessage error = rig.awaitMails(phone, "error", 1).getFirst();
        String ours = messageId(error);
        String bounce = "Delivery to the following recipient failed permanently: " + phone + "\n\nMessage-ID: <" + ours + ">\n";
        rig.deliver(PhoneMails.text("MAILER-DAEMON@docomo.ne.jp", "Undelivered Mail Returned to Sender", bounce,
                StandardCharsets.UTF_8, "7bit", PhoneMails.newId(), ""), "");
        org.awaitility.Awaitility.await().until(() -> rig.mail.store().outboxCounts().getOrDefault("BOUNCED", 0L) > 0);
    }

    @Test
    void onlyTheCentersOwnAddressesAndLimitedSizes() throws Exception {
        byte[] mail = PhoneMails.text(phone, "x", "x\n", StandardCharsets.UTF_8, "7bit", PhoneMails.newId(), "");
        java.util.Properties p = new java.util.Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(rig.mail.smtpPort().orElseThrow()));
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(p);
        try (jakarta.mail.Transport t = session.getTransport("smtp")) {
            t.connect();
            assertThatThrownBy(() -> t.sendMessage(new MimeMessage(session, new java.io.ByteArrayInputStream(mail)),
                    new jakarta.mail.Address[] {new jakarta.mail.internet.InternetAddress("postmaster@elsewhere.test")}))
                    .hasRootCauseInstanceOf(SMTPAddressFailedException.class)
                    .rootCause().hasMessageContaining("no such mailbox");
        }
        byte[] huge = PhoneMails.text(phone, "x", "x".repeat(MailSettings.DEFAULT_MAX_MESSAGE_BYTES + 10) + "\n", StandardCharsets.UTF_8,
                "7bit", PhoneMails.newId(), "");
        assertThatThrownBy(() -> rig.deliver(huge, phone)).isInstanceOf(jakarta.mail.MessagingException.class);
    }

    @Test
    void aSenderOverItsRateIsToldToWait() throws Exception {
        try (MailRig limited = new MailRig("mail-rate")) {
            limited.startMail(limited.settings(limited.relayPort(), 2));
            String sender = "busy@docomo.ne.jp";
            for (int i = 0; i < 2; i++) {
                limited.deliver(PhoneMails.text(sender, "x", "x\n", StandardCharsets.UTF_8, "7bit", PhoneMails.newId(), ""), sender);
            }
            assertThatThrownBy(() -> limited.deliver(PhoneMails.text(sender, "x", "x\n", StandardCharsets.UTF_8, "7bit",
                    PhoneMails.newId(), ""), sender))
                    .hasStackTraceContaining("450").hasStackTraceContaining("too many mails");
        }
    }

    static byte[] attachment(MimeMessage message, String fileName) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (fileName.equals(part.getFileName())) {
                try (InputStream in = part.getInputStream()) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no attachment " + fileName);
    }

    static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String s) {
            return s;
        }
        return (String) ((Multipart) content).getBodyPart(0).getContent();
    }

    static String messageId(MimeMessage message) throws Exception {
        return message.getMessageID().replaceAll("[<>]", "");
    }

    static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

}
