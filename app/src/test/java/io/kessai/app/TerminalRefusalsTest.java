package io.kessai.app;

import static io.kessai.app.EndToEndWorld.APPROVES;
import static io.kessai.app.EndToEndWorld.NO_ROUTE;
import static io.kessai.app.EndToEndWorld.LOW_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.center.journal.PaymentState;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.phone.CenterAnswer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The terminal API's refusals over real HTTPS (issue 4 §4): each gets its stable error code, and none
 * changes anything — no journal row or event, no advice, no message to either card company.
 */
@ExtendWith(EndToEndWorld.Use.class)
class TerminalRefusalsTest {
    static final String ENVELOPES = "/v1/terminal/envelopes";
    static final String ENVELOPE_TYPE = "application/vnd.kessai.envelope";
    static EndToEndWorld world;
    static HttpsProbe probe;

    @BeforeAll
    static void world() throws Exception {
        world = EndToEndWorld.get();
        probe = world.probe();
    }

    /** Sends, checks status and code, and that nothing anywhere changed. */
    static HttpsProbe.Answer refused(String path, String contentType, byte[] body, int status, String code) throws Exception {
        Map<String, Long> before = world.journalCounts();
        HttpsProbe.Answer answer = probe.post(path, contentType, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.errorCode()).as(answer.body()).isEqualTo(code);
        assertThat(answer.json().path("error").path("message").asText()).isNotBlank();
        assertThat(world.journalCounts()).as("nothing changed after " + code).isEqualTo(before);
        return answer;
    }

    static void refusedEnvelope(SealedEnvelope envelope, int status, String code) throws Exception {
        refused(ENVELOPES, ENVELOPE_TYPE, envelope.toBytes(), status, code);
    }

    @Test
    void anUnknownReaderIsRefused() throws Exception {
        refusedEnvelope(EndToEndWorld.seal(world.unregisteredReader, APPROVES, 100, null), 403, "unknown_reader");
    }

    @Test
    void aDisabledReaderIsRefused() throws Exception {
        refusedEnvelope(EndToEndWorld.seal(world.disabledReader, APPROVES, 100, null), 403, "reader_disabled");
    }

    @Test
    void aSuspendedMerchantsReaderIsRefused() throws Exception {
        refusedEnvelope(EndToEndWorld.seal(world.suspendedMerchantReader, APPROVES, 100, null), 403, "merchant_disabled");
    }

    @Test
    void aTamperedEnvelopeFailsItsMac() throws Exception {
        byte[] bytes = EndToEndWorld.seal(world.reader, APPROVES, 100, null).toBytes();
        int ciphertextOffset = 5 + 12 + 2; // magic, version, scheme, KSN length, 12-byte AES KSN, body length
        bytes[ciphertextOffset + 5] ^= 0x01;
        refused(ENVELOPES, ENVELOPE_TYPE, bytes, 403, "envelope_mac_mismatch");
        byte[] macFlipped = EndToEndWorld.seal(world.reader, APPROVES, 100, null).toBytes();
        macFlipped[macFlipped.length - 1] ^= (byte) 0x80;
        refused(ENVELOPES, ENVELOPE_TYPE, macFlipped, 403, "envelope_mac_mismatch");
    }

    @Test
    void anotherEnvelopeWithAUsedKsnIsAReplay() throws Exception {
        // Two envelopes under the same KSN: a copy of the reader's key file, so its counter does not move on.
        Path copy = Files.copy(world.reader, world.dir.resolve("R-E2E-1-copy.reader"), StandardCopyOption.REPLACE_EXISTING);
        SealedEnvelope first = EndToEndWorld.seal(world.reader, NO_ROUTE, 100, null);
        SealedEnvelope replay = EndToEndWorld.seal(copy, NO_ROUTE, 999_999, null);
        assertThat(replay.ksnHex()).isEqualTo(first.ksnHex());
        assertThat(world.phone().send(first).outcome()).isEqualTo("declined");
        refusedEnvelope(replay, 409, "ksn_replayed");
        Files.delete(copy);
    }

