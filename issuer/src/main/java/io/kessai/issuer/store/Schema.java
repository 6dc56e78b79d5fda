package io.kessai.issuer.store;

import java.util.regex.Pattern;

/** The issuer's schema name: checked once, then safe to put into SQL text. */
public record Schema(String name) {
    public static final String DEFAULT_NAME = "issuer";
    public static final String MIGRATIONS = "classpath:db/issuer";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public Schema {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("schema name must be 1-63 lower-case letters, digits or '_', "
                    + "not starting with a digit, got '" + name + "'");
        }
    }

    public static Schema defaultSchema() {
        return new Schema(DEFAULT_NAME);
    }

    String table(String table) {
        return name + "." + table;
    }
}
