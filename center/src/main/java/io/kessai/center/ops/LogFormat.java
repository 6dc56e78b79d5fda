package io.kessai.center.ops;

import io.kessai.center.http.ConfigValues;
import java.util.Locale;

/** How log lines look: readable text (the default) or one JSON object per line for log shippers. */
public enum LogFormat {
    TEXT,
    JSON;

    public static final String VARIABLE = "KESSAI_LOG_FORMAT";

    /** From {@code KESSAI_LOG_FORMAT}: {@code text} (default) or {@code json}. */
    public static LogFormat fromEnvironment(ConfigValues values) {
        String value = values.string(VARIABLE).orElse("text").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException(VARIABLE + " must be text or json, got '" + value + "'");
        };
    }
}
