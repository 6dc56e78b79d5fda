package io.kessai.center.registry;

import static io.kessai.center.registry.FieldRules.MAX_CUSTOMER_TEXT_CHARS;

import io.kessai.crypto.envelope.PaymentOutcome;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A response code rule as a client sends it; see {@link ResponseCodeRule}. */
public record ResponseCodeRuleDraft(String code, String outcome, String reason, String customerTextJa,
        String customerTextEn, Long version) {
    static final Map<String, PaymentOutcome> OUTCOMES = Arrays.stream(PaymentOutcome.values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    ResponseCodeRule validate(String pathCode) throws RegistryException {
        String checkedCode = pathCode != null ? FieldRules.keyMatchingPath(pathCode, code, "code")
                : FieldRules.matching(code, "code", FieldRules.RESPONSE_CODE, "2 characters, digits or capital letters (DE 39)");
        PaymentOutcome checkedOutcome = FieldRules.oneOf(outcome, "outcome", OUTCOMES);
        if (checkedCode.equals(RegistrySnapshot.APPROVAL_CODE) && checkedOutcome != PaymentOutcome.APPROVED) {
            throw RegistryException.isProtected("outcome", "code " + RegistrySnapshot.APPROVAL_CODE
                    + " is the ISO 8583 approval and must stay APPROVED");
        }
        String checkedReason = FieldRules.matching(reason, "reason", FieldRules.REASON,
                "snake_case: a lower-case letter, then up to 39 lower-case letters, digits or '_'");
        String ja = FieldRules.text(customerTextJa, "customerTextJa", MAX_CUSTOMER_TEXT_CHARS);
        String en = FieldRules.text(customerTextEn, "customerTextEn", MAX_CUSTOMER_TEXT_CHARS);
        FieldRules.expectedVersion(version);
        return new ResponseCodeRule(checkedCode, checkedOutcome, checkedReason, ja, en, 1);
    }
}
