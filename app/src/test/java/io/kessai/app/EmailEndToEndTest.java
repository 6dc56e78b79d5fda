package io.kessai.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kessai.card.Hex;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.registry.IssuerDraft;
import io.kessai.center.registry.IssuerLinkDraft;
import io.kessai.center.registry.MerchantDraft;
import io.kessai.center.registry.ReaderDraft;
import io.kessai.center.registry.RouteDraft;
import io.kessai.center.wiring.Center;
import io.kessai.center.wiring.CenterSettings;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.PaymentOutcome;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.db.Database;
import io.kessai.issuer.IssuerConfig;
import io.kessai.issuer.IssuerHost;
import io.kessai.issuer.store.Schema;
import io.kessai.iso8583.link.LinkState;
import io.kessai.phone.CenterAnswer;
import io.kessai.phone.mail.MailAccount;
import io.kessai.phone.mail.MailCenterClient;
import io.kessai.reader.CardReader;
import io.kessai.reader.ReaderException;
import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 by e-mail end to end: {@code kessai terminal pay --via email} sends over real SMTP to the
 * center's listener, the center asks a real issuer over ISO 8583, its outbox relays the result through
 * GreenMail, and the phone reads it over IMAP. The output is the HTTPS path's, line for line.
 */
class EmailEndToEndTest {
    static final String APPROVES = "4111111111111111";
    static final String LOW_LIMIT = "4012888888881881";
    static final String SILENT = "4111110000000005";
    static final String TRACK_SUFFIX = "=30121010000012345678";
    static final String PHONE = "phone-mail@phones.kessai.test";
    static final String CENTER = "pay@center.kessai.test";

    static Path dir;
    static Database database;
    static IssuerHost issuer;
    static Center center;
    static GreenMail mailbox;
    static Path readerFile;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("kessai-mail-e2e");
        database = Database.embedded(dir.resolve("postgres"), 0, 16);
        mailbox = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
        mailbox.start();
        mailbox.setUser(PHONE, PHONE, PHONE);

        byte[] zpk = Hex.decode("0123456789ABCDEFFEDCBA9876543210");
        Path accounts = dir.resolve("accounts.csv");
        Files.writeString(accounts, String.join("\n",
                "pan,expiry,status,kind,limit_minor,currency,issuer_code,pin,fault",
                APPROVES + ",3012,active,credit,500000,JPY,VISAMAIL,1234,",
                LOW_LIMIT + ",3012,active,credit,1000,JPY,VISAMAIL,,",
                SILENT + ",3012,active,credit,500000,JPY,VISAMAIL,,drop") + "\n");
        issuer = IssuerHost.start(IssuerConfig.builder(dir.resolve("issuer"))
                .schema(new Schema("issuer_mail_e2e"))
                .accountsFile(accounts)
                .port(0)
                .zonePinKey(new IssuerConfig.ZonePinKey(KeyType.ZPK_TDES, zpk.clone()))
                .build(), database);

        CenterSettings settings = CenterSettings.from(ConfigValues.of(Map.ofEntries(
                Map.entry("KESSAI_DATA_DIR", dir.resolve("center").toString()),
                Map.entry("KESSAI_HTTP_HOST", "127.0.0.1"),
                Map.entry("KESSAI_HTTP_PORT", "0"),
                Map.entry("KESSAI_ADMIN_TOKEN", "mail-e2e-admin-token-0123456789abcdefghijk"),
                Map.entry("KESSAI_MAIL_ENABLED", "true"),
                Map.entry("KESSAI_MAIL_ADDRESS", CENTER),
                Map.entry("KESSAI_MAIL_SMTP_HOST", "127.0.0.1"),
                Map.entry("KESSAI_MAIL_SMTP_PORT", "0"),
                Map.entry("KESSAI_MAIL_RELAY_HOST", "127.0.0.1"),
                Map.entry("KESSAI_MAIL_RELAY_PORT", Integer.toString(mailbox.getSmtp().getPort())))));
        try (SoftwareHsm hsm = Center.openHsm(settings)) {
            hsm.importZpk("zpk-mail", KeyType.ZPK_TDES, zpk);
            hsm.generateBdk("bdk-mail", KeyScheme.AES128_DUKPT);
            ReaderKeyMaterial material = hsm.injectReader("bdk-mail", "R-MAIL-1");
            readerFile = dir.resolve("R-MAIL-1.reader");
            CardReader.provision(readerFile, material, "M-MAIL-0001", "T0000001");
            material.destroy();
        }
        center = Center.start(settings, database);
        center.registry().createMerchant(new MerchantDraft("M-MAIL-0001", "Mail shop", "5411", "ACTIVE", null), "test");
        center.registry().createIssuer(new IssuerDraft("visa-mail", "Mail issuer",
                new IssuerLinkDraft("127.0.0.1", issuer.port(), "binary2", false, 1_500), "zpk-mail", "00000000001",
                List.of("VISAMAIL"), null), "test");
        center.registry().createRoute(new RouteDraft("411111", "visa-mail", null), "test");
        center.registry().createRoute(new RouteDraft("401288", "visa-mail", null), "test");
        center.registry().createReader(new ReaderDraft("R-MAIL-1", CardReader.load(readerFile).initialKeyIdHex(), "M-MAIL-0001",
                "T0000001", PHONE, "ACTIVE", null), "test");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (center.issuerLinks().get("visa-mail") != LinkState.READY && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(center.issuerLinks()).containsEntry("visa-mail", LinkState.READY);
    }

