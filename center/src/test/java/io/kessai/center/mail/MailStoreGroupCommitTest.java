package io.kessai.center.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kessai.center.mail.MailStore.Disposition;
import io.kessai.center.mail.MailStore.InboxEntry;
import io.kessai.center.mail.MailStore.Leased;
import io.kessai.db.Database;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mail writer's group commit (inbox record and answers of many mails in one statement, sent marks in
 * the same), the answers handed to the outbox worker already leased, and the composer's cached subjects.
 */
class MailStoreGroupCommitTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static Database db;
    private static MailStore store;
    private static final MailComposer COMPOSER = new MailComposer("pay@center.test", "Test center", Clock.systemUTC());

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("mail-group-commit");
        db = Database.embedded(dir.resolve("pg"), 0, 4);
        db.migrate("center", "classpath:db/center");
        store = new MailStore(db.jdbi(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        store.close();
        db.close();
    }

    private static OutgoingMail answer(String to, String inReplyTo) {
        return COMPOSER.error(to, inReplyTo, "no_envelope", "test", Optional.empty());
    }

    @Test
    void mailsTakenInAtTheSameTimeAreEachRecordedOnceWithTheirAnswers() throws Exception {
        int mails = 64;
        String run = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < mails; i++) {
                String id = "m" + i + "." + run + "@phone.test";
                // Every mail twice at once: the first of a Message-ID is the inbox record, as before.
                for (int copy = 0; copy < 2; copy++) {
                    done.add(pool.submit((Callable<Void>) () -> {
                        store.record(new InboxEntry(id, "phone@phone.test", Disposition.REJECTED, Optional.empty(), "test"),
                                List.of(answer("phone@phone.test", id)));
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long inbox = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM center.mail_inbox WHERE message_id LIKE :p")
                .bind("p", "%." + run + "@phone.test").mapTo(Long.class).one());
        long outbox = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM center.mail_outbox WHERE raw IS NOT NULL"
                        + " AND state = 'PENDING' AND attempts = 0 AND lease_until IS NULL AND convert_from(raw, 'SQL_ASCII') LIKE :p")
                .bind("p", "%" + run + "%").mapTo(Long.class).one());
        assertThat(inbox).isEqualTo(mails);
        assertThat(outbox).isEqualTo(2L * mails);
        long[] counts = store.groupCommitCounts();
        assertThat(counts[1]).isGreaterThanOrEqualTo(2L * mails);
        assertThat(counts[0]).isPositive().isLessThanOrEqualTo(counts[1]);
    }

    @Test
    void answersWrittenLeasedComeBackWithTheirRowsAndStayOutOfTheTableUntilReleased() {
        String id = "leased." + UUID.randomUUID() + "@phone.test";
        List<Leased> leased = store.record(new InboxEntry(id, "phone@phone.test", Disposition.REJECTED, Optional.empty(), "test"),
                List.of(answer("phone@phone.test", id), answer("other@phone.test", id)), Optional.of(LEASE));

        assertThat(leased).hasSize(2).allSatisfy(l -> assertThat(l.attempts()).isEqualTo(1));
        assertThat(leased).extracting(Leased::recipient).containsExactlyInAnyOrder("phone@phone.test", "other@phone.test");
        List<Long> ids = leased.stream().map(Leased::id).toList();
        assertThat(store.lease(1_000, LEASE)).extracting(Leased::id).doesNotContainAnyElementsOf(ids);

        // The worker stopped before sending them: due at once for the next start, the attempt not counted.
        store.releaseLeases(ids);
        List<Leased> again = store.lease(1_000, LEASE);
        assertThat(again).extracting(Leased::id).containsAll(ids);
        assertThat(again).filteredOn(l -> ids.contains(l.id())).allSatisfy(l -> assertThat(l.attempts()).isEqualTo(1));

        store.markSent(ids);
        List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery("SELECT state, sent_at, lease_until FROM center.mail_outbox"
                + " WHERE id = ANY(:ids)").bind("ids", ids.toArray(Long[]::new)).mapToMap().list());
        assertThat(rows).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("state")).isEqualTo("SENT");
            assertThat(r.get("sent_at")).isNotNull();
            assertThat(r.get("lease_until")).isNull();
        });
    }

    @Test
    void theWorkerSendsHandedOverMailsWithoutLeasingThemAndMarksThemSent() throws Exception {
        GreenMail relay = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        relay.start();
        OutboxWorker worker = new OutboxWorker(store,
                new RelaySettings("127.0.0.1", relay.getSmtp().getPort(), RelaySettings.Security.NONE, Optional.empty(), Optional.empty(),
                        2_000, 5_000),
                new OutboxWorker.OutboxSettings(1, 50, LEASE, Duration.ofMillis(100), Duration.ofMillis(400), 5));
        try {
            assertThat(worker.reserve(1)).as("a stopped worker takes no hand-over").isEmpty();
            worker.start();
            String id = "handed." + UUID.randomUUID() + "@phone.test";
            OutgoingMail mail = answer("handed@phone.test", id);
            Optional<Duration> lease = worker.reserve(1);
            assertThat(lease).contains(LEASE);
            List<Leased> leased = store.record(new InboxEntry(id, "handed@phone.test", Disposition.REJECTED, Optional.empty(), "test"),
                    List.of(mail), lease);
            worker.handOver(leased, 1);

            // Other tests' pending mails may go to this relay too (the worker also leases from the table).
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean arrived = false;
            while (System.nanoTime() < deadline && !arrived) {
                for (MimeMessage received : relay.getReceivedMessages()) {
                    arrived |= ("<" + mail.messageId() + ">").equals(received.getMessageID());
                }
                Thread.sleep(20);
            }
            assertThat(arrived).isTrue();
            String state = "";
            while (System.nanoTime() < deadline && !state.equals("SENT")) {
                state = db.jdbi().withHandle(h -> h.createQuery("SELECT state FROM center.mail_outbox WHERE message_id = :id")
                        .bind("id", mail.messageId()).mapTo(String.class).one());
                Thread.sleep(20);
            }
            assertThat(state).isEqualTo("SENT");
        } finally {
            worker.close();
            relay.stop();
        }
    }

    @Test
    void aSubjectKeepsItsFixedPartEncodedOnceAndTheTagAsPlainText() throws Exception {
        String tag = "pay_" + "x".repeat(60);
        String encoded = MailComposer.subject(MailTexts.SUBJECT_APPROVED, tag);
        String expected = "[Kessai] " + MailTexts.SUBJECT_APPROVED.ja() + " / " + MailTexts.SUBJECT_APPROVED.en() + " (" + tag + ")";
        assertThat(encoded).doesNotContain("\r\n\r\n").matches("(?s)[\\x20-\\x7e\\r\\n]*");
        for (String line : encoded.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(encoded))).isEqualTo(expected);
        assertThat(MailComposer.subject(MailTexts.SUBJECT_APPROVED, tag)).isEqualTo(encoded);

        // And as a whole mail, read back by Jakarta Mail.
        OutgoingMail mail = COMPOSER.itemsRequest("phone@phone.test", "m@phone.test", "pay_123", List.of());
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail.raw()));
        assertThat(parsed.getSubject()).isEqualTo("[Kessai] " + MailTexts.SUBJECT_ITEMS.ja() + " / " + MailTexts.SUBJECT_ITEMS.en()
                + " (pay_123)");
        assertThat(new String(mail.raw(), StandardCharsets.US_ASCII)).contains("Message-ID: <" + mail.messageId() + ">");
        assertThat(((String) parsed.getContent())).contains("pay_123");
    }
}
