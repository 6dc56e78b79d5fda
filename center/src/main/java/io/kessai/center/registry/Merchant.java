package io.kessai.center.registry;

import java.util.List;
import java.util.Objects;

/**
 * A shop that accepts payments (DE 42 card acceptor ID).
 *
 * @param id up to 15 characters, the DE 42 value
 * @param mcc ISO 18245 merchant category code, 4 digits (DE 18)
 * @param additionalItems the merchant's own questions after an approval, in the order asked
 * @param version counts the stored changes; an update naming an older one is refused
 */
public record Merchant(String id, String name, String mcc, MerchantStatus status, List<AdditionalItem> additionalItems,
        long version) {
    public Merchant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mcc, "mcc");
        Objects.requireNonNull(status, "status");
        additionalItems = List.copyOf(additionalItems);
        assert version >= 1 : "stored versions start at 1";
    }

    /** A merchant without additional items. */
    public Merchant(String id, String name, String mcc, MerchantStatus status, long version) {
        this(id, name, mcc, status, List.of(), version);
    }

    /** The same merchant at another stored version. */
    public Merchant withVersion(long newVersion) {
        return new Merchant(id, name, mcc, status, additionalItems, newVersion);
    }
}
