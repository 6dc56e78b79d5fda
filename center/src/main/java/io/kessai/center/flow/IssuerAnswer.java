package io.kessai.center.flow;

import java.util.Optional;

/** The issuer's answer to an authorization: DE 39 and, when approved, DE 38. */
public record IssuerAnswer(String responseCode, Optional<String> approvalCode) {
    public static final String APPROVED = "00";

    public IssuerAnswer {
        if (responseCode == null || responseCode.length() != 2) {
            throw new IllegalArgumentException("DE 39 is two characters, got " + responseCode);
        }
    }
}
