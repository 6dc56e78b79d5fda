package io.kessai.issuer.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What a journal entry records; the database keeps the lower-case name. */
public enum EntryKind {
    /** A decided 0100: approved with a hold, or declined. */
    AUTHORIZATION,
    /** A decided 0200: approved and posted at once, or declined. */
    FINANCIAL,
    /** A request that reused the key of another with different content: declined 94. */
    DUPLICATE,
    /** A 0220 that settled a hold at its final amount. */
    COMPLETION,
    /** A 0400/0420 that released a hold or took back a posting. */
    REVERSAL,
    /** A 0400/0420 whose original was not (yet) seen: remembered so the original is declined. */
    UNMATCHED_REVERSAL,
    /** The accounts file gave a card a new PIN: its wrong-PIN count starts again. */
    PIN_RESET;

    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    private static final Map<String, EntryKind> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EntryKind::code, kind -> kind));

    /** @throws IllegalArgumentException for a code that is no kind's */
    public static EntryKind fromCode(String code) {
        EntryKind kind = BY_CODE.get(code);
        if (kind == null) {
            throw new IllegalArgumentException("journal entry kind '" + code + "' is unknown");
        }
        return kind;
    }
}
