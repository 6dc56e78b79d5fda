package io.kessai.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden messages, written field by field from the ISO 8583:1987 formats (REFERENCE §4.2) and the
 * Kessai choices, not from the encoder's output: each piece is commented with its DE and format.
 * The same message must encode to the golden and the golden decode to the same message, with the
 * bitmap as 16 hex characters and as 8 binary bytes.
 */
class GoldenMessageTest {
    /** The 111 bytes of {@link ExampleMessages#ICC_DATA}, as DE 55 carries them: 222 hex digits. */
    private static final String ICC_HEX = "9F2608C2C12B098F3DA6E3" + "9F270180"
            + "9F10120110A00003220000000000000000000000FF" + "9F3704BC1DF4A5" + "9F3602001C"
            + "950500000480009A032511219C0100" + "9F0206000000012800" + "5F2A020392" + "82021800"
            + "9F1A020392" + "9F3303E0F8C8" + "9F34034203009F3501228407A0000000031010";

    /** Fields a response echoes from its request in these examples. */
    private static String[] echoed(String stan, String dateTime, String time, String amount, String pan,
            String rrn) {
        return new String[] {pan, "000000", amount, dateTime, stan, time, "1121", "06" + "123456", rrn};
    }

    record Golden(String mti, String primaryBitmapHex, String secondaryBitmapHex, String... fields) {
        byte[] wire(BitmapEncoding encoding) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(ascii(mti));
            out.writeBytes(bitmap(primaryBitmapHex, encoding));
            if (secondaryBitmapHex != null) {
                out.writeBytes(bitmap(secondaryBitmapHex, encoding));
            }
            for (String field : fields) {
                out.writeBytes(ascii(field));
            }
            return out.toByteArray();
        }

        private static byte[] bitmap(String hex, BitmapEncoding encoding) {
            return encoding == BitmapEncoding.HEX ? ascii(hex) : Hex.decode(hex);
        }

        private static byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final String PAN = "16" + "4111111111111111"; // DE 2 LLVAR n..19
    private static final String TERMINAL_MERCHANT_CURRENCY_TAIL = "392"; // DE 49 an 3, JPY

