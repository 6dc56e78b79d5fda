package io.kessai.center.flow;

import io.kessai.card.Luhn;
import io.kessai.center.flow.FlowDirectory.AnswerType;
import io.kessai.center.flow.FlowDirectory.ItemQuestion;
import io.kessai.center.flow.FlowDirectory.MerchantEntry;
import io.kessai.iso8583.kessai.JapanPaymentMethod;
import io.kessai.iso8583.kessai.JapanPaymentOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The additional items of S809–S811: what the center asks after an approval (the payment method with
 * its installment count, the customer's e-mail for the receipt, and the merchant's own questions), and
 * the checks on the answers.
 */
public final class AdditionalItems {
    public static final String PAYMENT_METHOD = "payment_method";
    public static final String INSTALLMENTS = "installments";
    public static final String CUSTOMER_EMAIL = "customer_email";
    private static final int EMAIL_MAX_CHARS = 254;
    private static final int MAX_ANSWERS = 32;
    private static final int MIN_PAN_DIGITS = 12;
    private static final int MAX_PAN_DIGITS = 19;
    /** Deliberately plain: local part and a dotted domain, as RFC 5321 mailboxes phones actually use. */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    /** Asked of every card-present approval (seed 000 ¶0049, Japanese payment options of REFERENCE §6). */
    public static final List<ItemQuestion> STANDARD = List.of(
            new ItemQuestion(PAYMENT_METHOD, "お支払い方法 (10 一括, 21 ボーナス一括, 31 ボーナス併用, 61 分割, 80 リボ)",
                    "Payment method (10 lump sum, 21 bonus, 31 bonus + installments, 61 installments, 80 revolving)", true, 2,
                    AnswerType.CHOICE, Arrays.stream(JapanPaymentMethod.values()).map(JapanPaymentMethod::code).toList()),
            new ItemQuestion(INSTALLMENTS, "分割回数 (61, 31 のとき)", "Number of installments (with 61 or 31)", false, 2,
                    AnswerType.DIGITS, List.of()),
            new ItemQuestion(CUSTOMER_EMAIL, "控えを送るメールアドレス", "E-mail address for the receipt", false, EMAIL_MAX_CHARS,
                    AnswerType.EMAIL, List.of()));

    private AdditionalItems() {}

    public static List<ItemQuestion> questionsFor(MerchantEntry merchant) {
        List<ItemQuestion> all = new ArrayList<>(STANDARD);
        all.addAll(merchant.questions());
        return List.copyOf(all);
    }

    /** Valid answers, in the order asked: the payment options for the 0220 and everything for the journal. */
    public record Answers(JapanPaymentOptions paymentOptions, Optional<String> customerEmail, Map<String, String> all) {}

    public static Answers validate(Map<String, String> answers, List<ItemQuestion> questions) throws TerminalException {
        if (answers.size() > MAX_ANSWERS) {
            throw invalid("at most " + MAX_ANSWERS + " answers, got " + answers.size(), null);
        }
        Map<String, ItemQuestion> byKey = new LinkedHashMap<>();
        questions.forEach(q -> byKey.put(q.key(), q));
        for (String key : answers.keySet()) {
            if (!byKey.containsKey(key)) {
                throw new TerminalException(TerminalException.Code.UNKNOWN_FIELD,
                        "field " + key + " was not asked; expected one of " + byKey.keySet(), key);
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (ItemQuestion question : questions) {
            String value = answers.get(question.key());
            if (value == null || value.isBlank()) {
                if (question.required()) {
                    throw invalid(question.key() + " is required", question.key());
                }
                continue;
            }
            value = value.strip();
            if (value.length() > question.maxLength()) {
                throw invalid(question.key() + " is longer than " + question.maxLength() + " characters", question.key());
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw invalid(question.key() + " holds a control character", question.key());
            }
            checkType(question, value);
            ordered.put(question.key(), value);
        }
        return new Answers(paymentOptions(ordered), email(ordered), Map.copyOf(ordered));
    }

    /** The answer against its item's type; messages never repeat a free-text answer, it might be anything. */
    private static void checkType(ItemQuestion question, String value) throws TerminalException {
        String key = question.key();
        switch (question.type()) {
            case DIGITS -> {
                if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw invalid(key + " must be digits only", key);
                }
            }
            case EMAIL -> {
                if (!EMAIL.matcher(value).matches()) {
                    throw invalid(key + " is not an e-mail address", key);
                }
            }
            case CHOICE -> {
                if (!question.choices().contains(value)) {
                    throw invalid(key + " must be one of " + question.choices(), key);
                }
            }
            case TEXT -> {
                // any single line
            }
        }
        if (looksLikeCardNumber(value)) {
            // The journal keeps the answers: card data must never get in that way (PCI DSS 3.3, 3.4).
            throw invalid(key + " looks like a card number; additional items must never hold card data", key);
        }
    }

    /** A run of 12–19 digits passing Luhn, or of 20 and more (as CardDataRedactor hides them in logs). */
    static boolean looksLikeCardNumber(String value) {
        int i = 0;
        while (i < value.length()) {
            if (!isDigit(value.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < value.length() && isDigit(value.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length > MAX_PAN_DIGITS || (length >= MIN_PAN_DIGITS && Luhn.isValid(value.substring(start, i)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static JapanPaymentOptions paymentOptions(Map<String, String> answers) throws TerminalException {
        String code = answers.get(PAYMENT_METHOD);
        JapanPaymentMethod method = JapanPaymentMethod.fromCode(code)
                .orElseThrow(() -> invalid("payment_method '" + code + "' is not one of 10, 21-24, 31-34, 61, 80", PAYMENT_METHOD));
        int installments = JapanPaymentOptions.ABSENT;
        String count = answers.get(INSTALLMENTS);
        if (count != null) {
            if (!count.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw invalid("installments must be a number, got '" + count + "'", INSTALLMENTS);
            }
            installments = Integer.parseInt(count);
        }
        try {
            return new JapanPaymentOptions(method, installments, JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT,
                    JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT, JapanPaymentOptions.ABSENT);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage(), INSTALLMENTS);
        }
    }

    private static Optional<String> email(Map<String, String> answers) throws TerminalException {
        String email = answers.get(CUSTOMER_EMAIL);
        if (email == null) {
            return Optional.empty();
        }
        if (!EMAIL.matcher(email).matches()) {
            throw invalid("customer_email '" + email + "' is not an e-mail address", CUSTOMER_EMAIL);
        }
        return Optional.of(email);
    }

    private static TerminalException invalid(String message, String field) {
        return new TerminalException(TerminalException.Code.INVALID_ITEMS, message, field);
    }
}
