package io.kessai.center.registry;

import static io.kessai.center.registry.FieldRules.MAX_NAME_CHARS;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/**
 * A merchant as a client sends it: any field may be missing or wrong until {@link #validate} says
 * otherwise. {@code version}, when given, must be the stored one (optimistic concurrency).
 * {@code additionalItems} may be left out: no items of its own (an update then removes them).
 */
public record MerchantDraft(String id, String name, String mcc, String status, List<AdditionalItemDraft> additionalItems,
        Long version) {
    static final Map<String, MerchantStatus> STATUSES = Map.of("ACTIVE", MerchantStatus.ACTIVE, "SUSPENDED", MerchantStatus.SUSPENDED);

    @JsonCreator
    public MerchantDraft {
        // canonical: the one the admin API's JSON is read with
    }

    /** A draft without additional items. */
    public MerchantDraft(String id, String name, String mcc, String status, Long version) {
        this(id, name, mcc, status, null, version);
    }

    /** The merchant this draft describes, keyed by {@code pathId} when it came from a URL (update). */
    Merchant validate(String pathId) throws RegistryException {
        String checkedId = pathId != null ? FieldRules.keyMatchingPath(pathId, id, "id")
                : FieldRules.matching(id, "id", FieldRules.MERCHANT_ID,
                        "1 to 15 letters, digits, '.', '_' or '-' starting with a letter or digit (DE 42)");
        String checkedName = FieldRules.text(name, "name", MAX_NAME_CHARS);
        String checkedMcc = FieldRules.matching(mcc, "mcc", FieldRules.MCC, "exactly 4 digits (ISO 18245 merchant category code)");
        MerchantStatus checkedStatus = FieldRules.oneOf(status, "status", STATUSES);
        List<AdditionalItem> items = AdditionalItemDraft.validateAll(additionalItems);
        FieldRules.expectedVersion(version);
        return new Merchant(checkedId, checkedName, checkedMcc, checkedStatus, items, 1);
    }
}