    @Test
    void aBodyThatIsNoEnvelopeIsMalformed() throws Exception {
        refused(ENVELOPES, ENVELOPE_TYPE, new byte[0], 400, "envelope_malformed");
        refused(ENVELOPES, ENVELOPE_TYPE, "not an envelope".getBytes(StandardCharsets.US_ASCII), 400, "envelope_malformed");
        String armored = EndToEndWorld.seal(world.reader, APPROVES, 100, null).toArmored();
        String[] lines = armored.split("\n");
        char first = lines[1].charAt(0);
        lines[1] = (first == 'A' ? 'B' : 'A') + lines[1].substring(1); // the CRC-24 line no longer matches
        refused(ENVELOPES, "text/plain", String.join("\n", lines).getBytes(StandardCharsets.US_ASCII), 400, "envelope_malformed");
        refused(ENVELOPES, "text/plain", "-----BEGIN KESSAI ENVELOPE-----\n!!!!\n-----END KESSAI ENVELOPE-----\n"
                .getBytes(StandardCharsets.US_ASCII), 400, "envelope_malformed");
    }

    static String itemsPath(String paymentId) {
        return "/v1/terminal/payments/" + paymentId + "/additional-items";
    }

    static HttpsProbe.Answer answers(String paymentId, String json, int status, String code) throws Exception {
        return refused(itemsPath(paymentId), "application/json", json.getBytes(StandardCharsets.UTF_8), status, code);
    }

    @Test
    void additionalItemsForAnUnknownOrUnapprovedPaymentAreRefused() throws Exception {
        answers("pay_00000000000000000000000000", "{\"payment_method\":\"10\",\"table_number\":\"1\"}", 404, "payment_not_found");
        CenterAnswer declined = world.phone().send(EndToEndWorld.seal(world.reader, LOW_LIMIT, 90_000, null));
        assertThat(declined.outcome()).isEqualTo("declined");
        answers(declined.paymentId(), "{\"payment_method\":\"10\",\"table_number\":\"1\"}", 409, "payment_not_awaiting_items");
    }

    @Test
    void badAnswersAreRefusedAndTheRightOnesThenComplete() throws Exception {
        CenterAnswer approved = world.phone().send(EndToEndWorld.seal(world.reader, APPROVES, 150, null));
        assertThat(approved.outcome()).isEqualTo("approved");
        String id = approved.paymentId();
        assertThat(answers(id, "{\"payment_method\":\"10\"}", 422, "invalid_items").errorField()).isEqualTo("table_number");
        assertThat(answers(id, "{\"payment_method\":\"10\",\"table_number\":\"1a\"}", 422, "invalid_items").errorField())
                .isEqualTo("table_number");
        assertThat(answers(id, "{\"payment_method\":\"99\",\"table_number\":\"1\"}", 422, "invalid_items").errorField())
                .isEqualTo("payment_method");
        assertThat(answers(id, "{\"payment_method\":\"10\",\"table_number\":\"1\",\"customer_email\":\"4111111111111111@x.jp\"}",
                422, "invalid_items").body()).doesNotContain(APPROVES);
        assertThat(answers(id, "{\"payment_method\":\"10\",\"table_number\":\"1\",\"colour\":\"red\"}", 400, "unknown_field")
                .errorField()).isEqualTo("colour");
        assertThat(answers(id, "{\"payment_method\":\"10\",\"table_number\":{\"n\":1}}", 400, "invalid_field").errorField())
                .isEqualTo("table_number");
        answers(id, "{\"payment_method\":\"10\",", 400, "malformed_json");
        answers(id, "", 400, "malformed_json");
        answers(id, "[\"10\"]", 400, "malformed_json");
        answers(id, "{\"payment_method\":\"10\",\"payment_method\":\"61\"}", 400, "malformed_json");
        refused(itemsPath(id), "text/plain", "payment_method=10".getBytes(StandardCharsets.US_ASCII), 415, "unsupported_media_type");
        assertThat(world.center.journal().find(id).orElseThrow().state()).isEqualTo(PaymentState.ADDITIONAL_ITEMS_REQUESTED);

        world.phone().answer(id, Map.of("payment_method", "10", "table_number", "12")); // 200 or 202: stored either way
        assertThat(world.center.journal().find(id).orElseThrow().state()).isEqualTo(PaymentState.COMPLETED);
    }
}
