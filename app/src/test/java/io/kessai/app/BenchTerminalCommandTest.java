package io.kessai.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kessai bench terminal} end to end for two seconds: its own PostgreSQL, two card companies over
 * TCP, the center on HTTPS, pre-sealed envelopes. Asserts what came back, never how fast.
 */
class BenchTerminalCommandTest {
    @TempDir Path temp;

    @Test
    void aShortRunApprovesEveryPaymentThroughTheWholeStack() throws Exception {
        Path data = temp.resolve("run");
        CliRun run = CliRun.of("bench", "terminal", "--rate", "50", "--duration", "2", "--warmup", "1", "--readers", "3",
                "--cards", "5", "--concurrency", "8", "--data", data.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("sealing 150 envelopes", "durability: embedded PostgreSQL, fsync on, synchronous_commit on",
                "scheduled: 100", "completed: 100", "approved: 100", "declined: 0", "error: 0")
                .containsPattern("\\[ {3}1s\\] (warm-up|measure)")
                .containsPattern("latency-p99-ms: \\d+\\.\\d\\d")
                .containsPattern("approved-per-second: \\d+\\.\\d")
                .containsPattern("journal-writes-per-commit: \\d+\\.\\d");
        // The run's data stays where it was asked to be: the payments are in the center's journal log.
        assertThat(data.resolve("kessai.log")).exists();
        assertThat(Files.readString(data.resolve("kessai.log"))).contains("POST /v1/terminal/envelopes -> 200");
    }

    @Test
    void badArgumentsAreNamed() {
        CliRun rate = CliRun.of("bench", "terminal", "--rate", "0");
        assertThat(rate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(rate.err()).contains("--rate: must be 1..1000000, got 0");
        CliRun readers = CliRun.of("bench", "terminal", "--readers", "0");
        assertThat(readers.err()).contains("--readers: must be 1..10000, got 0");
    }

    @Test
    void refusesToRunInADirectoryThatExists() {
        Path existing = temp;
        CliRun run = CliRun.of("bench", "terminal", "--data", existing.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--data: " + existing + " exists already");
    }
}
