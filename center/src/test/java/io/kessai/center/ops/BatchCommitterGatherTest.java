package io.kessai.center.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small batch waits up to the gather time for more writes, so they share one commit. */
class BatchCommitterGatherTest {
    @TempDir static Path dir;
    static Database db;

    @BeforeAll
    static void start() {
        db = Database.embedded(dir.resolve("pg"), 0, 2);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static BatchCommitter<String> committer(List<List<String>> batches, Duration gather) {
        return new BatchCommitter<>(db.jdbi(), "test", (connection, batch) -> {
            batches.add(List.copyOf(batch));
            return write -> true;
        }, IllegalStateException::new, gather);
    }

    @Test
    void aWriteArrivingWithinTheGatherTimeSharesTheCommit() throws Exception {
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        try (BatchCommitter<String> committer = committer(batches, Duration.ofSeconds(2))) {
            Thread first = Thread.ofVirtual().start(() -> committer.commit("a"));
            Thread.sleep(200); // well inside the gather time, well after "a" was taken
            assertThat(committer.commit("b")).isTrue();
            first.join();
        }
        assertThat(batches).containsExactly(List.of("a", "b"));
    }

    @Test
    void withoutGatheringEachWriteIsCommittedAsSoonAsItIsTaken() throws Exception {
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        try (BatchCommitter<String> committer = committer(batches, Duration.ZERO)) {
            assertThat(committer.commit("a")).isTrue();
            assertThat(committer.commit("b")).isTrue();
        }
        assertThat(batches).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void aNegativeGatherTimeIsRefused() {
        assertThatThrownBy(() -> committer(new CopyOnWriteArrayList<>(), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
