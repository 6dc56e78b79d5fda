package io.kessai.center.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.db.Database;
import java.nio.file.Path;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch writer's connection prices sequential scans out (see {@link BatchCommitter#openWriterConnection}):
 * that the generic plan of a statement first run on an empty journal was a sequential scan was seen with
 * auto_explain under load. Tested here: the writer's setting, the plan it gives a batch-style join to a
 * table planned while empty, and the connection handed back clean.
 */
class BatchCommitterConnectionTest {
    @TempDir Path dir;

    @Test
    void theWritersConnectionLooksRowsUpByKeyAndGoesBackToThePoolAsItCame() {
        try (Database db = Database.embedded(dir.resolve("pg"), 0, 1)) {
            Handle writer = BatchCommitter.openWriterConnection(db.jdbi());
            try {
                assertThat(writer.createQuery("SHOW enable_seqscan").mapTo(String.class).one()).isEqualTo("off");
                writer.execute("CREATE TABLE t (id text PRIMARY KEY, state text NOT NULL)"); // empty, never analyzed
                String plan = String.join("\n", writer.createQuery("EXPLAIN UPDATE t SET state = v.state"
                        + " FROM unnest(ARRAY['a','b'], ARRAY['x','y']) AS v(id, state) WHERE t.id = v.id").mapTo(String.class).list());
                assertThat(plan).contains("Index Scan using t_pkey").doesNotContain("Seq Scan");
            } finally {
                BatchCommitter.closeWriterConnection(writer);
            }
            // The pool has one connection: the writer's, back with the server's default.
            String afterwards = db.jdbi().withHandle(h -> h.createQuery("SHOW enable_seqscan").mapTo(String.class).one());
            assertThat(afterwards).isEqualTo("on");
        }
    }
}
