package io.kessai.center.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.db.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committer's writers commit each batch themselves; with two writers the next batch is taken and
 * written while the previous one is still uncommitted (ADR 0021); a write is visible to others only once
 * its caller has been released, and a failed batch leaves nothing behind.
 */
class BatchCommitterPipelineTest {
    @TempDir static Path dir;
    static Database db;

    @BeforeAll
    static void start() {
        db = Database.embedded(dir.resolve("pg"), 0, 4);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void table() {
        db.jdbi().useHandle(h -> h.execute("DROP TABLE IF EXISTS pipeline; CREATE TABLE pipeline (v text PRIMARY KEY)"));
    }

    private static void insert(java.sql.Connection c, List<String> batch) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO pipeline (v) SELECT unnest(?::text[])")) {
            st.setArray(1, c.createArrayOf("text", batch.toArray()));
            st.executeUpdate();
        }
    }

    private static long visible(String value) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM pipeline WHERE v = :v").bind("v", value)
                .mapTo(Long.class).one());
    }

    @Test
    void withTwoWritersTheNextBatchIsWrittenWhileThePreviousIsStillUncommitted() throws Exception {
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch secondWritten = new CountDownLatch(1);
        // The first batch's statement waits, after writing, until the second batch has been written: only
        // possible when the second is taken while the first is not committed yet.
        try (BatchCommitter<String> committer = new BatchCommitter<>(db.jdbi(), "test", (connection, batch) -> {
            insert(connection, batch);
            if (batch.contains("first")) {
                firstWritten.countDown();
            } else {
                secondWritten.countDown();
            }
            return write -> true;
        }, IllegalStateException::new, Duration.ZERO, 2)) {
            Thread first = Thread.ofVirtual().start(() -> committer.commit("first"));
            assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(committer.commit("second")).isTrue();
            assertThat(secondWritten.getCount()).isZero();
            first.join(Duration.ofSeconds(10));
            assertThat(first.isAlive()).isFalse();
            assertThat(visible("first")).isEqualTo(1);
            assertThat(visible("second")).isEqualTo(1);
            assertThat(committer.counts()).startsWith(2, 2);
            assertThat(committer.counts()[2]).as("statement time").isPositive();
            assertThat(committer.counts()[3]).as("commit time").isPositive();
        }
    }

    @Test
    void aWriteIsNotVisibleBeforeItsCommitAndAFailedOneLeavesNothing() {
        try (BatchCommitter<String> committer = new BatchCommitter<>(db.jdbi(), "test", (connection, batch) -> {
            insert(connection, batch);
            // Inside the batch's transaction: uncommitted, so no other connection sees it yet.
            for (String value : batch) {
                assertThat(visible(value)).isZero();
            }
            if (batch.contains("bad")) {
                throw new SQLException("refused on purpose, after writing");
            }
            return write -> true;
        }, IllegalStateException::new, Duration.ZERO)) {
            assertThat(committer.commit("good")).isTrue();
            assertThat(visible("good")).isEqualTo(1);
            assertThatThrownBy(() -> committer.commit("bad")).hasMessageContaining("refused on purpose");
            assertThat(visible("bad")).isZero();
            assertThat(committer.commit("after")).isTrue();
        }
    }

    @Test
    void theWritersConnectionGoesBackToThePoolCommittingOnItsOwn() {
        Handle writer = BatchCommitter.openWriterConnection(db.jdbi());
        try {
            assertThat(writer.isInTransaction()).isTrue();
        } finally {
            BatchCommitter.closeWriterConnection(writer);
        }
        for (int i = 0; i < 4; i++) { // every pooled connection, the writer's among them
            assertThat(db.jdbi().withHandle(Handle::isInTransaction)).isFalse();
        }
    }
}
