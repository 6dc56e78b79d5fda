package io.kessai.center.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.center.http.ConfigValues;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool must leave room for reads next to every group commit's writers (ADR 0021): a smaller one is refused at start. */
class CenterSettingsPoolTest {
    @TempDir Path dir;

    private CenterSettings settings(String poolSize) {
        return CenterSettings.from(ConfigValues.of(Map.of("KESSAI_DATA_DIR", dir.toString(), "KESSAI_DB_POOL_SIZE", poolSize)));
    }

    @Test
    void aPoolTheWritersWouldFillIsRefusedWithTheRangeInTheMessage() {
        assertThatThrownBy(() -> settings(Integer.toString(CenterSettings.MIN_POOL - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KESSAI_DB_POOL_SIZE")
                .hasMessageContaining("from " + CenterSettings.MIN_POOL + " to 200");
    }

    @Test
    void theSmallestPoolThatLeavesRoomForReadsIsTaken() {
        assertThat(settings(Integer.toString(CenterSettings.MIN_POOL)).databasePoolSize()).isEqualTo(CenterSettings.MIN_POOL);
        assertThat(CenterSettings.MIN_POOL).isEqualTo(8); // four group commits' writer each, four for reads
    }
}
