package io.kessai.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir Path dir;

    @Test
    void embeddedKeepsItsDataAcrossRestarts() {
        Path data = dir.resolve("pg");
        try (Database db = Database.embedded(data, 0, 2)) {
            db.migrate("dbtest", "classpath:db/dbtest");
            db.jdbi().useHandle(h -> h.execute("UPDATE dbtest.counter SET value = value + 41"));
            assertThat(db.description()).contains("embedded PostgreSQL").contains(data.toString());
        }
        try (Database db = Database.embedded(data, 0, 2)) {
            db.migrate("dbtest", "classpath:db/dbtest");
            long value = db.jdbi().withHandle(h -> h.createQuery("SELECT value FROM dbtest.counter").mapTo(Long.class).one());
            assertThat(value).isEqualTo(41);
        }
    }

    @Test
    void anUnreachableServerIsNamedWithoutItsPassword() {
        assertThatThrownBy(() -> Database.external("jdbc:postgresql://127.0.0.1:1/kessai?password=secret", "kessai", "secret", 1))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/kessai?password=***")
                .hasMessageNotContaining("secret");
    }
}
