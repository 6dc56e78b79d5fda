package io.kessai.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a person runs it: {@code kessai up} in a process of its own (a
 * temporary data directory, any free ports), the first payment it prints pasted into {@code kessai
 * terminal pay}, Ctrl-C (SIGTERM), and a second start that finds the same data and takes a second payment.
 */
class UpCommandTest {
    static final Pattern FIRST_PAYMENT = Pattern.compile("(?m)^\\s*\\./kessai (terminal pay .*)$");
    static final Pattern DATABASE_PORT = Pattern.compile("database\\s+embedded PostgreSQL on port (\\d+)");
    static final Pattern PAYMENT_ID = Pattern.compile("APPROVED code=[A-Z0-9]{6} payment=(pay_[0-9a-z]{26})");

    @TempDir Path dir;

    @Test
    void upPrintsAFirstPaymentThatWorksAndASecondStartKeepsTheData() throws Exception {
        Path data = dir.resolve("kessai-data");
        String firstPayment;
        try (CenterProcess up = start(data, "up-1.log")) {
            String command = up.await(FIRST_PAYMENT);
            CliRun run = paste(command);
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("COMPLETED");
            Matcher id = PAYMENT_ID.matcher(run.out());
            assertThat(id.find()).isTrue();
            firstPayment = id.group(1);
            assertThat(up.stop()).as("exit code after SIGTERM").isIn(0, 130, 143);
            assertThat(up.output()).doesNotContain("kessai up: stopping"); // what stopAll prints when a part fails to stop
        }
        assertThat(data.resolve("readers").resolve("R-DEMO-1.reader")).exists();
        assertThat(data.resolve("center").resolve("tls").resolve("https.crt")).exists();

        try (CenterProcess again = start(data, "up-2.log")) {
            String command = again.await(FIRST_PAYMENT);
            Matcher port = DATABASE_PORT.matcher(again.output());
            assertThat(port.find()).as(again.output()).isTrue();
            try (Database database = Database.external("jdbc:postgresql://localhost:" + port.group(1) + "/postgres", "postgres", "", 1)) {
                String state = database.jdbi().withHandle(h -> h.createQuery("SELECT state FROM center.payments WHERE id = :id")
                        .bind("id", firstPayment).mapTo(String.class).one());
                assertThat(state).as("the first start's payment, kept").isEqualTo("COMPLETED");
                long merchants = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM center.merchant").mapTo(Long.class).one());
                assertThat(merchants).as("demo data not made twice").isEqualTo(1);
            }
            CliRun second = paste(command);
            assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
            assertThat(second.out()).doesNotContain(firstPayment);
            assertThat(again.stop()).isIn(0, 130, 143);
        }
    }

    private static CenterProcess start(Path data, String log) throws Exception {
        Files.createDirectories(data);
        return CenterProcess.start(data.getParent().resolve(log), Map.of("KESSAI_HTTP_HOST", "127.0.0.1"),
                "up", "--data", data.toString(), "--port", "0", "--issuer-ports", "0,0");
    }

    /** The printed command, split as a shell would (single quotes), run in-process without "./kessai". */
    private static CliRun paste(String command) {
        List<String> args = new ArrayList<>();
        Matcher token = Pattern.compile("'([^']*)'|(\\S+)").matcher(command);
        while (token.find()) {
            args.add(token.group(1) != null ? token.group(1) : token.group(2));
        }
        assertThat(args).contains("--reader", "--track2", "--center", "--center-cert");
        return CliRun.of(args.toArray(String[]::new));
    }
}
