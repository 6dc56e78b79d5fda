package io.kessai.center.registry;

import java.util.List;
import java.util.Objects;

/**
 * A question a merchant asks after every approval (seed 000 ¶0049: items the card company or the shop
 * needs), besides the center's own payment method, installments and receipt e-mail.
 *
 * @param key snake_case, the answer's key in the phone's JSON and in the journal
 * @param maxLength the longest answer accepted, in characters
 * @param choices the allowed answers of a {@link AdditionalItemType#CHOICE} item; empty for the others
 */
public record AdditionalItem(String key, String labelJa, String labelEn, AdditionalItemType type, boolean required,
        int maxLength, List<String> choices) {
    public AdditionalItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(labelJa, "labelJa");
        Objects.requireNonNull(labelEn, "labelEn");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
        assert maxLength >= 1 : "maxLength " + maxLength;
        assert (type == AdditionalItemType.CHOICE) == !choices.isEmpty() : "choices exactly for CHOICE items";
    }
}
