package io.kessai.center.wallet;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks on what people type: phone numbers, e-mail addresses, names, URLs. */
final class Fields {
    static final int MAX_TEXT = 200;
    static final int MAX_URL = 2_000;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern DOMESTIC_JP = Pattern.compile("0[0-9]{9,10}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private Fields() {}

    /** E.164 ({@code +819012345678}); a Japanese domestic number ({@code 090-1234-5678}) becomes +81…. */
    static Optional<String> phone(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = raw.replace(" ", "").replace("-", "").replace("(", "").replace(")", "");
        if (DOMESTIC_JP.matcher(compact).matches()) {
            compact = "+81" + compact.substring(1);
        }
        return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }

    static String requirePhone(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw WalletErrors.required(field);
        }
        return phone(raw).orElseThrow(() -> WalletErrors.of(WalletErrors.BAD_REQUEST, "invalid_phone",
                field + " must be a phone number in E.164 form (+819012345678) or a Japanese number (090-1234-5678)", field));
    }

    static String requireEmail(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw WalletErrors.required(field);
        }
        String email = raw.strip();
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw WalletErrors.invalid(field, field + " is not an e-mail address");
        }
        return email;
    }

    static String requireText(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw WalletErrors.required(field);
        }
        String text = raw.strip();
        if (text.length() > MAX_TEXT) {
            throw WalletErrors.invalid(field, field + " is longer than " + MAX_TEXT + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw WalletErrors.invalid(field, field + " holds a control character");
        }
        return text;
    }

    static String requireUrl(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw WalletErrors.required(field);
        }
        String url = raw.strip();
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw WalletErrors.invalid(field, field + " is not a URL");
        }
        if (url.length() > MAX_URL || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw WalletErrors.invalid(field, field + " must be an absolute http(s) URL of at most " + MAX_URL + " characters");
        }
        return url;
    }
}