    static final Map<String, Golden> GOLDENS = Map.ofEntries(
            Map.entry("0100 authorization request", new Golden("0100",
                    // 2 3 4 7 | 11 12 13 14 | 18 22 23 | 25 32 | 35 37 | 41 42 43 48 | 49 52 53 55
                    "723C468128E19A00", null,
                    PAN,
                    "000000", // DE 3 n 6 purchase
                    "000000012800", // DE 4 n 12, ¥12,800 (JPY has no minor digits)
                    "1121063000", // DE 7 n 10 MMDDhhmmss UTC
                    "000123", // DE 11 n 6
                    "153000", // DE 12 n 6 hhmmss JST
                    "1121", // DE 13 n 4 MMDD
                    "2812", // DE 14 n 4 YYMM
                    "5411", // DE 18 n 4 grocery
                    "051", // DE 22 n 3 chip, PIN capable
                    "001", // DE 23 n 3
                    "00", // DE 25 n 2
                    "06" + "123456", // DE 32 LLVAR n..11
                    "34" + "4111111111111111=28122011234500000", // DE 35 LLVAR z..37
                    "532506000123", // DE 37 an 12
                    "TERM0001", // DE 41 ans 8
                    "KESSAI000000001", // DE 42 ans 15
                    "KESSAI MART SHIBUYA      TOKYO        JP", // DE 43 ans 40
                    "012" + "01" + "02" + "61" + "02" + "02" + "03", // DE 48 LLLVAR: 支払区分 61, 3 installments
                    "392", // DE 49
                    "1B9C1845EB993A7A", // DE 52 b 8 as 16 hex digits
                    "00" + "01" + "0001" + "00000000", // DE 53 n 16: ISO-0, TDES, key 0001, reserved
                    "222" + ICC_HEX)), // DE 55 LLLVAR b..255, prefix counts hex digits
            Map.entry("0110 authorization response", new Golden("0110",
                    // 2 3 4 7 | 11 12 13 | - | 32 | 37 38 39 | 41 42 | 49
                    "723800010EC08000", null,
                    concat(echoed("000123", "1121063000", "153000", "000000012800", PAN, "532506000123"),
                            "A1B2C3", // DE 38 an 6
                            "00", // DE 39 an 2 approved
                            "TERM0001", "KESSAI000000001", TERMINAL_MERCHANT_CURRENCY_TAIL))),
            Map.entry("0200 financial request", new Golden("0200",
                    // 2 3 4 7 | 11 12 13 | 22 | 25 32 | 35 37 | 41 42 | 49 52 53
                    "7238048128C09800", null,
                    "16" + "5350290149345177", "000000", "000000003980", "1121063512", "000124", "153512", "1121",
                    "901", // DE 22 full magnetic stripe, PIN capable
                    "00", "06" + "123456",
                    "37" + "5350290149345177=16042010000056700100", // DE 35, 37 characters
                    "532506000124", "TERM0001", "KESSAI000000001", "392",
                    "1B9C1845EB993A7A", "0001000100000000")),
            Map.entry("0210 financial response", new Golden("0210",
                    "723800010AC08000", null,
                    concat(echoed("000124", "1121063512", "153512", "000000003980", "16" + "5350290149345177",
                                    "532506000124"),
                            "55", // DE 39 incorrect PIN: re-enter
                            "TERM0001", "KESSAI000000001", "392"))),
            Map.entry("0220 completion advice", new Golden("0220",
                    // 2 3 4 7 | 11 12 13 | - | 32 | 37 38 | 41 42 48 | 49
                    "723800010CC18000", null,
                    concat(echoed("000125", "1121063044", "153044", "000000012800", PAN, "532506000123"),
                            "A1B2C3", "TERM0001", "KESSAI000000001", "012" + "010261020203", "392"))),
            Map.entry("0230 completion advice response", new Golden("0230",
                    "723800010AC08000", null,
                    concat(echoed("000125", "1121063044", "153044", "000000012800", PAN, "532506000123"),
                            "00", "TERM0001", "KESSAI000000001", "392"))),
            Map.entry("0400 reversal request", reversalGolden("0400", false)),
            Map.entry("0410 reversal response", reversalGolden("0410", true)),
            Map.entry("0420 reversal advice", reversalGolden("0420", false)),
            Map.entry("0430 reversal advice response", reversalGolden("0430", true)),
            Map.entry("0800 sign-on", new Golden("0800",
                    "8220000000000000", "0400000000000000", // 1 7 | 11 ; 70
                    "1121060000", "000201", "001")),
            Map.entry("0810 sign-on response", new Golden("0810",
                    "8220000002000000", "0400000000000000", // 1 7 | 11 | 39 ; 70
                    "1121060000", "000201", "00", "001")),
            Map.entry("0800 sign-off", new Golden("0800",
                    "8220000000000000", "0400000000000000", "1121060000", "000202", "002")),
            Map.entry("0800 echo test", new Golden("0800",
                    "8220000000000000", "0400000000000000", "1121060000", "000203", "301")),
            Map.entry("0800 key change", new Golden("0800",
                    "8220000000000800", "0400000000000100", // 1 7 | 11 | 53 ; 70 | 120
                    "1121060000", "000204",
                    "04" + "02" + "0002" + "00000000", // DE 53: ISO-4, AES, new key index 0002
                    "101", // DE 70 key change
                    "112" + "D0112P0AE00E0000" + "0123456789ABCDEF".repeat(6)))); // DE 120 LLLVAR ans

    /** 0400/0420 and their responses: DE 39 only in the response, DE 90 names the 0100. */
    private static Golden reversalGolden(String mti, boolean response) {
        String[] head = echoed("000126", "1121063100", "153100", "000000012800", PAN, "532506000123");
        String[] tail = {"TERM0001", "KESSAI000000001", "392",
            "0100" + "000123" + "1121063000" + "00000123456" + "00000000000"}; // DE 90 n 42
        return new Golden(mti,
                response ? "F23800010AC08000" : "F238000108C08000", // 1 2 3 4 7 | 11 12 13 | 32 | 37 (39) | 41 42 | 49
                "0000004000000000", // 90
                response ? concat(concat(head, "00"), tail) : concat(head, tail));
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    static Stream<Arguments> cases() {
        return Stream.of(BitmapEncoding.values()).flatMap(encoding -> ExampleMessages
                .all(Dialects.kessai(encoding)).entrySet().stream()
                .map(example -> Arguments.of(encoding, example.getKey(), example.getValue())));
    }

    @ParameterizedTest(name = "{1}, {0} bitmap")
    @MethodSource("cases")
    void encodes_to_the_golden(BitmapEncoding encoding, String name, IsoMessage message) throws Exception {
        assertThat(GOLDENS).containsKey(name);
        byte[] golden = GOLDENS.get(name).wire(encoding);

        assertThat(Hex.encode(message.encode())).isEqualTo(Hex.encode(golden));
    }

    @ParameterizedTest(name = "{1}, {0} bitmap")
    @MethodSource("cases")
    void golden_decodes_to_the_message(BitmapEncoding encoding, String name, IsoMessage message) throws Exception {
        byte[] golden = GOLDENS.get(name).wire(encoding);

        IsoMessage decoded = Dialects.kessai(encoding).decode(golden);

        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.fieldNumbers()).isEqualTo(message.fieldNumbers());
        assertThat(Hex.encode(decoded.encode())).isEqualTo(Hex.encode(golden));
    }
}
