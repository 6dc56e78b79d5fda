package io.kessai.center.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads settings from environment variables (or any map of them, for tests) with errors that name the
 * variable, the value range and what was found: {@code KESSAI_HTTP_PORT must be a whole number from 0
 * to 65535, got 'http'}. A secret {@code X} may instead come from the file named by {@code X_FILE}, so
 * that it need not sit in the process environment.
 */
public final class ConfigValues {
    /** A secret file is a token or a password, never more. */
    static final int MAX_SECRET_FILE_BYTES = 4_096;
    private static final String FILE_SUFFIX = "_FILE";

    private final Map<String, String> variables;

    private ConfigValues(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static ConfigValues of(Map<String, String> variables) {
        return new ConfigValues(variables);
    }

    public static ConfigValues fromEnvironment() {
        return of(System.getenv());
    }

    /** The value, or empty when unset or blank. */
    public Optional<String> string(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return (int) longValue(name, defaultValue, min, max);
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is outside " + min + ".." + max);
        }
        Optional<String> text = string(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Falls through to the one error message below.
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max
                + ", got '" + text.get() + "'");
    }

    /** {@code true} or {@code false} (any case); anything else is an error naming the variable. */
    public boolean bool(String name, boolean defaultValue) {
        Optional<String> text = string(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        if (text.get().equalsIgnoreCase("true")) {
            return true;
        }
        if (text.get().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false, got '" + text.get() + "'");
    }

    /** Comma-separated values, blanks dropped. */
    public List<String> list(String name) {
        return string(name).map(value -> Arrays.stream(value.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    /** A secret from {@code name} or from the file named by {@code name_FILE}; both set is an error. */
    public Optional<String> secret(String name) {
        Optional<String> direct = string(name);
        Optional<String> file = string(name + FILE_SUFFIX);
        if (direct.isPresent() && file.isPresent()) {
            throw new IllegalArgumentException("set " + name + " or " + name + FILE_SUFFIX + ", not both");
        }
        if (file.isEmpty()) {
            return direct;
        }
        Path path = Path.of(file.get());
        try {
            if (Files.size(path) > MAX_SECRET_FILE_BYTES) {
                throw new IllegalArgumentException(name + FILE_SUFFIX + " names " + path + ", which is larger than "
                        + MAX_SECRET_FILE_BYTES + " bytes; it should hold only the secret");
            }
            String value = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(name + FILE_SUFFIX + " names " + path + ", which is empty");
            }
            return Optional.of(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + FILE_SUFFIX + " names " + path + ", which cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
