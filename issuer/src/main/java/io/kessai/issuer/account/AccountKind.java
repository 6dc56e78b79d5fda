package io.kessai.issuer.account;

import java.util.Locale;
import java.util.Optional;

/**
 * Credit or debit. Both spend from {@code limit_minor} (a credit line, or a debit account's
 * balance); a debit card additionally requires the PIN (seed 000 ¶0068).
 */
public enum AccountKind {
    CREDIT,
    DEBIT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AccountKind> fromCode(String code) {
        for (AccountKind kind : values()) {
            if (kind.code().equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
