package io.kessai.phone;

import java.util.List;
import java.util.Optional;

/**
 * What the center answered to an envelope, as the phone shows it. The sealed result is what the
 * reader verifies; the rest is for the screen and is only as trustworthy as that verification.
 */
public record CenterAnswer(
        String paymentId,
        String outcome,
        String responseCode,
        Optional<String> approvalCode,
        String reason,
        String messageJa,
        String messageEn,
        byte[] sealedResult,
        List<Question> questions,
        boolean duplicate) {

    public record Question(String key, String labelJa, String labelEn, boolean required, int maxLength) {}
}
