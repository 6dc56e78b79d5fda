package io.kessai.center.registry;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks every draft field goes through. Messages name the field and the rule, and say how long
 * the value was instead of repeating it: a value typed into the wrong field may be a card number.
 */
final class FieldRules {
    static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,14}");
    static final Pattern READER_SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    static final Pattern TERMINAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,7}");
    static final Pattern ISSUER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern MCC = Pattern.compile("[0-9]{4}");
    static final Pattern BIN_PREFIX = Pattern.compile("[0-9]{6}|[0-9]{8}");
    static final Pattern ISSUER_CODE = Pattern.compile("[A-Za-z0-9]{1,11}");
    static final Pattern ACQUIRER_INSTITUTION_ID = Pattern.compile("[0-9]{1,11}");
    static final Pattern RESPONSE_CODE = Pattern.compile("[0-9A-Z]{2}");
    static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]*");
    static final int MAX_NAME_CHARS = 100;
    static final int MAX_CUSTOMER_TEXT_CHARS = 200;

    private FieldRules() {}

    static <T> T required(T value, String field) throws RegistryException {
        if (value == null) {
            throw RegistryException.missing(field);
        }
        return value;
    }

    /** {@code value} must match {@code pattern}; {@code rule} completes "field must be ...". */
    static String matching(String value, String field, Pattern pattern, String rule) throws RegistryException {
        required(value, field);
        if (!pattern.matcher(value).matches()) {
            throw RegistryException.invalid(field, field + " must be " + rule + got(value));
        }
        return value;
    }

    /** Free text for people: trimmed, 1 to {@code maxChars} characters, no control characters. */
    static String text(String value, String field, int maxChars) throws RegistryException {
        String stripped = required(value, field).strip();
        if (stripped.isEmpty()) {
            throw RegistryException.invalid(field, field + " must not be empty");
        }
        int chars = stripped.codePointCount(0, stripped.length());
        if (chars > maxChars) {
            throw RegistryException.invalid(field, field + " must be at most " + maxChars + " characters, got " + chars);
        }
        if (stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw RegistryException.invalid(field, field + " must not contain control characters such as line breaks");
        }
        return stripped;
    }

    static int range(Integer value, String field, int min, int max) throws RegistryException {
        required(value, field);
        if (value < min || value > max) {
            throw RegistryException.invalid(field, field + " must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    static <E> E oneOf(String value, String field, Map<String, E> allowed) throws RegistryException {
        required(value, field);
        E found = allowed.get(value);
        if (found == null) {
            throw RegistryException.invalid(field, field + " must be one of " + String.join(", ", allowed.keySet().stream().sorted().toList()));
        }
        return found;
    }

    /** A draft's own key must agree with the URL's; an absent one is taken from the URL. */
    static String keyMatchingPath(String pathKey, String draftKey, String field) throws RegistryException {
        if (draftKey != null && !draftKey.equals(pathKey)) {
            throw RegistryException.invalid(field, field + " in the body differs from the one in the URL;"
                    + " a key cannot be changed, create a new record instead");
        }
        return pathKey;
    }

    static Long expectedVersion(Long version) throws RegistryException {
        if (version != null && version < 1) {
            throw RegistryException.invalid("version", "version must be 1 or more, got " + version);
        }
        return version;
    }

    private static String got(String value) {
        int chars = value.codePointCount(0, value.length());
        return ", got " + (chars == 0 ? "an empty string" : chars + (chars == 1 ? " character" : " characters"));
    }
}
