package io.kessai.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.Luhn;
import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.Mti;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kessai issuer}: argument errors, a bad accounts file, and a real run stopped by SIGTERM. */
class IssuerCommandTest {
    private static final String PAN = "411111000000001" + Luhn.checkDigit("411111000000001");
    private static final String ZPK = "tdes:0123456789ABCDEFFEDCBA9876543210";
    private static final Pattern LISTENING = Pattern.compile("listening: 127\\.0\\.0\\.1:(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 120;

    @TempDir Path dir;

    private Path accounts(String... lines) throws Exception {
        Path file = dir.resolve("accounts.csv");
        List<String> all = new ArrayList<>();
        all.add("pan,expiry,status,kind,limit_minor,currency,issuer_code,pin,fault");
        all.addAll(List.of(lines));
        Files.write(file, all);
        return file;
    }

    @Test
    void badArgumentsAreOneLineWithExitCode2() throws Exception {
        String data = dir.resolve("data").toString();
        String accounts = accounts(PAN + ",2812,active,credit,100000,392,ACME,,").toString();
        assertUsage(CliRun.of("issuer", "--accounts", accounts, "--data", data), "kessai issuer: --port: required (0 for any free port)");
        assertUsage(CliRun.of("issuer", "--port", "0", "--data", data), "kessai issuer: --accounts: required");
        assertUsage(CliRun.of("issuer", "--port", "70000", "--accounts", accounts), "--port: must be 0..65535, got 70000");
        assertUsage(CliRun.of("issuer", "--port", "0", "--accounts", accounts, "--zpk", "des:00"), "--zpk: must be tdes:HEX or aes:HEX");
        assertUsage(CliRun.of("issuer", "--port", "0", "--accounts", accounts, "--zpk", "tdes:0011"),
                "--zpk: must be 16 bytes of hex, got 2");
        assertUsage(CliRun.of("issuer", "--port", "0", "--accounts", accounts, "--length-header", "ascii2"),
                "--length-header: must be binary2, bcd2 or ascii4, got 'ascii2'");
        assertUsage(CliRun.of("issuer", "--port", "0", "--accounts", accounts, "--fault", "drop"), "--fault: traffic fault 'drop' needs a share");
        assertUsage(CliRun.of("issuer", "--port", "0", "--accounts", accounts, "--schema", "Bad-Name"), "--schema: schema name must be");
        assertUsage(CliRun.of("issuer", "--port", "0", "--accounts", accounts, "--db-user", "x"),
                "--db-user and --db-password go with --db-url");
        assertUsage(CliRun.of("issuer", "bench", "--window", "0"), "--window: must be 1..65536");
    }

    @Test
    void aBadAccountsFileNamesLineAndColumnAndStartsNothing() throws Exception {
        String accounts = accounts(PAN + ",2812,active,credit,100000,392,ACME,,",
                "4111111111111111,2812,active,platinum,100000,392,ACME,,").toString();
        CliRun run = CliRun.of("issuer", "--port", "0", "--accounts", accounts, "--data", dir.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).isEqualTo("kessai issuer: --accounts: " + accounts
                + " line 3, column 4 (kind): 'platinum' is not credit or debit");
    }

    @Test
    void runsUntilSigtermAndTotalsReadTheStoreWhileItRunsAndAfter() throws Exception {
        Path data = dir.resolve("data");
        String accounts = accounts(PAN + ",2812,active,credit,100000,JPY,ACME,,").toString();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process host = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Kessai.class.getName(),
                "issuer", "--port", "0", "--accounts", accounts, "--zpk", ZPK, "--data", data.toString())
                .redirectErrorStream(true).start();
        try {
            int port = awaitPort(host);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                IsoMessage answer = exchange(socket, authorization(1, 2_500));
                assertThat(answer.mti()).isEqualTo(Mti.AUTHORIZATION_RESPONSE);
                assertThat(answer.responseCode()).isEqualTo("00");
            }
            CliRun during = CliRun.of("issuer", "totals", "--data", data.toString());
            assertThat(during.exitCode()).as(during.err()).isZero();
            assertThat(during.out()).contains("schema: issuer", "392.authorizations.approved.count: 1",
                    "392.authorizations.approved.amount: 2500", "392.holds.open.amount: 2500");

            host.destroy(); // SIGTERM: the shutdown hook stops the host
            assertThat(host.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        } finally {
            host.destroyForcibly();
        }
        CliRun after = CliRun.of("issuer", "totals", "--data", data.toString());
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).contains("392.holds.open.count: 1", "392.holds.open.amount: 2500", "journal.entries: 1");
        CliRun otherSchema = CliRun.of("issuer", "totals", "--data", data.toString(), "--schema", "nobody");
        assertThat(otherSchema.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(otherSchema.err()).contains("no issuer store in schema nobody");
    }

    private static int awaitPort(Process host) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread.ofPlatform().daemon(true).start(() -> drain(out));
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("the issuer did not start:\n" + seen);
    }

    /** Keeps reading the host's output so it never blocks on a full pipe; ends when the process does. */
    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (java.io.IOException e) {
            // the process is gone
        }
    }

    private static IsoMessage authorization(int stan, long amountMinor) {
        return Dialects.kessai().newMessage(Mti.AUTHORIZATION_REQUEST)
                .set(DataElement.PAN, PAN)
                .set(DataElement.PROCESSING_CODE, "000000")
                .amountMinor(amountMinor)
                .set(DataElement.TRANSMISSION_DATE_TIME, "0115103000")
                .stan(stan)
                .set(DataElement.TERMINAL_ID, "TERM0001")
                .set(DataElement.CURRENCY_CODE_TRANSACTION, "392");
    }

    private static IsoMessage exchange(Socket socket, IsoMessage request) throws Exception {
        byte[] body = request.encode();
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {(byte) (body.length >>> Byte.SIZE), (byte) body.length});
        out.write(body);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] answer = new byte[in.readUnsignedShort()];
        in.readFully(answer);
        return Dialects.kessai().decode(answer, 0, answer.length);
    }

    private static void assertUsage(CliRun run, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(expected);
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
