package io.kessai.issuer;

import io.kessai.card.Hex;
import io.kessai.card.Luhn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The test card base: one card per situation, written to an accounts file. "Today" in these tests is
 * 2026-01-15 (see {@link IssuerTestBase#TODAY}), so expiry 2512 is expired and 2812 is good.
 */
final class TestCards {
    /** TDES zone PIN key shared by the test "center" and the issuer (clear: test data only). */
    static final byte[] ZPK = Hex.decode("0123456789ABCDEFFEDCBA9876543210");
    static final String ZPK_OPTION = "tdes:0123456789ABCDEFFEDCBA9876543210";
    static final String JPY = "392";

    static final String CREDIT = pan("411111000000001");
    static final String CREDIT_WITH_PIN = pan("411111000000002");
    static final String DEBIT = pan("411111000000003");
    static final String LOST = pan("411111000000004");
    static final String STOLEN = pan("411111000000005");
    static final String BLOCKED = pan("411111000000006");
    static final String EXPIRED = pan("411111000000007");
    static final String SMALL_LIMIT = pan("411111000000008");
    static final String DELAYED = pan("411111000000009");
    static final String DROPPED = pan("411111000000010");
    static final String CLOSING = pan("411111000000011");
    static final String GARBLED = pan("411111000000012");
    static final String NOT_ON_FILE = pan("411111000000099");

    /** PINs chosen to appear nowhere else (amounts, STANs), so a scan for them means something. */
    static final String CREDIT_PIN = "918273";
    static final String DEBIT_PIN = "564738";
    static final long DELAY_MILLIS = 700;

    private TestCards() {}

    static String pan(String fifteenDigits) {
        return fifteenDigits + Luhn.checkDigit(fifteenDigits);
    }

    static List<String> pans() {
        return List.of(CREDIT, CREDIT_WITH_PIN, DEBIT, LOST, STOLEN, BLOCKED, EXPIRED, SMALL_LIMIT, DELAYED, DROPPED,
                CLOSING, GARBLED);
    }

    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("pan,expiry,status,kind,limit_minor,currency,issuer_code,pin,fault");
        lines.add(CREDIT + ",2812,active,credit,100000,JPY,ACME,,");
        lines.add(CREDIT_WITH_PIN + ",2812,active,credit,100000,JPY,ACME," + CREDIT_PIN + ",");
        lines.add(DEBIT + ",2812,active,debit,50000,392,ACME," + DEBIT_PIN + ",");
        lines.add(LOST + ",2812,lost,credit,100000,392,ACME,,");
        lines.add(STOLEN + ",2812,stolen,credit,100000,392,ACME,,");
        lines.add(BLOCKED + ",2812,blocked,credit,100000,392,ACME,,");
        lines.add(EXPIRED + ",2512,active,credit,100000,392,ACME,,");
        lines.add(SMALL_LIMIT + ",2812,active,credit,3000,392,ACME,,");
        lines.add(DELAYED + ",2812,active,credit,100000,392,ACME,,delay:" + DELAY_MILLIS);
        lines.add(DROPPED + ",2812,active,credit,100000,392,ACME,,drop");
        lines.add(CLOSING + ",2812,active,credit,100000,392,ACME,,close");
        lines.add(GARBLED + ",2812,active,credit,100000,392,ACME,,garbage");
        return lines;
    }

    static Path write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
        return file;
    }
}
