package io.kessai.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kessai.app.ExitCodes;
import io.kessai.app.UsageException;
import io.kessai.phone.CenterTrust;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kessai pos pay}: a shop counter's POS (seed 001 Fig. 5) on the command line. It sends the code
 * the customer's phone shows with the merchant ID and amount, follows the payment while the customer
 * approves on the phone, and saves the slip.
 */
@Command(name = "pos", mixinStandardHelpOptions = true, description = "A shop's POS for wallet payments (the phone is the card).",
        subcommands = PosCommand.Pay.class)
public final class PosCommand {
    static final Set<String> FINISHED = Set.of("completed", "cancelled", "expired", "refunded");
    static final long POLL_MILLIS = 1_000;

    @Command(name = "pay", mixinStandardHelpOptions = true,
            description = {"Asks the customer's phone for a payment: prints each state, then COMPLETED payment=… card=… approval=…",
                "Exit code 0 when completed, 1 when cancelled or expired."})
    static final class Pay implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--merchant", required = true, paramLabel = "ID", description = "The merchant ID (DE 42).") String merchantId;
        @Option(names = "--key", required = true, paramLabel = "sk_…", description = "The shop's API key.") String apiKey;
        @Option(names = "--code", required = true, paramLabel = "CODE", description = "The 12 digits or the QR content the phone shows.")
        String code;
        @Option(names = "--amount", paramLabel = "N", description = "Minor units (JPY: yen); leave out to let the customer choose items.")
        Long amount;
        @Option(names = "--terminal", paramLabel = "ID", description = "The terminal ID (DE 41, 8 characters).") String terminalId;
        @Option(names = "--center", defaultValue = "https://localhost:8443", paramLabel = "URL") URI center;
        @Option(names = "--center-cert", paramLabel = "PEM",
                description = "Trust exactly this certificate (default: kessai-data/center/tls/https.crt when it exists).") Path certificate;
        @Option(names = "--slip", paramLabel = "FILE", description = "Where to save the slip (PDF) when the payment completes.") Path slip;
        @Option(names = "--timeout-seconds", defaultValue = "900", paramLabel = "S") int timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper json = new ObjectMapper();
            HttpClient http = HttpClient.newBuilder().sslContext(trust()).connectTimeout(Duration.ofSeconds(10)).build();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("merchantId", merchantId);
            body.put("code", code);
            if (amount != null) {
                body.put("amountMinor", amount);
            }
            if (terminalId != null) {
                body.put("terminalId", terminalId);
            }
            HttpResponse<String> created = http.send(request("/v1/pos/requests").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode payment = json.readTree(created.body());
            if (created.statusCode() != 201) {
                JsonNode error = payment.path("error");
                out.println("REFUSED " + error.path("code").asText() + ": " + error.path("message").asText());
                return ExitCodes.REFUSED;
            }
            String id = payment.get("id").asText();
            String last = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            while (true) {
                String state = payment.get("state").asText();
                if (!state.equals(last)) {
                    out.println(state.toUpperCase(java.util.Locale.ROOT) + " payment=" + id);
                    out.flush();
                    last = state;
                }
                if (FINISHED.contains(state) || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(POLL_MILLIS);
                payment = json.readTree(http.send(request("/v1/pos/requests/" + id).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            }
            if (!payment.get("state").asText().equals("completed")) {
                return ExitCodes.REFUSED;
            }
            out.println("COMPLETED payment=" + id + " amount=" + payment.get("amountMinor").asLong() + " " + payment.get("currency").asText()
                    + " card=" + payment.get("card").asText() + " approval=" + payment.get("approvalCode").asText());
            if (slip != null) {
                HttpResponse<byte[]> pdf = http.send(request("/v1/pos/requests/" + id + "/slip.pdf").GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                Files.write(slip, pdf.body());
                out.println("slip saved to " + slip);
            }
            return ExitCodes.OK;
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(center.resolve(path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + apiKey);
        }

        private SSLContext trust() throws Exception {
            Path pem = certificate;
            if (pem == null && Files.isRegularFile(TerminalCommand.DEFAULT_CENTER_CERTIFICATE)) {
                pem = TerminalCommand.DEFAULT_CENTER_CERTIFICATE;
            }
            if (pem == null) {
                return CenterTrust.system();
            }
            if (!Files.isRegularFile(pem)) {
                throw new UsageException("--center-cert: " + pem + " is not a file");
            }
            return CenterTrust.pinned(pem);
        }
    }
}
