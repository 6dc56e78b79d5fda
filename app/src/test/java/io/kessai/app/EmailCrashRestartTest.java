package io.kessai.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import io.kessai.card.Hex;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.registry.IssuerDraft;
import io.kessai.center.registry.IssuerLinkDraft;
import io.kessai.center.registry.MerchantDraft;
import io.kessai.center.registry.ReaderDraft;
import io.kessai.center.registry.RouteDraft;
import io.kessai.center.wiring.Center;
import io.kessai.center.wiring.CenterSettings;
import io.kessai.crypto.envelope.EnvelopeException;
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
import io.kessai.phone.CenterAnswer;
import io.kessai.phone.CenterClientException;
import io.kessai.phone.mail.MailAccount;
import io.kessai.phone.mail.MailCenterClient;
import io.kessai.reader.CardReader;
import io.kessai.reader.ReaderException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The center killed for real (SIGKILL of its own JVM) while the issuer holds an e-mail payment, then
 * started again: the restarted center answers the payment 'unavailable' and queues its reversal, the
 * phone's mail is delivered again and gets exactly that answer, and the payment exists once.
 */
class EmailCrashRestartTest {
    static final String SILENT = "4111110000000005";
    static final String TRACK_SUFFIX = "=30121010000012345678";
    static final String PHONE = "phone-crash@phones.kessai.test";
    static final String CENTER = "pay@crash.kessai.test";

