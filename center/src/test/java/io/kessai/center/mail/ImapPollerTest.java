package io.kessai.center.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kessai.crypto.envelope.PaymentOutcome;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import io.kessai.reader.CardReader;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A center behind a normal mail system: it takes the envelope mails out of an IMAP mailbox (GreenMail) and files them. */
class ImapPollerTest {
    private static final String MAILBOX_USER = "pay@center.test";
    private static final String PASSWORD = "imap-secret";

    @Test
    void pollsTheMailboxAnswersAndFilesEachMail() throws Exception {
        try (MailRig rig = new MailRig("mail-imap")) {
            GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
            server.start();
            try {
                GreenMailUser centerBox = server.setUser(MAILBOX_USER, MAILBOX_USER, PASSWORD);
                ImapSettings imap = new ImapSettings("127.0.0.1", server.getImap().getPort(), false, MAILBOX_USER, PASSWORD, "INBOX",
                        "Kessai/Processed", "Kessai/Rejected", Duration.ofMillis(200), true);
                MailSettings base = rig.settings(rig.relayPort(), 1_000);
                rig.startMail(new MailSettings(base.address(), base.aliases(), base.centerName(), Optional.empty(), base.ratePerMinute(),
                        base.relay(), base.outbox(), Optional.of(imap)));

                String phone = "imap-phone@docomo.ne.jp";
                CardReader reader = rig.newReader(phone);
                SealedEnvelope envelope = MailRig.seal(reader, 1100, "1234");
                centerBox.deliver(parse(PhoneMails.attachment(phone, envelope.toBytes(), "x.dat", "application/octet-stream")));
                centerBox.deliver(parse(PhoneMails.text(phone, "hello", "no envelope\n", StandardCharsets.UTF_8, "7bit",
                        PhoneMails.newId(), "")));

                MimeMessage result = rig.awaitMails(phone, "result", 1).getFirst();
                assertThat(reader.acceptResult(SealedResult.parse(MailChannelTest.attachment(result, MailComposer.RESULT_FILE))).outcome())
                        .isEqualTo(PaymentOutcome.APPROVED);
                rig.awaitMails(phone, "error", 1);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(server, "INBOX") == 0
                        && count(server, "Kessai/Processed") == 1 && count(server, "Kessai/Rejected") == 1);
            } finally {
                rig.stopMail();
                server.stop();
            }
        }
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    private static int count(GreenMail server, String folderName) throws Exception {
        Properties p = new Properties();
        try (Store store = Session.getInstance(p).getStore("imap")) {
            store.connect("127.0.0.1", server.getImap().getPort(), MAILBOX_USER, PASSWORD);
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return -1;
            }
            folder.open(Folder.READ_ONLY);
            try {
                return (int) java.util.Arrays.stream(folder.getMessages()).filter(m -> {
                    try {
                        return !m.isSet(jakarta.mail.Flags.Flag.DELETED);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).count();
            } finally {
                folder.close(false);
            }
        }
    }
}
