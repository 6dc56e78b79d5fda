package io.kessai.center.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A merchant's additional item as a client sends it (inside the merchant); see {@link AdditionalItem}.
 * {@code required} defaults to false, {@code maxLength} to {@value #DEFAULT_MAX_LENGTH}.
 */
public record AdditionalItemDraft(String key, String labelJa, String labelEn, String type, Boolean required,
        Integer maxLength, List<String> choices) {
    /** Items per merchant: the phone shows them on one screen, and the answers stay small. */
    static final int MAX_ITEMS = 10;
    static final int DEFAULT_MAX_LENGTH = 40;
    static final int MAX_LENGTH = 200;
    static final int MAX_CHOICES = 20;
    static final int MAX_CHOICE_CHARS = 40;
    static final int MAX_LABEL_CHARS = 100;
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    /**
     * The center's own items (io.kessai.center.flow.AdditionalItems.STANDARD), asked of every approval: a
     * merchant item cannot take their keys. A test keeps the two lists equal.
     */
    public static final Set<String> RESERVED_KEYS = Set.of("payment_method", "installments", "customer_email");
    static final Map<String, AdditionalItemType> TYPES = Arrays.stream(AdditionalItemType.values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    /** The checked item; {@code field} is where it sits in the request, e.g. {@code additionalItems[2]}. */
    AdditionalItem validate(String field) throws RegistryException {
        String checkedKey = FieldRules.matching(key, field + ".key", KEY,
                "snake_case: a lower-case letter, then up to 31 lower-case letters, digits or '_'");
        if (RESERVED_KEYS.contains(checkedKey)) {
            throw RegistryException.invalid(field + ".key", field + ".key " + checkedKey
                    + " is one of the center's own items " + RESERVED_KEYS.stream().sorted().toList() + "; choose another key");
        }
        String ja = FieldRules.text(labelJa, field + ".labelJa", MAX_LABEL_CHARS);
        String en = FieldRules.text(labelEn, field + ".labelEn", MAX_LABEL_CHARS);
        AdditionalItemType checkedType = FieldRules.oneOf(type, field + ".type", TYPES);
        int checkedMaxLength = maxLength == null ? DEFAULT_MAX_LENGTH : FieldRules.range(maxLength, field + ".maxLength", 1, MAX_LENGTH);
        List<String> checkedChoices = choices(field, checkedType, checkedMaxLength);
        return new AdditionalItem(checkedKey, ja, en, checkedType, Boolean.TRUE.equals(required), checkedMaxLength, checkedChoices);
    }

    private List<String> choices(String field, AdditionalItemType checkedType, int checkedMaxLength) throws RegistryException {
        String choicesField = field + ".choices";
        List<String> given = choices == null ? List.of() : choices;
        if (checkedType != AdditionalItemType.CHOICE) {
            if (!given.isEmpty()) {
                throw RegistryException.invalid(choicesField, choicesField + " is only for items of type CHOICE");
            }
            return List.of();
        }
        if (given.isEmpty() || given.size() > MAX_CHOICES) {
            throw RegistryException.invalid(choicesField, choicesField + " must hold 1 to " + MAX_CHOICES
                    + " choices for a CHOICE item, got " + given.size());
        }
        List<String> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String choiceField = choicesField + "[" + i + "]";
            String choice = FieldRules.text(given.get(i), choiceField, Math.min(MAX_CHOICE_CHARS, checkedMaxLength));
            if (!seen.add(choice)) {
                throw RegistryException.invalid(choiceField, choiceField + " repeats an earlier choice");
            }
            checked.add(choice);
        }
        return checked;
    }

    /** All of a merchant's items: at most {@value #MAX_ITEMS}, keys unique. Null means none. */
    static List<AdditionalItem> validateAll(List<AdditionalItemDraft> drafts) throws RegistryException {
        if (drafts == null) {
            return List.of();
        }
        if (drafts.size() > MAX_ITEMS) {
            throw RegistryException.invalid("additionalItems", "additionalItems may hold at most " + MAX_ITEMS
                    + " items, got " + drafts.size());
        }
        List<AdditionalItem> items = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            String field = "additionalItems[" + i + "]";
            AdditionalItemDraft draft = FieldRules.required(drafts.get(i), field);
            AdditionalItem item = draft.validate(field);
            if (!keys.add(item.key())) {
                throw RegistryException.invalid(field + ".key", field + ".key " + item.key() + " is used by an earlier item");
            }
            items.add(item);
        }
        return List.copyOf(items);
    }
}
