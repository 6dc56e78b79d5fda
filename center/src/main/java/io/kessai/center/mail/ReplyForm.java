package io.kessai.center.mail;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The answers in a reply to the additional-items request: {@code key: value} lines (a full-width colon
 * as Japanese input methods type it counts too), for the keys the center asked. Phones quote the request
 * and fill in the form inside the quote, or write above it; the least-quoted non-empty answer wins, so
 * the unfilled form in the quoted request never overrides what the person wrote. Everything after a
 * signature delimiter ({@code -- }) of the person's own text is ignored.
 */
public final class ReplyForm {
    static final int MAX_LINES = 2_000;
    private static final int NOT_SEEN = Integer.MAX_VALUE;

    private ReplyForm() {}

    public static Map<String, String> answers(String text, Set<String> keys) throws MailFormatException {
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, Integer> depthOf = new LinkedHashMap<>();
        String[] lines = text.split("\r\n|\n|\r", MAX_LINES + 1);
        boolean inSignature = false;
        for (int i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
            String line = lines[i];
            int depth = 0;
            String rest = line;
            while (true) {
                String stripped = rest.stripLeading();
                if (stripped.startsWith(">") || stripped.startsWith("＞")) {
                    depth++;
                    rest = stripped.substring(1);
                } else {
                    rest = stripped;
                    break;
                }
            }
            if (depth == 0 && (line.equals("-- ") || line.equals("--"))) {
                inSignature = true;
            }
            if (depth == 0 && inSignature) {
                continue;
            }
            int colon = colon(rest);
            if (colon <= 0) {
                continue;
            }
            String key = rest.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = rest.substring(colon + 1).strip();
            if (!keys.contains(key) || value.isEmpty()) {
                continue;
            }
            if (depth < depthOf.getOrDefault(key, NOT_SEEN)) {
                depthOf.put(key, depth);
                answers.put(key, value);
            }
        }
        if (answers.isEmpty()) {
            throw new MailFormatException(MailFormatException.Code.NO_ANSWERS,
                    "the reply holds no answers: write one line per item, such as 'payment_method: 10', for " + keys);
        }
        return answers;
    }

    private static int colon(String line) {
        int ascii = line.indexOf(':');
        int wide = line.indexOf('：');
        if (ascii < 0) {
            return wide;
        }
        return wide < 0 ? ascii : Math.min(ascii, wide);
    }
}
