package io.kessai.center.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.crypto.hsm.EncryptedPan;
import io.kessai.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Group commit (ADR 0010) against a real PostgreSQL: many callers, few commits, each caller's own result. */
class GroupCommitTest {
    private static final AtomicInteger KSNS = new AtomicInteger();
    private static Path dir;
    private static Database db;
    private static JournalStore journal;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("group-commit-test");
        // Two writers each for the journal and the advices' acknowledgements keep four connections (ADR 0019, 0021).
        db = Database.embedded(dir.resolve("pg"), 0, 8);
        db.migrate("center", "classpath:db/center");
        journal = new JournalStore(db.jdbi(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        journal.close();
        db.close();
    }

    private static NewPayment payment(String ksn, String currency) {
        return new NewPayment("pay_gc_" + ksn + "_" + System.nanoTime(), 1, ksn, "sha-" + ksn, Payment.Channel.HTTPS, "R-GC", "M-GC",
                "T0000001", 1, LocalDateTime.of(2026, 11, 21, 10, 0), 1_000, currency, "411111******1111", "index",
                new EncryptedPan("pan-dek", new byte[] {1, 2, 3}), "021", false);
    }

    private static String newKsn() {
        return String.format("FFFF%016X", KSNS.incrementAndGet());
    }

    private static <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = threads.invokeAll(calls);
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    private static List<String> events(String paymentId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT seq || ':' || state FROM center.payment_events WHERE payment_id = :id"
                + " ORDER BY seq").bind("id", paymentId).mapTo(String.class).list());
    }

    private static List<String> eventDetails(String paymentId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT detail FROM center.payment_events WHERE payment_id = :id ORDER BY seq")
                .bind("id", paymentId).mapTo(String.class).list());
    }

    @Test
    void theEmbeddedServerCommitsSynchronously() {
        String synchronous = db.jdbi().withHandle(h -> h.createQuery("SHOW synchronous_commit").mapTo(String.class).one());
        String fsync = db.jdbi().withHandle(h -> h.createQuery("SHOW fsync").mapTo(String.class).one());
        assertThat(synchronous).isEqualTo("on");
        assertThat(fsync).isEqualTo("on");
        // Sized for a write-heavy journal (Database.embedded): no forced checkpoints inside a load run.
        String maxWal = db.jdbi().withHandle(h -> h.createQuery("SHOW max_wal_size").mapTo(String.class).one());
        String sharedBuffers = db.jdbi().withHandle(h -> h.createQuery("SHOW shared_buffers").mapTo(String.class).one());
        assertThat(maxWal).isEqualTo("4GB");
        assertThat(sharedBuffers).isEqualTo("512MB");
        // New WAL segments are not zero-filled inside a commit (ADR 0022).
        String walInitZero = db.jdbi().withHandle(h -> h.createQuery("SHOW wal_init_zero").mapTo(String.class).one());
        assertThat(walInitZero).isEqualTo("off");
    }

    @Test
    void concurrentPaymentsShareCommitsAndEachKsnIsTakenOnce() throws Exception {
        long[] before = journal.groupCommitCounts();
        List<String> ksns = new ArrayList<>();
        List<Callable<Optional<Payment>>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String ksn = newKsn();
            ksns.add(ksn);
            // Every KSN twice, at the same time: one of the two gets it.
            for (int copy = 0; copy < 2; copy++) {
                calls.add(() -> journal.insertSent(payment(ksn, "JPY"), "visa", 4711, Instant.now(), "632512004711"));
            }
        }
        List<Optional<Payment>> inserted = concurrently(calls);
        assertThat(inserted.stream().filter(Optional::isPresent)).hasSize(100);
        for (String ksn : ksns) {
            Payment stored = journal.findByKsn(1, ksn).orElseThrow();
            assertThat(stored.state()).isEqualTo(PaymentState.SENT_TO_ISSUER);
            assertThat(stored.stan()).contains(4711);
            // One event row per journal write (ADR 0024), naming the four steps it made durable together.
            assertThat(events(stored.id())).containsExactly("1:SENT_TO_ISSUER");
            assertThat(eventDetails(stored.id())).containsExactly("RECEIVED → OPENED → ROUTED → SENT_TO_ISSUER: channel HTTPS, KSN "
                    + ksn + ", issuer visa, STAN 4711, RRN " + stored.rrn().orElseThrow());
        }
        long[] after = journal.groupCommitCounts();
        assertThat(after[1] - before[1]).isEqualTo(200);
        assertThat(after[0] - before[0]).isBetween(1L, 200L);

        // The answers, concurrently too: approvals move on to the additional items in the same step.
        List<Payment> payments = inserted.stream().flatMap(Optional::stream).toList();
        List<Callable<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < payments.size(); i++) {
            Payment p = payments.get(i);
            boolean approve = i % 2 == 0;
            answers.add(() -> {
                journal.markAnswered(p.id(), PaymentState.SENT_TO_ISSUER, approve ? PaymentState.APPROVED : PaymentState.DECLINED,
                        approve ? "00" : "51", approve ? Optional.of("A00001") : Optional.empty(), approve ? "" : "insufficient_funds",
                        new byte[] {9}, approve);
                return true;
            });
        }
        concurrently(answers);
        for (int i = 0; i < payments.size(); i++) {
            Payment stored = journal.find(payments.get(i).id()).orElseThrow();
            if (i % 2 == 0) {
                assertThat(stored.state()).isEqualTo(PaymentState.ADDITIONAL_ITEMS_REQUESTED);
                assertThat(stored.outcome()).contains("APPROVED");
                assertThat(stored.approvalCode()).contains("A00001");
                assertThat(events(stored.id())).containsExactly("1:SENT_TO_ISSUER", "2:ADDITIONAL_ITEMS_REQUESTED");
                assertThat(eventDetails(stored.id())).last().isEqualTo("APPROVED → ADDITIONAL_ITEMS_REQUESTED: DE 39 00");
            } else {
                assertThat(stored.state()).isEqualTo(PaymentState.DECLINED);
                assertThat(stored.reason()).contains("insufficient_funds");
                assertThat(events(stored.id())).containsExactly("1:SENT_TO_ISSUER", "2:DECLINED");
                assertThat(eventDetails(stored.id())).last().isEqualTo("DECLINED: DE 39 51, insufficient_funds");
            }
            assertThat(stored.sealedResult()).get().isEqualTo(new byte[] {9});
        }
    }

    @Test
    void noEventRowEverNamesAPaymentThatIsNotInTheJournal() {
        // What the dropped foreign key used to check (ADR 0017) holds by construction: an answer for a
        // payment nobody journaled writes nothing, and no event row anywhere lacks its payment.
        assertThatThrownBy(() -> journal.markAnswered("pay_never_journaled", PaymentState.SENT_TO_ISSUER, PaymentState.APPROVED, "00",
                Optional.of("A1"), "", new byte[] {1}, true)).isInstanceOf(JournalException.class);
        assertThat(events("pay_never_journaled")).isEmpty();
        long orphans = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM center.payment_events e"
                + " WHERE NOT EXISTS (SELECT 1 FROM center.payments p WHERE p.id = e.payment_id)").mapTo(Long.class).one());
        assertThat(orphans).isZero();
    }

    @Test
    void anAnswerForAPaymentThatMovedOnChangesNothing() {
        Payment p = journal.insertSent(payment(newKsn(), "JPY"), "visa", 1, Instant.now(), "632512000001").orElseThrow();
        journal.markAnswered(p.id(), PaymentState.SENT_TO_ISSUER, PaymentState.DECLINED, "05", Optional.empty(), "do_not_honor",
                new byte[] {1}, false);
        assertThatThrownBy(() -> journal.markAnswered(p.id(), PaymentState.SENT_TO_ISSUER, PaymentState.APPROVED, "00",
                Optional.of("A1"), "", new byte[] {2}, true)).isInstanceOf(JournalException.class).hasMessageContaining("no longer");
        assertThat(journal.find(p.id()).orElseThrow().state()).isEqualTo(PaymentState.DECLINED);
        assertThat(events(p.id())).containsExactly("1:SENT_TO_ISSUER", "2:DECLINED");
        assertThatThrownBy(() -> journal.markAnswered(p.id(), PaymentState.DECLINED, PaymentState.APPROVED, "00", Optional.empty(), "",
                new byte[] {2}, false)).isInstanceOf(JournalException.class).hasMessageContaining("not a transition");
    }

    @Test
    void walletApprovalsCompleteWithTheirAdviceInTheSameCommitOnce() throws Exception {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            payments.add(journal.insertSent(payment(newKsn(), "JPY"), "visa", 100 + i, Instant.now(), "632512000100").orElseThrow());
        }
        List<Callable<Object>> calls = new ArrayList<>();
        for (Payment p : payments) {
            // Each approval twice at once: one completes, the other finds the payment moved on.
            for (int copy = 0; copy < 2; copy++) {
                calls.add(() -> {
                    try {
                        journal.approveAndComplete(p.id(), "00", "A00042", "{\"payment_method\":\"10\"}", new Advice(0, p.id(),
                                Advice.Kind.COMPLETION, "visa", p.amountMinor(), 900, Instant.now(), 0));
                        return "done";
                    } catch (JournalException e) {
                        return e;
                    }
                });
            }
        }
        List<Object> results = concurrently(calls);
        assertThat(results.stream().filter("done"::equals)).hasSize(payments.size());
        for (Payment p : payments) {
            Payment stored = journal.find(p.id()).orElseThrow();
            assertThat(stored.state()).isEqualTo(PaymentState.COMPLETED);
            assertThat(stored.outcome()).contains("APPROVED");
            assertThat(stored.approvalCode()).contains("A00042");
            assertThat(events(p.id())).containsExactly("1:SENT_TO_ISSUER", "2:COMPLETED");
            assertThat(eventDetails(p.id())).last()
                    .isEqualTo("APPROVED → ADDITIONAL_ITEMS_REQUESTED → COMPLETED: DE 39 00; " + JournalStore.COMPLETION_QUEUED);
            String items = db.jdbi().withHandle(h -> h.createQuery("SELECT additional_items ->> 'payment_method' FROM center.payments"
                    + " WHERE id = :id").bind("id", p.id()).mapTo(String.class).one());
            assertThat(items).isEqualTo("10");
            List<String> advices = db.jdbi().withHandle(h -> h.createQuery("SELECT kind || ':' || stan || ':' || amount_minor FROM"
                    + " center.issuer_advices WHERE payment_id = :id").bind("id", p.id()).mapTo(String.class).list());
            assertThat(advices).containsExactly("COMPLETION:900:1000");
        }
    }

    @Test
    void leasedCompletionsAreReadInOneQueryAndAcknowledgedTogetherEachOnce() throws Exception {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Payment p = journal.insertSent(payment(newKsn(), "JPY"), "jcb", 300 + i, Instant.now(), "632512000300").orElseThrow();
            journal.approveAndComplete(p.id(), "00", "A00043", "{}", new Advice(0, p.id(), Advice.Kind.COMPLETION, "jcb", p.amountMinor(),
                    300 + i, Instant.now(), 0));
            payments.add(p);
        }
        List<String> ids = new ArrayList<>(payments.stream().map(Payment::id).toList());
        ids.add("pay_nobody");
        java.util.Map<String, JournalStore.ToAdvise> found = journal.findToAdvise(ids);
        assertThat(found).hasSize(payments.size()).doesNotContainKey("pay_nobody");
        assertThat(found.get(payments.getFirst().id()).panEncrypted().sealed()).containsExactly(1, 2, 3);

        List<Advice> leased = new ArrayList<>(journal.leaseDueAdvices(100, java.time.Duration.ofMinutes(1)));
        leased.removeIf(a -> !found.containsKey(a.paymentId()));
        assertThat(leased).hasSize(payments.size());
        List<Callable<Object>> acks = new ArrayList<>();
        for (Advice advice : leased) {
            for (int copy = 0; copy < 2; copy++) {      // an acknowledgement twice changes nothing more
                acks.add(() -> {
                    journal.markAdviceAcknowledged(advice, "00");
                    return advice.paymentId();
                });
            }
        }
        concurrently(acks);
        for (Payment p : payments) {
            assertThat(journal.adviceAcknowledged(p.id(), Advice.Kind.COMPLETION)).isTrue();
            int attempts = db.jdbi().withHandle(h -> h.createQuery("SELECT attempts FROM center.issuer_advices WHERE payment_id = :id")
                    .bind("id", p.id()).mapTo(Integer.class).one());
            assertThat(attempts).isEqualTo(1);
        }
    }

    @Test
    void aCompletionNeedsItsOwnAdvice() {
        Payment p = journal.insertSent(payment(newKsn(), "JPY"), "visa", 5, Instant.now(), "632512000005").orElseThrow();
        assertThatThrownBy(() -> journal.approveAndComplete(p.id(), "00", "A1", "{}", new Advice(0, "pay_other",
                Advice.Kind.COMPLETION, "visa", 1_000, 6, Instant.now(), 0))).isInstanceOf(JournalException.class);
        assertThat(journal.find(p.id()).orElseThrow().state()).isEqualTo(PaymentState.SENT_TO_ISSUER);
    }

    @Test
    void aWriteTheDatabaseRefusesFailsAloneNotItsBatch() throws Exception {
        List<Callable<Object>> calls = new ArrayList<>();
        List<String> goodKsns = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String ksn = newKsn();
            boolean bad = i == 20;
            if (!bad) {
                goodKsns.add(ksn);
            }
            // CHAR(3): a four-letter currency is refused by the database.
            calls.add(() -> {
                try {
                    return journal.insertSent(payment(ksn, bad ? "JPYX" : "JPY"), "visa", 2, Instant.now(), "632512000002");
                } catch (RuntimeException e) {
                    return e;
                }
            });
        }
        List<Object> results = concurrently(calls);
        assertThat(results.get(20)).isInstanceOf(RuntimeException.class);
        assertThat(results.stream().filter(r -> r instanceof Optional<?> o && o.isPresent())).hasSize(39);
        for (String ksn : goodKsns) {
            assertThat(journal.findByKsn(1, ksn)).isPresent();
        }
    }

    private static AnswerMails mails(String paymentId, String copy, Optional<java.time.Duration> lease) {
        String inbound = "in." + copy + "." + paymentId + "@phone.test";
        return new AnswerMails(new AnswerMails.Inbox(inbound, "phone@phone.test", "PAYMENT", "APPROVED"), List.of(
                new AnswerMails.Outbox("kessai.result." + copy + "." + paymentId + "@center.test", "RESULT", "phone@phone.test",
                        Optional.of(paymentId), new byte[] {1}),
                new AnswerMails.Outbox("kessai.items." + copy + "." + paymentId + "@center.test", "ITEMS", "phone@phone.test",
                        Optional.of(paymentId), new byte[] {2})), lease);
    }

    private static List<String> outbox(String paymentId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT o.message_id || ':' || o.attempts || ':' || (o.lease_until IS NOT NULL)"
                + " || ':' || (o.created_at = p.updated_at) FROM center.mail_outbox o JOIN center.payments p ON p.id = o.payment_id"
                + " WHERE o.payment_id = :id ORDER BY o.id").bind("id", paymentId).mapTo(String.class).list());
    }

    @Test
    void answerMailsAreWrittenInTheAnswersCommitOnlyWhenTheAnswerTakesEffect() throws Exception {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            payments.add(journal.insertSent(payment(newKsn(), "JPY"), "visa", 200 + i, Instant.now(), "632512000200").orElseThrow());
        }
        List<AnswerMails> all = new ArrayList<>();
        List<Callable<Object>> calls = new ArrayList<>();
        for (Payment p : payments) {
            // Each answer twice at once with its own mails: one moves the payment, the other's mails are not written.
            for (String copy : List.of("a", "b")) {
                AnswerMails mails = mails(p.id(), copy, copy.equals("a") ? Optional.of(java.time.Duration.ofMinutes(2)) : Optional.empty());
                all.add(mails);
                calls.add(() -> {
                    try {
                        journal.markAnswered(p.id(), PaymentState.SENT_TO_ISSUER, PaymentState.APPROVED, "00", Optional.of("A1"), "",
                                new byte[] {3}, true, Optional.of(mails));
                        return mails;
                    } catch (JournalException e) {
                        return e;
                    }
                });
            }
        }
        List<Object> results = concurrently(calls);
        assertThat(results.stream().filter(r -> r instanceof AnswerMails)).hasSize(payments.size());
        for (Object r : results) {
            if (r instanceof AnswerMails won) {
                assertThat(won.committed()).isTrue();
                assertThat(won.written()).extracting(AnswerMails.Written::messageId)
                        .containsExactlyInAnyOrderElementsOf(won.outbox().stream().map(AnswerMails.Outbox::messageId).toList());
            }
        }
        for (AnswerMails m : all) {
            assertThat(m.committed()).isEqualTo(results.contains(m));
        }
        for (Payment p : payments) {
            assertThat(journal.find(p.id()).orElseThrow().state()).isEqualTo(PaymentState.ADDITIONAL_ITEMS_REQUESTED);
            // Two answer mails, from the winner only, stamped with the answer's own time (the same statement).
            List<String> rows = outbox(p.id());
            assertThat(rows).hasSize(2).allMatch(row -> row.endsWith(":true"));
            String winner = rows.getFirst().contains(".a.") ? "a" : "b";
            assertThat(rows).allMatch(row -> row.contains("." + winner + "."))
                    .allMatch(row -> row.contains(winner.equals("a") ? ":1:true:" : ":0:false:"));
            List<String> inbox = db.jdbi().withHandle(h -> h.createQuery("SELECT message_id FROM center.mail_inbox WHERE payment_id = :id")
                    .bind("id", p.id()).mapTo(String.class).list());
            assertThat(inbox).containsExactly("in." + winner + "." + p.id() + "@phone.test");
        }
        // The relay took them: the sent marks ride in the journal's batches, from many workers at once.
        List<Callable<Object>> marks = new ArrayList<>();
        for (Object r : results) {
            if (r instanceof AnswerMails won) {
                marks.add(() -> {
                    journal.markMailsSent(won.written().stream().map(AnswerMails.Written::id).toList());
                    return null;
                });
            }
        }
        concurrently(marks);
        for (Payment p : payments) {
            List<String> states = db.jdbi().withHandle(h -> h.createQuery("SELECT state || ':' || (sent_at IS NOT NULL) || ':'"
                    + " || (lease_until IS NULL) FROM center.mail_outbox WHERE payment_id = :id").bind("id", p.id()).mapTo(String.class).list());
            assertThat(states).containsExactly("SENT:true:true", "SENT:true:true");
        }
    }

    @Test
    void answerMailsTheDatabaseRefusesFailTheirAnswerAloneAndLeaveNothing() throws Exception {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            payments.add(journal.insertSent(payment(newKsn(), "JPY"), "visa", 300 + i, Instant.now(), "632512000300").orElseThrow());
        }
        // An outbox Message-ID that exists already: the database refuses that answer's batch, the others are retried alone.
        Payment other = payments.getFirst();
        journal.markAnswered(other.id(), PaymentState.SENT_TO_ISSUER, PaymentState.DECLINED, "05", Optional.empty(), "do_not_honor",
                new byte[] {1}, false, Optional.of(mails(other.id(), "x", Optional.empty())));
        String taken = "kessai.result.x." + other.id() + "@center.test";
        List<Callable<Object>> calls = new ArrayList<>();
        for (Payment p : payments.subList(1, payments.size())) {
            boolean bad = p == payments.get(10);
            AnswerMails good = mails(p.id(), "g", Optional.empty());
            AnswerMails mails = bad ? new AnswerMails(good.inbox(), List.of(new AnswerMails.Outbox(taken, "RESULT", "phone@phone.test",
                    Optional.of(p.id()), new byte[] {1})), Optional.empty()) : good;
            calls.add(() -> {
                try {
                    journal.markAnswered(p.id(), PaymentState.SENT_TO_ISSUER, PaymentState.DECLINED, "05", Optional.empty(), "do_not_honor",
                            new byte[] {1}, false, Optional.of(mails));
                    return mails;
                } catch (RuntimeException e) {
                    return e;
                }
            });
        }
        List<Object> results = concurrently(calls);
        assertThat(results.get(9)).isInstanceOf(RuntimeException.class);
        assertThat(results.stream().filter(r -> r instanceof AnswerMails m && m.committed())).hasSize(payments.size() - 2);
        Payment bad = payments.get(10);
        assertThat(journal.find(bad.id()).orElseThrow().state()).isEqualTo(PaymentState.SENT_TO_ISSUER);
        assertThat(outbox(bad.id())).isEmpty();
    }
}
