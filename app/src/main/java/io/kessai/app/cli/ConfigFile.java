package io.kessai.app.cli;

import io.kessai.app.UsageException;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.ops.LogSetup;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A center's configuration file: {@code KESSAI_*} names and values, one per line (Java properties
 * syntax), the same names as the environment variables of docs/configuration.md. The environment wins
 * over the file, so secrets can stay out of it.
 */
public final class ConfigFile {
    private ConfigFile() {}

    public static ConfigValues read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--config: " + file + " is not a file");
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("--config: " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith("KESSAI_")) {
                throw new UsageException("--config: " + file + ": '" + name + "' is not a KESSAI_* setting (see docs/configuration.md)");
            }
            values.put(name, properties.getProperty(name));
        }
        values.putAll(System.getenv());
        return ConfigValues.of(values);
    }

    /** Pattern or JSON logs, as KESSAI_LOG_FORMAT asks (docs/configuration.md). */
    public static void logging(ConfigValues values) {
        LogSetup.configureFromEnvironment(values);
    }
}
