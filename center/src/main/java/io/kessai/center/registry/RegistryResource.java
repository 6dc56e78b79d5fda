package io.kessai.center.registry;

/** The kinds of record the registry keeps, as messages, the audit trail and the admin API name them. */
public enum RegistryResource {
    MERCHANT("merchant", "id"),
    READER("reader", "serial"),
    ISSUER("issuer", "id"),
    ROUTE("route", "binPrefix"),
    RESPONSE_CODE_RULE("response code rule", "code");

    private final String label;
    private final String keyField;

    RegistryResource(String label, String keyField) {
        this.label = label;
        this.keyField = keyField;
    }

    /** Lower-case words for messages: "merchant", "response code rule". */
    public String label() {
        return label;
    }

    /** The JSON field that holds the record's key. */
    public String keyField() {
        return keyField;
    }
}
