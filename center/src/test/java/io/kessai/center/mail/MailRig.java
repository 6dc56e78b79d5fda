package io.kessai.center.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.center.flow.AdviceWorker;
import io.kessai.center.flow.CompletionFlow;
import io.kessai.center.flow.FlowDirectory;
import io.kessai.center.flow.FlowMetrics;
import io.kessai.center.flow.FlowSettings;
import io.kessai.center.flow.InMemoryDirectory;
import io.kessai.center.flow.PaymentFlow;
import io.kessai.center.flow.ScriptedGateway;
import io.kessai.center.journal.JournalStore;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.db.Database;
import io.kessai.reader.CardReader;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * A center with its e-mail channel for tests: a real PostgreSQL, the software HSM, a scripted issuer,
 * the SMTP listener on an ephemeral port, and GreenMail as the relay the outbox sends through (its
 * mailboxes are the phones'). Phones send with Angus Mail over real SMTP.
 */
final class MailRig implements AutoCloseable {
    static final String CENTER = "pay@center.test";
    static final String MERCHANT = "M-000000000001";
    static final String TRACK2 = "4111111111111111=30121010000012345678";
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final AtomicInteger READERS = new AtomicInteger();

    final Path dir;
    final Database db;
    final SoftwareHsm hsm;
    final JournalStore journal;
    final InMemoryDirectory directory = new InMemoryDirectory();
    final ScriptedGateway gateway = new ScriptedGateway();
    final Map<String, String> phoneByKeyId = new ConcurrentHashMap<>();
    final Map<String, String> phoneBySerial = new ConcurrentHashMap<>();
    final GreenMail relay;
    final FlowSettings flowSettings;
    PaymentFlow flow;
    CompletionFlow completion;
    AdviceWorker adviceWorker;
    MailService mail;
    final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    MailRig(String name) throws Exception {
        dir = Files.createTempDirectory(name);
        db = Database.embedded(dir.resolve("pg"), 0, 8);
        db.migrate("center", "classpath:db/center");
        hsm = SoftwareHsm.inMemory();
        hsm.generateBdk("bdk", KeyScheme.AES128_DUKPT);
        hsm.generateLocalKey("pan-dek", KeyType.DEK_AES256);
        hsm.generateLocalKey("pan-index", KeyType.PAN_INDEX_HMAC);
        hsm.generateZpk("zpk-visa", KeyType.ZPK_TDES);
        journal = new JournalStore(db.jdbi(), Clock.systemUTC());
        directory.merchants.put(MERCHANT, InMemoryDirectory.merchant(MERCHANT, true));
        directory.routes.put("411111", new FlowDirectory.IssuerEntry("visa", "zpk-visa", 300));
        relay = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        relay.start();
        flowSettings = new FlowSettings("pan-dek", "pan-index", Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2));
        flow = new PaymentFlow(hsm, journal, directory, gateway, flowSettings, FlowMetrics.NONE, Clock.systemUTC());
        adviceWorker = new AdviceWorker(journal, hsm, gateway, flowSettings);
        adviceWorker.start();
        completion = new CompletionFlow(journal, directory, adviceWorker, flowSettings, Clock.systemUTC());
    }

    int relayPort() {
        return relay.getSmtp().getPort();
    }

    MailSettings settings(int relayPort, int ratePerMinute) {
        return new MailSettings(CENTER, Set.of("kessai@center.test"), "Test center",
                Optional.of(new SmtpListener.ListenerSettings("127.0.0.1", 0, "center.test", MailSettings.DEFAULT_MAX_MESSAGE_BYTES, 50,
                        false)),
                ratePerMinute,
                new RelaySettings("127.0.0.1", relayPort, RelaySettings.Security.NONE, Optional.empty(), Optional.empty(), 2_000, 5_000),
                new OutboxWorker.OutboxSettings(2, 50, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMillis(400), 50),
                Optional.empty());
    }

    MailRig startMail() {
        return startMail(settings(relayPort(), 1_000));
    }

    MailRig startMail(MailSettings settings) {
        return startMail(settings, Optional.empty());
    }

    MailRig startMail(MailSettings settings, Optional<javax.net.ssl.SSLContext> tls) {
        mail = MailService.start(settings, db.jdbi(), flow, completion, journal, directory, new PhoneDirectory() {
            @Override
            public Optional<String> phoneOfInitialKeyId(String initialKeyIdHex) {
                return Optional.ofNullable(phoneByKeyId.get(initialKeyIdHex));
            }

            @Override
            public Optional<String> phoneOfReader(String readerSerial) {
                return Optional.ofNullable(phoneBySerial.get(readerSerial));
            }
        }, tls, Clock.systemUTC(), Optional.of(registry));
        return this;
    }

    /** A reader bound to {@code phone}, registered at the center. */
    CardReader newReader(String phone) throws Exception {
        String serial = "R-MAIL-" + READERS.incrementAndGet() + "-" + ProcessHandle.current().pid();
        ReaderKeyMaterial material = hsm.injectReader("bdk", serial);
        CardReader reader = CardReader.provision(dir.resolve(serial + ".reader"), material, MERCHANT, "T0000001");
        directory.readers.put(material.initialKeyIdHex(), new FlowDirectory.ReaderEntry(serial, MERCHANT, "T0000001", true));
        phoneByKeyId.put(material.initialKeyIdHex(), phone);
        phoneBySerial.put(serial, phone);
        material.destroy();
        return reader;
    }

    static SealedEnvelope seal(CardReader reader, long amountMinor, String pin) throws Exception {
        return reader.seal(TrackRead.of(Track2.parse(TRACK2), Optional.empty()), amountMinor, JPY, pin == null ? null : pin.toCharArray(),
                LocalDateTime.of(2026, 11, 21, 10, 0));
    }

    /** Delivers raw RFC 5322 bytes to the center's SMTP listener, as the phone's mail server would. */
    void deliver(byte[] raw, String from) throws MessagingException {
        deliver(raw, from, new Properties());
    }

    void deliver(byte[] raw, String from, Properties p) throws MessagingException {
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(mail.smtpPort().orElseThrow()));
        p.setProperty("mail.smtp.from", from);
        Session session = Session.getInstance(p);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new Address[] {new InternetAddress(CENTER)});
        }
    }

    /** The mails the relay delivered to {@code phone} of a kind, waiting until there are {@code count}. */
    List<MimeMessage> awaitMails(String phone, String kind, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> mailsTo(phone, kind).size() >= count);
        return mailsTo(phone, kind);
    }

    List<MimeMessage> mailsTo(String phone, String kind) {
        return Arrays.stream(relay.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(phone))
                        && kind.equals(m.getHeader(MailHeaders.KIND, null));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    void stopMail() {
        if (mail != null) {
            mail.close();
            mail = null;
        }
    }

    @Override
    public void close() {
        stopMail();
        adviceWorker.close();
        relay.stop();
        db.close();
    }
}
