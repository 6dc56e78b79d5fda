package io.kessai.iso8583.kessai;

import io.kessai.iso8583.IsoFormatException;
import java.util.Objects;
import java.util.Optional;

/**
 * The cardholder's choice of how to pay (支払区分 and its companions), carried in DE 48 sub-elements
 * 01–08 ({@link AdditionalData}). A count, month or amount of {@value #ABSENT} means "not sent".
 *
 * @param method 支払区分
 * @param installmentCount 分割回数, 2–99: required for {@link JapanPaymentMethod#INSTALLMENTS}, allowed
 *     with the bonus-combined methods, absent otherwise
 * @param bonusCount number of bonus payments, 0–99, bonus methods only
 * @param firstBonusMonth 1–12, bonus methods only
 * @param firstBonusAmountMinor in minor units of the transaction currency, bonus methods only
 * @param secondBonusMonth 1–12, only with a first bonus month
 * @param secondBonusAmountMinor only with a second bonus month
 * @param firstBillingMonth 初回請求月, 1–12, any method
 */
public record JapanPaymentOptions(
        JapanPaymentMethod method,
        int installmentCount,
        int bonusCount,
        int firstBonusMonth,
        long firstBonusAmountMinor,
        int secondBonusMonth,
        long secondBonusAmountMinor,
        int firstBillingMonth) {

    public static final int ABSENT = 0;
    public static final int MIN_INSTALLMENTS = 2;
    public static final int MAX_INSTALLMENTS = 99;
    public static final int MAX_BONUS_COUNT = 99;
    private static final int DECEMBER = 12;
    private static final int AMOUNT_DIGITS = 12;
    private static final long MAX_AMOUNT_MINOR = 999_999_999_999L;
    private static final int COUNT_DIGITS = 2;
    private static final int DECIMAL_BASE = 10;

    public JapanPaymentOptions {
        Objects.requireNonNull(method, "method");
        boolean installmentsRequired = method.kind() == JapanPaymentMethod.Kind.INSTALLMENTS;
        if (installmentCount == ABSENT ? installmentsRequired
                : !method.allowsInstallments() || installmentCount < MIN_INSTALLMENTS
                        || installmentCount > MAX_INSTALLMENTS) {
            throw new IllegalArgumentException("installment count " + installmentCount + " does not fit method "
                    + method.code() + " (61 needs 2..99, 31-34 allow it, others take none)");
        }
        boolean anyBonus = bonusCount != ABSENT || firstBonusMonth != ABSENT || firstBonusAmountMinor != ABSENT
                || secondBonusMonth != ABSENT || secondBonusAmountMinor != ABSENT;
        if (anyBonus && !method.allowsBonus()) {
            throw new IllegalArgumentException("method " + method.code() + " takes no bonus details");
        }
        requireRange("bonus count", bonusCount, 0, MAX_BONUS_COUNT);
        requireMonth("first bonus month", firstBonusMonth);
        requireMonth("second bonus month", secondBonusMonth);
        requireMonth("first billing month", firstBillingMonth);
        requireAmount("first bonus amount", firstBonusAmountMinor);
        requireAmount("second bonus amount", secondBonusAmountMinor);
        if (secondBonusMonth != ABSENT && firstBonusMonth == ABSENT) {
            throw new IllegalArgumentException("a second bonus month needs a first one");
        }
        if (firstBonusAmountMinor != ABSENT && firstBonusMonth == ABSENT
                || secondBonusAmountMinor != ABSENT && secondBonusMonth == ABSENT) {
            throw new IllegalArgumentException("a bonus amount needs its bonus month");
        }
    }

    public static JapanPaymentOptions lumpSum() {
        return new JapanPaymentOptions(JapanPaymentMethod.LUMP_SUM, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT,
                ABSENT);
    }

    public static JapanPaymentOptions installments(int count) {
        return new JapanPaymentOptions(JapanPaymentMethod.INSTALLMENTS, count, ABSENT, ABSENT, ABSENT, ABSENT,
                ABSENT, ABSENT);
    }

    public static JapanPaymentOptions revolving() {
        return new JapanPaymentOptions(JapanPaymentMethod.REVOLVING, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT,
                ABSENT);
    }

    /** ボーナス一括 in the given month. */
    public static JapanPaymentOptions bonusLumpSum(int bonusMonth) {
        return new JapanPaymentOptions(JapanPaymentMethod.BONUS_LUMP_SUM, ABSENT, 1, bonusMonth, ABSENT, ABSENT,
                ABSENT, ABSENT);
    }

    /** Writes sub-elements 01–08 (absent values are removed). */
    public void writeTo(AdditionalData data) {
        data.put(AdditionalData.PAYMENT_METHOD, method.code());
        putNumber(data, AdditionalData.INSTALLMENT_COUNT, installmentCount, COUNT_DIGITS);
        putNumber(data, AdditionalData.BONUS_COUNT, bonusCount, COUNT_DIGITS);
        putNumber(data, AdditionalData.FIRST_BONUS_MONTH, firstBonusMonth, COUNT_DIGITS);
        putNumber(data, AdditionalData.FIRST_BONUS_AMOUNT, firstBonusAmountMinor, AMOUNT_DIGITS);
        putNumber(data, AdditionalData.SECOND_BONUS_MONTH, secondBonusMonth, COUNT_DIGITS);
        putNumber(data, AdditionalData.SECOND_BONUS_AMOUNT, secondBonusAmountMinor, AMOUNT_DIGITS);
        putNumber(data, AdditionalData.FIRST_BILLING_MONTH, firstBillingMonth, COUNT_DIGITS);
    }

    /**
     * Reads sub-elements 01–08; empty when sub-element 01 is absent.
     *
     * @throws IsoFormatException naming the sub-element that is malformed or inconsistent
     */
    public static Optional<JapanPaymentOptions> readFrom(AdditionalData data) throws IsoFormatException {
        String code = data.get(AdditionalData.PAYMENT_METHOD);
        if (code == null) {
            return Optional.empty();
        }
        JapanPaymentMethod method = JapanPaymentMethod.fromCode(code).orElseThrow(
                () -> new IsoFormatException("DE 48 sub-element 01: unknown payment method '" + code + "'"));
        try {
            return Optional.of(new JapanPaymentOptions(method,
                    (int) number(data, AdditionalData.INSTALLMENT_COUNT, COUNT_DIGITS),
                    (int) number(data, AdditionalData.BONUS_COUNT, COUNT_DIGITS),
                    (int) number(data, AdditionalData.FIRST_BONUS_MONTH, COUNT_DIGITS),
                    number(data, AdditionalData.FIRST_BONUS_AMOUNT, AMOUNT_DIGITS),
                    (int) number(data, AdditionalData.SECOND_BONUS_MONTH, COUNT_DIGITS),
                    number(data, AdditionalData.SECOND_BONUS_AMOUNT, AMOUNT_DIGITS),
                    (int) number(data, AdditionalData.FIRST_BILLING_MONTH, COUNT_DIGITS)));
        } catch (IllegalArgumentException inconsistent) {
            throw new IsoFormatException("DE 48 payment options: " + inconsistent.getMessage());
        }
    }

    private static long number(AdditionalData data, int tag, int digits) throws IsoFormatException {
        String value = data.get(tag);
        if (value == null) {
            return ABSENT;
        }
        if (value.length() != digits) {
            throw new IsoFormatException("DE 48 sub-element " + AdditionalData.twoDigits(tag) + ": "
                    + value.length() + " characters, needs " + digits + " digits");
        }
        long number = 0;
        for (int i = 0; i < digits; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IsoFormatException("DE 48 sub-element " + AdditionalData.twoDigits(tag)
                        + ": non-digit at index " + i);
            }
            number = number * DECIMAL_BASE + (c - '0');
        }
        return number;
    }

    private static void putNumber(AdditionalData data, int tag, long number, int digits) {
        if (number == ABSENT) {
            data.remove(tag);
            return;
        }
        String text = Long.toString(number);
        data.put(tag, "0".repeat(digits - text.length()) + text);
    }

    private static void requireRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", was " + value);
        }
    }

    private static void requireMonth(String what, int month) {
        requireRange(what, month, ABSENT, DECEMBER);
    }

    private static void requireAmount(String what, long amountMinor) {
        requireRange(what, amountMinor, ABSENT, MAX_AMOUNT_MINOR);
    }
}