    @AfterAll
    static void stop() {
        center.close();
        issuer.close();
        mailbox.stop();
        database.close();
    }

    private static CliRun pay(String pan, String amount, String... more) {
        List<String> args = new ArrayList<>(List.of("terminal", "pay", "--via", "email", "--reader", readerFile.toString(),
                "--track2", pan + TRACK_SUFFIX, "--amount", amount, "--phone-address", PHONE, "--center-address", CENTER,
                "--smtp", "127.0.0.1:" + center.mail().orElseThrow().smtpPort().orElseThrow(),
                "--imap", "127.0.0.1:" + mailbox.getImap().getPort(), "--timeout-seconds", "20",
                // STARTTLS to the center's listener, pinned to its self-signed certificate.
                "--center-cert", center.certificateFile().toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void payByEmailPrintsWhatTheHttpsPathPrints() {
        CliRun run = pay(APPROVES, "1200", "--pin", "1234", "--payment-method", "61", "--installments", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^APPROVED code=[A-Z0-9]{6} payment=pay_[0-9a-z]{26}$");
        assertThat(run.out()).containsPattern("(?m)^COMPLETED payment=pay_[0-9a-z]{26} issuer_acknowledged=true$");
    }

    @Test
    void aDeclineByEmail() {
        CliRun run = pay(LOW_LIMIT, "5000");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^DECLINED reason=insufficient_funds payment=pay_[0-9a-z]{26} \\(.+\\)$");
    }

    @Test
    void aForgedResultMailIsRefusedByThePhoneAndTheRealOneCounts() throws Exception {
        CardReader reader = CardReader.load(readerFile);
        SealedEnvelope envelope = reader.seal(io.kessai.card.TrackRead.of(io.kessai.card.Track2.parse(SILENT + TRACK_SUFFIX),
                Optional.empty()), 700, Currency.getInstance("JPY"), null, LocalDateTime.now().withNano(0));
        MailCenterClient phone = new MailCenterClient(new MailAccount(PHONE, CENTER, "127.0.0.1",
                center.mail().orElseThrow().smtpPort().orElseThrow(), "127.0.0.1", mailbox.getImap().getPort(), PHONE, PHONE,
                Optional.empty()), Duration.ofSeconds(20));
        byte[] forgedSeal = SealedResult.parse(forgedResultBytes()).toBytes();
        // A forger mails an "approval" in the center's name before the real answer can exist: the center
        // answers the SMTP transaction only after authorizing (the issuer is silent for its 1.5 s), and its
        // result mail may already be in the mailbox when send() returns, so the forgery goes in first.
        MailCenterClient.Sent sent = phone.send(envelope, prepared -> {
            try {
                mailbox.getUserManager().getUser(PHONE).deliver(forgedMail(prepared.messageId(), forgedSeal));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        CenterAnswer answer = phone.awaitResult(sent, sealed -> {
            try {
                return reader.acceptResult(SealedResult.parse(sealed)).outcome() == PaymentOutcome.UNAVAILABLE;
            } catch (ReaderException | io.kessai.crypto.envelope.EnvelopeException e) {
                return false;
            }
        });
        assertThat(answer.paymentId()).startsWith("pay_");
        assertThat(phone.refusedMails()).hasSize(1).first().asString().contains("forger");
    }

    /** A structurally valid sealed result under a key the reader does not have (another reader's). */
    private static byte[] forgedResultBytes() throws Exception {
        try (SoftwareHsm other = SoftwareHsm.inMemory()) {
            other.generateBdk("bdk-forger", KeyScheme.AES128_DUKPT);
            ReaderKeyMaterial material = other.injectReader("bdk-forger", "R-FORGED");
            CardReader forged = CardReader.provision(dir.resolve("R-FORGED.reader"), material, "M-MAIL-0001", "T0000001");
            SealedEnvelope sealed = forged.seal(io.kessai.card.TrackRead.of(io.kessai.card.Track2.parse(APPROVES + TRACK_SUFFIX),
                    Optional.empty()), 700, Currency.getInstance("JPY"), null, LocalDateTime.now().withNano(0));
            var opened = other.openEnvelope(sealed);
            byte[] result = other.sealResult(opened.scheme(), opened.ksn(), io.kessai.crypto.envelope.ResultCodec.encode(
                    new io.kessai.crypto.envelope.PaymentResult(PaymentOutcome.APPROVED, "00", Optional.of("FAKE01"), "", "pay_forged",
                            700, "JPY"))).toBytes();
            opened.destroy();
            material.destroy();
            return result;
        }
    }

    private static MimeMessage forgedMail(String inReplyTo, byte[] sealed) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress(CENTER));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, PHONE);
        mail.setSubject("[Kessai] Approved (pay_forged)");
        mail.setHeader("In-Reply-To", "<" + inReplyTo + ">");
        mail.setHeader("X-Kessai-Kind", "result");
        mail.setHeader("X-Kessai-Payment", "pay_forged");
        MimeMultipart mixed = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("承認されました\n\nApproved\n", "UTF-8");
        mixed.addBodyPart(text);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(sealed, "application/vnd.kessai.result")));
        attachment.setFileName("result.kres");
        mixed.addBodyPart(attachment);
        mail.setContent(mixed);
        mail.saveChanges();
        mail.setHeader("Message-ID", "<forged.1@forger.example>");
        return mail;
    }
}
