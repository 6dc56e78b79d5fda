package io.kessai.center.mail;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML mail bodies as plain text, just enough to find an armored envelope or a {@code key: value}
 * answer in them: block ends become line breaks, tags go, the common entities are decoded. Phones that
 * send HTML only wrap each line in {@code <div>} or end it with {@code <br>}.
 */
final class HtmlText {
    private static final Pattern SKIPPED = Pattern.compile("(?is)<(style|script|head)\\b.*?</\\1\\s*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|blockquote|pre)\\s*>");
    private static final Pattern BLOCKQUOTE = Pattern.compile("(?i)<blockquote\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern NUMERIC = Pattern.compile("&#(x[0-9A-Fa-f]{1,6}|[0-9]{1,7});");
    private static final Map<String, String> NAMED = Map.of("&nbsp;", " ", "&lt;", "<", "&gt;", ">", "&quot;", "\"", "&#39;", "'",
            "&apos;", "'");
    private static final int MAX_CODE_POINT = 0x10FFFF;

    private HtmlText() {}

    static String toText(String html) {
        String text = SKIPPED.matcher(html).replaceAll("");
        // Line breaks in the source mean nothing in HTML; the tags say where lines end.
        text = text.replace("\r", "").replace("\n", "");
        text = BLOCKQUOTE.matcher(text).replaceAll("\n> ");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        for (Map.Entry<String, String> entity : NAMED.entrySet()) {
            text = text.replace(entity.getKey(), entity.getValue());
        }
        text = decodeNumeric(text);
        return text.replace("&amp;", "&");
    }

    private static String decodeNumeric(String text) {
        Matcher m = NUMERIC.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String digits = m.group(1);
            int codePoint = digits.startsWith("x") ? Integer.parseInt(digits.substring(1), 16) : Integer.parseInt(digits);
            String replacement = codePoint > 0 && codePoint <= MAX_CODE_POINT && !Character.isSurrogate((char) codePoint)
                    ? new String(Character.toChars(codePoint)) : "\uFFFD";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
