package io.kessai.issuer.account;

import java.util.Locale;
import java.util.Optional;

/** What the card company says about a card, as the accounts file writes it (lower case). */
public enum AccountStatus {
    ACTIVE,
    /** Reported lost: DE 39 = 41. */
    LOST,
    /** Reported stolen: DE 39 = 43. */
    STOLEN,
    /** Blocked by the card company (fraud suspicion, unpaid bills): DE 39 = 62, restricted card. */
    BLOCKED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AccountStatus> fromCode(String code) {
        for (AccountStatus status : values()) {
            if (status.code().equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
