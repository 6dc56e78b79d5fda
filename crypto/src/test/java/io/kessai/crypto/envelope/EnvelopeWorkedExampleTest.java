package io.kessai.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.Hex;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.crypto.dukpt.AesDukpt;
import io.kessai.crypto.dukpt.AesKsn;
import io.kessai.crypto.dukpt.DukptKeyPurpose;
import io.kessai.crypto.pin.PinBlockFormat;
import io.kessai.crypto.pin.PinBlocks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/protocol/envelope.md, recomputed: with the X9.24-3 test BDK every key in it
 * is a published vector, and every hex line in the document must be what the code produces. If this
 * fails after a format change, update the document from the printed values.
 */
class EnvelopeWorkedExampleTest {
    static final String BDK = "FEDCBA9876543210F1F1F1F1F1F1F1F1";
    static final String KSN = "123456789012345600000001";

    static Map<String, String> example() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        byte[] ksn = Hex.decode(KSN);
        byte[] initialKey = AesDukpt.initialKey(Hex.decode(BDK), AesKsn.parse(ksn).initialKeyId());
        try (DukptSession session = DukptSessions.fromInitialKey(KeyScheme.AES128_DUKPT, initialKey, ksn)) {
            values.put("initial key", Hex.encode(initialKey));
            values.put("PIN key (1000)", Hex.encode(session.key(DukptKeyPurpose.PIN)));
            values.put("MAC key (2000)", Hex.encode(session.key(DukptKeyPurpose.MAC)));
            values.put("data key (3000)", Hex.encode(session.key(DukptKeyPurpose.DATA)));
            values.put("response MAC key (2001)", Hex.encode(session.key(DukptKeyPurpose.MAC_RESPONSE)));

            byte[] pinBlock = PinBlocks.encipherIso4(session.key(DukptKeyPurpose.PIN), "1234".toCharArray(),
                    "4111111111111111", Hex.decode("2F69ADDE2E9E7ACE"));
            values.put("PIN block (ISO 4)", Hex.encode(pinBlock));
            CardSettlementInformation info = new CardSettlementInformation(
                    TrackRead.of(Track2.parse("4111111111111111=30121010000012345678"), Optional.empty()),
                    1000, Currency.getInstance("JPY"),
                    Optional.of(new EncryptedPinBlock(PinBlockFormat.ISO_4, pinBlock)),
                    "M-000000000001", "T0000001", "R-0001", LocalDateTime.of(2026, 11, 21, 10, 15, 30), 1);
            byte[] plaintext = SettlementCodec.encode(info);
            values.put("plaintext", Hex.encode(plaintext));
            SealedEnvelope envelope = EnvelopeCrypto.seal(session, plaintext);
            values.put("envelope", Hex.encode(envelope.toBytes()));
            values.put("armored", envelope.toArmored());

            PaymentResult approved = new PaymentResult(PaymentOutcome.APPROVED, "00", Optional.of("A1B2C3"), "",
                    "pay_0001", 1000, "JPY");
            byte[] body = ResultCodec.encode(approved);
            values.put("result body", Hex.encode(body));
            values.put("result", Hex.encode(EnvelopeCrypto.sealResult(session, body).toBytes()));
        }
        return values;
    }

    @Test
    void theDocumentShowsWhatTheCodeProduces() throws Exception {
        Map<String, String> values = example();
        // Published X9.24-3 values: if these change, the derivation broke, not the document.
        assertThat(values.get("PIN key (1000)")).isEqualTo("AF8CB133A78F8DC2D1359F18527593FB");
        assertThat(values.get("MAC key (2000)")).isEqualTo("A2DC23DE6FDE0824A2BC321E08E4B8B7");
        assertThat(values.get("data key (3000)")).isEqualTo("A35C412EFD41FDB98B69797C02DCD08F");
        assertThat(values.get("PIN block (ISO 4)")).isEqualTo("A912150391AB65A67E52883D81CE2D15");

        String document = Files.readString(Path.of("..", "docs", "protocol", "envelope.md"), StandardCharsets.UTF_8);
        String flattened = document.replaceAll("[ \\t]*\\n[ \\t]*", "\n");
        for (Map.Entry<String, String> value : values.entrySet()) {
            String expected = value.getKey().equals("armored") ? value.getValue() : wrap(value.getValue());
            assertThat(flattened).as("docs/protocol/envelope.md shows the %s:%n%s", value.getKey(), expected).contains(expected);
        }
    }

    /** Long hex is shown in lines of 64 digits in the document. */
    static String wrap(String hex) {
        StringBuilder out = new StringBuilder();
        for (int at = 0; at < hex.length(); at += 64) {
            if (at > 0) {
                out.append('\n');
            }
            out.append(hex, at, Math.min(hex.length(), at + 64));
        }
        return out.toString();
    }

    public static void main(String[] args) throws Exception {
        for (Map.Entry<String, String> value : example().entrySet()) {
            System.out.println("== " + value.getKey());
            System.out.println(value.getKey().equals("armored") ? value.getValue() : wrap(value.getValue()));
        }
    }
}
