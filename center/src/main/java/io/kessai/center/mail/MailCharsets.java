package io.kessai.center.mail;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

/**
 * The charset a mail part declares, as Java should decode it. Japanese phones label Windows-31J text
 * (with NEC and IBM extensions such as ① or ㈱) as Shift_JIS, and ISO-2022-JP text may hold the same
 * extensions: decoding with the strict JIS tables would turn them into U+FFFD, so the wider Microsoft
 * variants are used. An unknown or missing charset reads as UTF-8 (US-ASCII is a subset).
 */
final class MailCharsets {
    private static final Map<String, String> WIDER = Map.of(
            "shift_jis", "windows-31j",
            "shift-jis", "windows-31j",
            "sjis", "windows-31j",
            "x-sjis", "windows-31j",
            "cp932", "windows-31j",
            "iso-2022-jp", "x-windows-iso2022jp",
            "euc-jp", "x-eucjp-open");

    private MailCharsets() {}

    static Charset forName(String declared) {
        if (declared == null || declared.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String name = declared.strip().toLowerCase(Locale.ROOT);
        name = WIDER.getOrDefault(name, name);
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
