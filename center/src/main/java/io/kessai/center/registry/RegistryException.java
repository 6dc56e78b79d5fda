package io.kessai.center.registry;

import java.util.Objects;

/**
 * A registry change was refused and nothing was changed. {@link #code()} is stable snake_case,
 * {@link #field()} names the field at fault (JSON spelling: {@code link.port}, {@code issuerCodes[1]})
 * when one is, and the message says what is wrong without repeating the value.
 */
public final class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal; the admin API maps each to an HTTP status. */
    public enum Kind {
        /** The value is missing or malformed (400). */
        INVALID,
        /** No such record (404). */
        NOT_FOUND,
        /** The change contradicts what is stored: duplicate, in use, stale version, protected (409). */
        CONFLICT,
        /** A well-formed reference to a record that does not exist (422). */
        UNKNOWN_REFERENCE
    }

    private final Kind kind;
    private final String code;
    private final String field;

    RegistryException(Kind kind, String code, String field, String message) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The field at fault, or null when the refusal is about the record as a whole. */
    public String field() {
        return field;
    }

    static RegistryException missing(String field) {
        return new RegistryException(Kind.INVALID, "missing_field", field, field + " is required");
    }

    static RegistryException invalid(String field, String message) {
        return new RegistryException(Kind.INVALID, "invalid_field", field, message);
    }

    static RegistryException notFound(RegistryResource resource, String id) {
        return new RegistryException(Kind.NOT_FOUND, "not_found", null, "there is no " + resource.label() + " " + id);
    }

    static RegistryException alreadyExists(RegistryResource resource, String id) {
        return new RegistryException(Kind.CONFLICT, "already_exists", resource.keyField(),
                resource.label() + " " + id + " already exists; update it with PUT instead");
    }

    static RegistryException duplicate(String field, String message) {
        return new RegistryException(Kind.CONFLICT, "duplicate_value", field, message);
    }

    static RegistryException inUse(String message) {
        return new RegistryException(Kind.CONFLICT, "in_use", null, message);
    }

    static RegistryException versionConflict(RegistryResource resource, String id, long expected, long stored) {
        return new RegistryException(Kind.CONFLICT, "version_conflict", "version", resource.label() + " " + id
                + " is at version " + stored + ", not " + expected + "; read it again and repeat the change");
    }

    static RegistryException isProtected(String field, String message) {
        return new RegistryException(Kind.CONFLICT, "protected", field, message);
    }

    static RegistryException unknownReference(String field, String message) {
        return new RegistryException(Kind.UNKNOWN_REFERENCE, "unknown_reference", field, message);
    }
}
