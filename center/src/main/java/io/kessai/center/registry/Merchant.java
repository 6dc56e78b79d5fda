package io.kessai.center.registry;

import java.util.Objects;

/**
 * A shop that accepts payments (DE 42 card acceptor ID).
 *
 * @param id up to 15 characters, the DE 42 value
 * @param mcc ISO 18245 merchant category code, 4 digits (DE 18)
 * @param version counts the stored changes; an update naming an older one is refused
 */
public record Merchant(String id, String name, String mcc, MerchantStatus status, long version) {
    public Merchant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mcc, "mcc");
        Objects.requireNonNull(status, "status");
        assert version >= 1 : "stored versions start at 1";
    }

    /** The same merchant at another stored version. */
    public Merchant withVersion(long newVersion) {
        return new Merchant(id, name, mcc, status, newVersion);
    }
}
