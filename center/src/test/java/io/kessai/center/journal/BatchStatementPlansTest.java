package io.kessai.center.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.center.db.GenericPlans;
import io.kessai.db.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch statements that mark rows leaving a partial index's set (an outbox mail sent, an advice
 * acknowledged) find those rows by primary key in the generic plan a long-running writer ends up with,
 * whatever dead entries the partial index holds: a literal that matched the index's predicate had them
 * scan the index instead (seen with auto_explain, 8 ms per batch after 30,000 mails).
 */
class BatchStatementPlansTest {
    @TempDir static Path dir;
    static Database db;

    @BeforeAll
    static void start() {
        db = Database.embedded(dir.resolve("pg"), 0, 2);
        db.migrate("center", "classpath:db/center");
        // Rows that have left the partial indexes' sets, their entries dead until a vacuum.
        db.jdbi().useHandle(h -> {
            h.execute("INSERT INTO center.mail_outbox (message_id, kind, recipient, raw, state, next_attempt_at, created_at)"
                    + " SELECT 'plan-' || g || '@test', 'RESULT', 'phone@test', '\\\\x00', 'PENDING', now(), now() FROM generate_series(1, 2000) g");
            h.execute("UPDATE center.mail_outbox SET state = 'SENT'");
            h.execute("INSERT INTO center.payments (id, key_scheme, ksn, envelope_sha256, channel, reader_serial, merchant_id, terminal_id,"
                    + " reader_sequence, reader_local_at, state, amount_minor, currency, pan_masked, pan_index, pan_encrypted, pan_key,"
                    + " entry_mode, pin_present, created_at, updated_at) SELECT 'plan-' || g, 1, 'ksn-' || g, 'sha', 'HTTPS', 'r', 'm', 't', 1,"
                    + " now(), 'COMPLETED', 1, 'JPY', '411111******1111', 'i', '\\\\x00', 'k', '051', false, now(), now()"
                    + " FROM generate_series(1, 2000) g");
            h.execute("INSERT INTO center.issuer_advices (payment_id, kind, issuer_id, amount_minor, stan, transmitted_at, next_attempt_at,"
                    + " created_at) SELECT 'plan-' || g, 'COMPLETION', 'visa', 1, 1, now(), now(), now() FROM generate_series(1, 2000) g");
            h.execute("UPDATE center.issuer_advices SET acknowledged_at = now()");
        });
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static String genericPlan(String sql, String parameterTypes, String values) {
        return GenericPlans.of(db.jdbi(), sql, parameterTypes, values);
    }

    @Test
    void aSentMarkFindsItsOutboxRowsByPrimaryKey() {
        String plan = genericPlan(AnswerMails.MARK_SENT, "text[], text[], text[]", "'{1}', '{2026-01-01T00:00:00Z}', '{PENDING}'");
        assertThat(plan).contains("mail_outbox_pkey").doesNotContain("mail_outbox_due");
    }

    @Test
    void anAcknowledgementFindsItsAdvicesByPrimaryKey() {
        String plan = genericPlan(JournalStore.ACKNOWLEDGE_COMPLETIONS, "text[], text[], text[], text[]",
                "'{1}', '{00}', '{2026-01-01T00:00:00Z}', '{NULL}'");
        assertThat(plan).contains("issuer_advices_pkey").doesNotContain("issuer_advices_due");
    }
}