    @Test
    void killedMidPaymentAndRestartedAnswersTheRedeliveredMailOnce() throws Exception {
        Path dir = Files.createTempDirectory("kessai-mail-crash");
        try (Database database = Database.embedded(dir.resolve("postgres"), 0, 8)) {
            GreenMail mailbox = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
            mailbox.start();
            mailbox.setUser(PHONE, PHONE, PHONE);
            byte[] zpk = Hex.decode("0123456789ABCDEFFEDCBA9876543210");
            Path accounts = dir.resolve("accounts.csv");
            Files.writeString(accounts, "pan,expiry,status,kind,limit_minor,currency,issuer_code,pin,fault\n"
                    + SILENT + ",3012,active,credit,500000,JPY,VISACRASH,,drop\n");
            try (IssuerHost issuer = IssuerHost.start(IssuerConfig.builder(dir.resolve("issuer")).schema(new Schema("issuer_crash"))
                    .accountsFile(accounts).port(0).zonePinKey(new IssuerConfig.ZonePinKey(KeyType.ZPK_TDES, zpk.clone())).build(),
                    database)) {
                int smtpPort = freePort();
                String jdbcUrl = ((HikariDataSource) database.dataSource()).getJdbcUrl();
                Map<String, String> config = Map.ofEntries(
                        Map.entry("KESSAI_DATA_DIR", dir.resolve("center").toString()),
                        Map.entry("KESSAI_DB_URL", jdbcUrl),
                        Map.entry("KESSAI_DB_USER", "postgres"),
                        Map.entry("KESSAI_HTTP_HOST", "127.0.0.1"),
                        Map.entry("KESSAI_HTTP_PORT", "0"),
                        Map.entry("KESSAI_ADMIN_TOKEN", "crash-admin-token-0123456789abcdefghijklmn"),
                        Map.entry("KESSAI_SINGLE_NODE", "true"), // the restarted center takes over at once
                        Map.entry("KESSAI_MAIL_ENABLED", "true"),
                        Map.entry("KESSAI_MAIL_ADDRESS", CENTER),
                        Map.entry("KESSAI_MAIL_SMTP_HOST", "127.0.0.1"),
                        Map.entry("KESSAI_MAIL_SMTP_PORT", Integer.toString(smtpPort)),
                        Map.entry("KESSAI_MAIL_RELAY_HOST", "127.0.0.1"),
                        Map.entry("KESSAI_MAIL_RELAY_PORT", Integer.toString(mailbox.getSmtp().getPort())));
                Path readerFile = dir.resolve("R-CRASH-1.reader");
                // Registry and keys, made once in this JVM; the center under test runs in its own.
                CenterSettings settings = CenterSettings.from(ConfigValues.of(config));
                try (SoftwareHsm hsm = Center.openHsm(settings)) {
                    hsm.importZpk("zpk-crash", KeyType.ZPK_TDES, zpk);
                    hsm.generateBdk("bdk-crash", KeyScheme.AES128_DUKPT);
                    ReaderKeyMaterial material = hsm.injectReader("bdk-crash", "R-CRASH-1");
                    CardReader.provision(readerFile, material, "M-CRASH-01", "T0000001");
                    material.destroy();
                }
                try (Center setup = Center.start(CenterSettings.from(ConfigValues.of(withoutMail(config))))) {
                    setup.registry().createMerchant(new MerchantDraft("M-CRASH-01", "Crash shop", "5411", "ACTIVE", null), "test");
                    // The issuer never answers this card; the center waits a minute: long enough to be killed meanwhile.
                    setup.registry().createIssuer(new IssuerDraft("visa-crash", "Crash issuer",
                            new IssuerLinkDraft("127.0.0.1", issuer.port(), "binary2", false, 60_000), "zpk-crash", "00000000001",
                            List.of("VISACRASH"), null), "test");
                    setup.registry().createRoute(new RouteDraft("411111", "visa-crash", null), "test");
                    setup.registry().createReader(new ReaderDraft("R-CRASH-1", CardReader.load(readerFile).initialKeyIdHex(),
                            "M-CRASH-01", "T0000001", PHONE, "ACTIVE", null), "test");
                }
                Path configFile = dir.resolve("center.properties");
                StringBuilder properties = new StringBuilder();
                config.forEach((k, v) -> properties.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
                Files.writeString(configFile, properties);

                CardReader reader = CardReader.load(readerFile);
                SealedEnvelope envelope = reader.seal(TrackRead.of(Track2.parse(SILENT + TRACK_SUFFIX), Optional.empty()), 700,
                        Currency.getInstance("JPY"), null, LocalDateTime.now().withNano(0));
                MailCenterClient phone = new MailCenterClient(new MailAccount(PHONE, CENTER, "127.0.0.1", smtpPort, "127.0.0.1",
                        mailbox.getImap().getPort(), PHONE, PHONE, Optional.empty()), Duration.ofSeconds(30));

                Process first = startCenter(configFile, dir.resolve("center-1.log"));
                try {
                    awaitPort(smtpPort, first);
                    Thread sender = Thread.ofPlatform().start(() -> {
                        try {
                            phone.send(envelope);
                        } catch (CenterClientException expected) {
                            // the center dies inside the SMTP transaction
                        }
                    });
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!"SENT_TO_ISSUER".equals(state(database, envelope.ksnHex()))) {
                        assertThat(System.nanoTime()).as("the payment reaches SENT_TO_ISSUER").isLessThan(deadline);
                        Thread.sleep(50);
                    }
                    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    sender.join(TimeUnit.SECONDS.toMillis(30));
                } finally {
                    first.destroyForcibly();
                }
                assertThat(state(database, envelope.ksnHex())).isEqualTo("SENT_TO_ISSUER");

                Process second = startCenter(configFile, dir.resolve("center-2.log"));
                try {
                    awaitPort(smtpPort, second);
                    // The phone's mail server delivers again (the same envelope): the first answer, no second authorization.
                    MailCenterClient.Sent again = phone.send(envelope);
                    CenterAnswer answer = phone.awaitResult(again, sealed -> {
                        try {
                            return reader.acceptResult(SealedResult.parse(sealed)).outcome() == PaymentOutcome.UNAVAILABLE;
                        } catch (EnvelopeException | ReaderException e) {
                            return false;
                        }
                    });
                    assertThat(answer.outcome()).isEqualTo("unavailable");
                    assertThat(count(database, "SELECT count(*) FROM center.payments WHERE ksn = '" + envelope.ksnHex() + "'")).isEqualTo(1);
                    assertThat(count(database, "SELECT count(*) FROM center.issuer_advices a JOIN center.payments p ON p.id = a.payment_id"
                            + " WHERE p.ksn = '" + envelope.ksnHex() + "' AND a.kind = 'REVERSAL'")).isEqualTo(1);
                } finally {
                    second.destroy();
                    second.waitFor(30, TimeUnit.SECONDS);
                    second.destroyForcibly();
                }
            } finally {
                mailbox.stop();
            }
        }
    }

    private static Map<String, String> withoutMail(Map<String, String> config) {
        Map<String, String> copy = new java.util.HashMap<>(config);
        copy.put("KESSAI_MAIL_ENABLED", "false");
        return copy;
    }

    private static Process startCenter(Path configFile, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Kessai.class.getName(), "center", "--config", configFile.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitPort(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the center process runs").isTrue();
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the center's SMTP port " + port + " did not open");
    }

    private static String state(Database database, String ksn) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT state FROM center.payments WHERE ksn = :k").bind("k", ksn)
                .mapTo(String.class).findOne().orElse(""));
    }

    private static long count(Database database, String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
