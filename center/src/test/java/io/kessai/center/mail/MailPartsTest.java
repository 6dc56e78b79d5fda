package io.kessai.center.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.center.http.ConfigValues;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pure parts of the mail channel: reply form, HTML text, charsets, rate limit, settings, MIME reader refusals. */
class MailPartsTest {
    private static final Set<String> KEYS = Set.of("payment_method", "installments", "customer_email");

    @Test
    void replyFormPrefersThePersonsOwnLinesOverTheQuotedForm() throws Exception {
        String reply = "payment_method: 61\r\ninstallments：3\r\n\r\nOn Sat, Kessai wrote:\r\n> payment_method: \r\n> installments: \r\n"
                + "> customer_email: taro@example.jp\r\n> table: 9\r\n-- \r\ncustomer_email: sig@example.jp\r\n";
        assertThat(ReplyForm.answers(reply, KEYS)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "payment_method", "61", "installments", "3", "customer_email", "taro@example.jp"));
    }

    @Test
    void replyFormFilledInsideTheQuoteCounts() throws Exception {
        assertThat(ReplyForm.answers(">> Payment_Method: 10\n> payment_method:\n", KEYS)).containsEntry("payment_method", "10");
    }

    @Test
    void aReplyWithoutAnswersIsRefusedWithItsCode() {
        assertThatThrownBy(() -> ReplyForm.answers("thanks!\n> payment_method: \n", KEYS))
                .isInstanceOf(MailFormatException.class)
                .satisfies(e -> assertThat(((MailFormatException) e).code()).isEqualTo(MailFormatException.Code.NO_ANSWERS));
    }

    @Test
    void htmlBecomesLines() {
        assertThat(HtmlText.toText("<html><head><style>p{}</style></head><body><div>a&amp;b</div><p>c&#x41;&#12354;</p>x<br>y</body></html>"))
                .isEqualTo("a&b\ncAあ\nx\ny");
    }

    @Test
    void japanesePhoneCharsetsReadAsTheWiderMicrosoftTables() {
        assertThat(MailCharsets.forName("Shift_JIS").name()).isEqualTo("windows-31j");
        assertThat(MailCharsets.forName("ISO-2022-JP").name()).isEqualTo("x-windows-iso2022jp");
        assertThat(MailCharsets.forName("x-unknown-charset")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(new String("①㈱".getBytes(MailCharsets.forName("shift_jis")), MailCharsets.forName("SJIS"))).isEqualTo("①㈱");
    }

    @Test
    void rateLimitRefillsOverTime() {
        AtomicLong now = new AtomicLong();
        SenderRateLimit limit = new SenderRateLimit(2, now::get);
        assertThat(limit.tryAcquire("a@b.jp")).isTrue();
        assertThat(limit.tryAcquire("A@B.JP")).isTrue();
        assertThat(limit.tryAcquire("a@b.jp")).isFalse();
        assertThat(limit.tryAcquire("other@b.jp")).isTrue();
        now.addAndGet(30_000_000_000L);
        assertThat(limit.tryAcquire("a@b.jp")).isTrue();
        assertThat(limit.tryAcquire("a@b.jp")).isFalse();
    }

    @Test
    void settingsNameTheVariableThatIsWrong() {
        assertThat(MailSettings.fromEnvironment(ConfigValues.of(Map.of()))).isEmpty();
        assertThatThrownBy(() -> MailSettings.fromEnvironment(ConfigValues.of(Map.of("KESSAI_MAIL_ENABLED", "true"))))
                .hasMessageContaining("KESSAI_MAIL_ADDRESS");
        assertThatThrownBy(() -> MailSettings.fromEnvironment(ConfigValues.of(Map.of("KESSAI_MAIL_ENABLED", "true",
                "KESSAI_MAIL_ADDRESS", "pay@center.test", "KESSAI_MAIL_RELAY_SECURITY", "SSL"))))
                .hasMessageContaining("KESSAI_MAIL_RELAY_SECURITY must be NONE, STARTTLS or SMTPS, got 'SSL'");
        assertThatThrownBy(() -> MailSettings.fromEnvironment(ConfigValues.of(Map.of("KESSAI_MAIL_ENABLED", "true",
                "KESSAI_MAIL_ADDRESS", "pay@center.test", "KESSAI_MAIL_RELAY_USER", "u"))))
                .hasMessageContaining("relay user and its password");
        assertThatThrownBy(() -> MailSettings.fromEnvironment(ConfigValues.of(Map.of("KESSAI_MAIL_ENABLED", "true",
                "KESSAI_MAIL_ADDRESS", "pay@center.test", "KESSAI_MAIL_IMAP_HOST", "imap.center.test"))))
                .hasMessageContaining("KESSAI_MAIL_IMAP_USER");
        MailSettings ok = MailSettings.fromEnvironment(ConfigValues.of(Map.of("KESSAI_MAIL_ENABLED", "true",
                "KESSAI_MAIL_ADDRESS", "Pay@Center.test", "KESSAI_MAIL_ALIASES", "kessai@center.test, x@center.test"))).orElseThrow();
        assertThat(ok.ownAddresses()).containsExactlyInAnyOrder("pay@center.test", "kessai@center.test", "x@center.test");
        assertThat(ok.listener().orElseThrow().port()).isEqualTo(2525);
        assertThat(ok.relay().toString()).doesNotContain("password=");
    }

    @Test
    void mimeReaderRefusesWhatIsNotAMailWithItsOwnCode() {
        assertThatThrownBy(() -> MimeReader.read("no headers at all".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MailFormatException.class).hasMessageContaining("From");
        assertThatThrownBy(() -> MimeReader.read(new byte[MimeReader.MAX_MAIL_BYTES + 1]))
                .isInstanceOf(MailFormatException.class).hasMessageContaining("limit");
    }

    @Test
    void aMailWithoutMessageIdGetsAStableOne() throws Exception {
        byte[] raw = "From: a@B.JP\r\nSubject: x\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        InboundMail mail = MimeReader.read(raw);
        assertThat(mail.messageId()).isEqualTo(MimeReader.read(raw).messageId()).endsWith("@no-message-id");
        assertThat(mail.from()).isEqualTo("a@b.jp");
        assertThat(mail.text()).isEqualTo("hello\r\n");
    }
}
