package io.kessai.center.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.db.Database;
import java.nio.file.Path;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch writer's connection plans each batch for the table as it is (see
 * {@link BatchCommitter#openWriterConnection}); that the generic plan of a statement first run on an empty
 * journal was a sequential scan was seen with auto_explain under load, and a custom plan's choice is
 * PostgreSQL's own: what is tested here is that the writer asks for it, and hands the connection back clean.
 */
class BatchCommitterConnectionTest {
    @TempDir Path dir;

    @Test
    void theWritersConnectionPlansEveryBatchAndGoesBackToThePoolAsItCame() {
        try (Database db = Database.embedded(dir.resolve("pg"), 0, 1)) {
            Handle writer = BatchCommitter.openWriterConnection(db.jdbi());
            try {
                assertThat(writer.createQuery("SHOW plan_cache_mode").mapTo(String.class).one()).isEqualTo("force_custom_plan");
            } finally {
                BatchCommitter.closeWriterConnection(writer);
            }
            // The pool has one connection: the writer's, back with the server's default.
            String afterwards = db.jdbi().withHandle(h -> h.createQuery("SHOW plan_cache_mode").mapTo(String.class).one());
            assertThat(afterwards).isEqualTo("auto");
        }
    }
}
