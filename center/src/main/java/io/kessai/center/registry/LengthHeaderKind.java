package io.kessai.center.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * The length prefix an issuer's ISO 8583 link uses (REFERENCE §4.5), as the registry and the admin API
 * name it. The network part maps it to the codec's own type.
 */
public enum LengthHeaderKind {
    /** 2 bytes, unsigned big-endian: the most common. */
    BINARY2("binary2"),
    /** 2 bytes of packed decimal. */
    BCD2("bcd2"),
    /** 4 ASCII digits. */
    ASCII4("ascii4");

    private final String wireName;

    LengthHeaderKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON and in the database: {@code binary2}, {@code bcd2}, {@code ascii4}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<LengthHeaderKind> fromWireName(String name) {
        for (LengthHeaderKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
