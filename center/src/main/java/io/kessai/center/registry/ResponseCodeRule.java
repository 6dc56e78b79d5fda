package io.kessai.center.registry;

import io.kessai.crypto.envelope.PaymentOutcome;
import java.util.Objects;

/**
 * What an issuer's DE 39 response code means for the payment and what the customer is told.
 *
 * @param code the two characters of DE 39
 * @param reason a stable snake_case reason for programs and the journal, e.g. {@code wrong_pin}
 * @param version 0 for the built-in rule of a code with no row (see {@link RegistrySnapshot#responseCodeRule})
 */
public record ResponseCodeRule(String code, PaymentOutcome outcome, String reason, String customerTextJa,
        String customerTextEn, long version) {
    public ResponseCodeRule {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(customerTextJa, "customerTextJa");
        Objects.requireNonNull(customerTextEn, "customerTextEn");
        assert version >= 0 : "version " + version;
    }

    /** The same rule at another stored version. */
    public ResponseCodeRule withVersion(long newVersion) {
        return new ResponseCodeRule(code, outcome, reason, customerTextJa, customerTextEn, newVersion);
    }
}
