package io.kessai.crypto.envelope;

import java.util.Optional;

/** The seed's three outcomes (JP 2004-078662 S805) plus "the card company did not answer". */
public enum PaymentOutcome {
    /** 与信OK: the issuer approved. */
    APPROVED(0),
    /** 与信NG: the issuer declined. */
    DECLINED(1),
    /** 再入力: enter again (wrong PIN, bad read); nothing was charged. */
    REENTER(2),
    /** The card company did not answer in time; any authorization was reversed; nothing was charged. */
    UNAVAILABLE(3);

    private final int code;

    PaymentOutcome(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<PaymentOutcome> fromCode(int code) {
        for (PaymentOutcome outcome : values()) {
            if (outcome.code == code) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
