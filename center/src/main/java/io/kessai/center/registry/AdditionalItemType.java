package io.kessai.center.registry;

/** What kind of answer a merchant's additional item takes, and so how the center checks it. */
public enum AdditionalItemType {
    /** Free text on one line, up to the item's maximum length. */
    TEXT,
    /** ASCII digits only (a table number, a member number). */
    DIGITS,
    /** An e-mail address. */
    EMAIL,
    /** Exactly one of the item's choices. */
    CHOICE
}
