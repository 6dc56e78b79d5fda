package io.kessai.center.wallet;

import io.kessai.iso8583.kessai.JapanPaymentMethod;
import io.kessai.iso8583.kessai.JapanPaymentOptions;
import java.util.List;
import java.util.Optional;

/**
 * The payment methods the phone offers (seed 001 Fig. 6, DESIGN.md): lump sum 一括 (10), bonus ボーナス
 * (21), bonus + installments (31), installments 分割 (61, with the count) and revolving リボ (80), carried
 * to the issuer in DE 48 of the Kessai dialect.
 */
public final class PaymentMethods {
    public record Method(String code, String ja, String en, boolean needsInstallments) {}

    public static final List<Method> OFFERED = List.of(
            new Method("10", "一括払い", "lump sum", false),
            new Method("21", "ボーナス一括払い", "bonus", false),
            new Method("31", "ボーナス併用払い", "bonus + installments", true),
            new Method("61", "分割払い", "installments", true),
            new Method("80", "リボ払い", "revolving", false));
    /** Installment counts the phone offers (the issuer decides what it accepts). */
    public static final List<Integer> INSTALLMENT_COUNTS = List.of(3, 5, 6, 10, 12, 15, 18, 20, 24);

    private PaymentMethods() {}

    public static Optional<Method> byCode(String code) {
        return OFFERED.stream().filter(m -> m.code().equals(code)).findFirst();
    }

    /** The DE 48 options, or the reason they are not valid. */
    public static JapanPaymentOptions options(String code, Optional<Integer> installments) {
        Method method = byCode(code).orElseThrow(() -> new IllegalArgumentException("payment method '" + code
                + "' is not one of 10 (lump sum), 21 (bonus), 31 (bonus + installments), 61 (installments), 80 (revolving)"));
        if (method.needsInstallments() && installments.isEmpty()) {
            throw new IllegalArgumentException("payment method " + code + " (" + method.en() + ") needs the number of installments");
        }
        if (!method.needsInstallments() && installments.isPresent()) {
            throw new IllegalArgumentException("payment method " + code + " (" + method.en() + ") takes no number of installments");
        }
        if (installments.isPresent() && !INSTALLMENT_COUNTS.contains(installments.get())) {
            throw new IllegalArgumentException("installments must be one of " + INSTALLMENT_COUNTS + ", got " + installments.get());
        }
        JapanPaymentMethod japan = JapanPaymentMethod.fromCode(code).orElseThrow();
        int count = installments.orElse(JapanPaymentOptions.ABSENT);
        return new JapanPaymentOptions(japan, count, JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT,
                JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT);
    }

    public static String describe(String code, Optional<Integer> installments) {
        return byCode(code).map(m -> m.en() + " (" + code + ")" + installments.map(n -> ", " + n + " installments").orElse(""))
                .orElse(code);
    }
}
