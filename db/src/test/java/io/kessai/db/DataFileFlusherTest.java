package io.kessai.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFileFlusherTest {
    @TempDir Path dir;
    private final List<Path> flushed = new ArrayList<>();

    private DataFileFlusher flusher(Path root) {
        return new DataFileFlusher(root, file -> {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            flushed.add(dir.relativize(file));
        });
    }

    @Test
    void aPassFlushesTheFilesThatChangedSinceTheLastOneAndNoOthers() throws IOException {
        Path base = Files.createDirectories(dir.resolve("base/5"));
        Path table = Files.write(base.resolve("16384"), new byte[8192]);
        Path index = Files.write(base.resolve("16390"), new byte[8192]);
        DataFileFlusher flusher = flusher(dir.resolve("base"));

        assertThat(flusher.pass()).isEqualTo(2);
        assertThat(flushed).containsExactlyInAnyOrder(Path.of("base/5/16384"), Path.of("base/5/16390"));

        flushed.clear();
        assertThat(flusher.pass()).isZero();

        // The table grows by a page (a new size), the index is rewritten in place (a new time only).
        Files.write(table, new byte[16384]);
        Files.setLastModifiedTime(index, FileTime.from(Instant.now().plusSeconds(1)));
        Path newFile = Files.write(base.resolve("16400"), new byte[8192]);
        assertThat(flusher.pass()).isEqualTo(3);
        assertThat(flushed).containsExactlyInAnyOrder(Path.of("base/5/16384"), Path.of("base/5/16390"), dir.relativize(newFile));
        assertThat(flusher.flushedFiles()).isEqualTo(5);
    }

    @Test
    void aFileDroppedBeforeItsFlushAndAMissingDirectoryAreNoError() throws IOException {
        assertThat(flusher(dir.resolve("not-yet")).pass()).isZero();

        Path base = Files.createDirectories(dir.resolve("base/5"));
        Path dropped = Files.write(base.resolve("16384"), new byte[8192]);
        DataFileFlusher flusher = new DataFileFlusher(dir.resolve("base"), file -> {
            Files.delete(file);
            throw new NoSuchFileException(file.toString());
        });
        assertThat(flusher.pass()).isZero();
        assertThat(dropped).doesNotExist();
    }

    @Test
    void theEmbeddedServerFlushesItsFilesWhileItRuns() throws Exception {
        try (Database db = Database.embedded(dir.resolve("pg"), 0, 2)) {
            db.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE grows (id bigint PRIMARY KEY, filler text)");
                h.execute("INSERT INTO grows SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g");
            });
            long deadline = System.nanoTime() + 10 * DataFileFlusher.PERIOD_MILLIS * 1_000_000L;
            while (db.flushedDataFiles() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(DataFileFlusher.PERIOD_MILLIS / 10);
            }
            assertThat(db.flushedDataFiles()).isPositive();
        }
    }
}
