package io.kessai.iso8583.kessai;

import java.util.Optional;

/**
 * 支払区分, the Japanese payment method, with the 2-digit codes of the CyberSource Japanese payment
 * options (REFERENCE §6). The exact meaning of the variants 22–24 and 32–34 is acquirer-specific;
 * Kessai carries them unchanged.
 */
public enum JapanPaymentMethod {
    /** 一括払い: one payment. */
    LUMP_SUM("10", Kind.LUMP_SUM),
    /** ボーナス一括: paid in one go with a bonus. */
    BONUS_LUMP_SUM("21", Kind.BONUS),
    BONUS_LUMP_SUM_22("22", Kind.BONUS),
    BONUS_LUMP_SUM_23("23", Kind.BONUS),
    BONUS_LUMP_SUM_24("24", Kind.BONUS),
    /** ボーナス併用: installments with bonus payments. */
    BONUS_COMBINED("31", Kind.BONUS_WITH_INSTALLMENTS),
    BONUS_COMBINED_32("32", Kind.BONUS_WITH_INSTALLMENTS),
    BONUS_COMBINED_33("33", Kind.BONUS_WITH_INSTALLMENTS),
    BONUS_COMBINED_34("34", Kind.BONUS_WITH_INSTALLMENTS),
    /** 分割払い: installments, the count in sub-element 02 (2回払い is 61 with 02). */
    INSTALLMENTS("61", Kind.INSTALLMENTS),
    /** リボ払い: revolving. */
    REVOLVING("80", Kind.REVOLVING);

    /** What the method implies for the companion sub-elements. */
    public enum Kind {
        LUMP_SUM,
        BONUS,
        BONUS_WITH_INSTALLMENTS,
        INSTALLMENTS,
        REVOLVING
    }

    private final String code;
    private final Kind kind;

    JapanPaymentMethod(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** An installment count may (31–34) or must (61) accompany the method. */
    public boolean allowsInstallments() {
        return kind == Kind.INSTALLMENTS || kind == Kind.BONUS_WITH_INSTALLMENTS;
    }

    public boolean allowsBonus() {
        return kind == Kind.BONUS || kind == Kind.BONUS_WITH_INSTALLMENTS;
    }

    public static Optional<JapanPaymentMethod> fromCode(String code) {
        for (JapanPaymentMethod method : values()) {
            if (method.code.equals(code)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
