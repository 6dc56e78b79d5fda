package io.kessai.iso8583.kessai;

import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import java.util.Objects;

/**
 * DE 48 (additional data, private; LLLVAR ans..999) in the Kessai dialect: a list of sub-elements,
 * each tag n2 ‖ length n2 ‖ value (printable ASCII, 0–99 characters). Written in ascending tag
 * order; read in any order, but a tag may appear only once. Unknown tags are kept, so a peer may add
 * its own without breaking Kessai.
 *
 * <p>Example: {@code 0102610202} = sub-element 01 "61" (installments), sub-element 02 "02" (2 payments).
 */
public final class AdditionalData {
    /** 支払区分: the Japanese payment method, n2 ({@link JapanPaymentMethod}). */
    public static final int PAYMENT_METHOD = 1;
    /** 分割回数: number of installments, n2. */
    public static final int INSTALLMENT_COUNT = 2;
    /** ボーナス回数: number of bonus payments, n2. */
    public static final int BONUS_COUNT = 3;
    /** First bonus month, n2 (01–12). */
    public static final int FIRST_BONUS_MONTH = 4;
    /** First bonus amount in minor units, n12. */
    public static final int FIRST_BONUS_AMOUNT = 5;
    /** Second bonus month, n2 (01–12). */
    public static final int SECOND_BONUS_MONTH = 6;
    /** Second bonus amount in minor units, n12. */
    public static final int SECOND_BONUS_AMOUNT = 7;
    /** 初回請求月: first billing month, n2 (01–12). */
    public static final int FIRST_BILLING_MONTH = 8;

    public static final int MAX_TAG = 99;
    public static final int MAX_VALUE_LENGTH = 99;
    /** DE 48's own maximum length. */
    public static final int MAX_TOTAL_LENGTH = 999;

    private static final int TAG_DIGITS = 2;
    private static final int LENGTH_DIGITS = 2;
    private static final int HEADER_LENGTH = TAG_DIGITS + LENGTH_DIGITS;
    private static final int DECIMAL_BASE = 10;
    private static final String CONTEXT = "DE " + DataElement.ADDITIONAL_DATA_PRIVATE;

    private final String[] values = new String[MAX_TAG + 1];

    public AdditionalData() {}

    /** The sub-elements of a message's DE 48; none when it is absent. */
    public static AdditionalData from(IsoMessage message) throws IsoFormatException {
        return message.hasField(DataElement.ADDITIONAL_DATA_PRIVATE)
                ? parse(message.get(DataElement.ADDITIONAL_DATA_PRIVATE))
                : new AdditionalData();
    }

    /**
     * Reads DE 48's text.
     *
     * @throws IsoFormatException naming the sub-element and the position in DE 48
     */
    public static AdditionalData parse(String de48) throws IsoFormatException {
        if (de48.length() > MAX_TOTAL_LENGTH) {
            throw new IsoFormatException(CONTEXT + ": " + de48.length() + " characters exceed " + MAX_TOTAL_LENGTH);
        }
        AdditionalData data = new AdditionalData();
        int at = 0;
        while (at < de48.length()) {
            if (de48.length() - at < HEADER_LENGTH) {
                throw new IsoFormatException(CONTEXT + ": sub-element header needs " + HEADER_LENGTH + " digits, "
                        + (de48.length() - at) + " left at position " + at);
            }
            int tag = digits(de48, at, TAG_DIGITS, "sub-element tag");
            int length = digits(de48, at + TAG_DIGITS, LENGTH_DIGITS, "sub-element " + twoDigits(tag) + " length");
            int valueAt = at + HEADER_LENGTH;
            if (length > de48.length() - valueAt) {
                throw new IsoFormatException(CONTEXT + ": sub-element " + twoDigits(tag) + " declared length " + length
                        + ", " + (de48.length() - valueAt) + " characters left at position " + valueAt);
            }
            if (data.values[tag] != null) {
                throw new IsoFormatException(CONTEXT + ": sub-element " + twoDigits(tag) + " appears twice, again at "
                        + "position " + at);
            }
            String value = de48.substring(valueAt, valueAt + length);
            int bad = firstNonPrintable(value);
            if (bad >= 0) {
                throw new IsoFormatException(CONTEXT + ": sub-element " + twoDigits(tag)
                        + " has a non-printable character at position " + (valueAt + bad));
            }
            data.values[tag] = value;
            at = valueAt + length;
        }
        return data;
    }

    /**
     * Sets a sub-element.
     *
     * @throws IllegalArgumentException for a tag outside 0..99, a value longer than 99 or not printable ASCII
     */
    public AdditionalData put(int tag, String value) {
        requireTag(tag);
        Objects.requireNonNull(value, "value");
        if (value.length() > MAX_VALUE_LENGTH || firstNonPrintable(value) >= 0) {
            throw new IllegalArgumentException("sub-element " + twoDigits(tag)
                    + " must be 0.." + MAX_VALUE_LENGTH + " printable ASCII characters");
        }
        values[tag] = value;
        return this;
    }

    /** The value, or null when absent. */
    public String get(int tag) {
        requireTag(tag);
        return values[tag];
    }

    public boolean has(int tag) {
        return get(tag) != null;
    }

    public AdditionalData remove(int tag) {
        requireTag(tag);
        values[tag] = null;
        return this;
    }

    public boolean isEmpty() {
        for (String value : values) {
            if (value != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * DE 48's text, sub-elements in ascending tag order.
     *
     * @throws IllegalStateException if the sub-elements together exceed 999 characters
     */
    public String format() {
        StringBuilder out = new StringBuilder();
        for (int tag = 0; tag <= MAX_TAG; tag++) {
            String value = values[tag];
            if (value != null) {
                out.append(twoDigits(tag)).append(twoDigits(value.length())).append(value);
            }
        }
        if (out.length() > MAX_TOTAL_LENGTH) {
            throw new IllegalStateException(CONTEXT + " would be " + out.length() + " characters, at most "
                    + MAX_TOTAL_LENGTH);
        }
        return out.toString();
    }

    /** Sets (or, when empty, removes) the message's DE 48. */
    public void writeTo(IsoMessage message) {
        if (isEmpty()) {
            message.remove(DataElement.ADDITIONAL_DATA_PRIVATE);
        } else {
            message.set(DataElement.ADDITIONAL_DATA_PRIVATE, format());
        }
    }

    private static void requireTag(int tag) {
        if (tag < 0 || tag > MAX_TAG) {
            throw new IllegalArgumentException("sub-element tag must be 00..99, was " + tag);
        }
    }

    private static int digits(String text, int at, int count, String what) throws IsoFormatException {
        int number = 0;
        for (int i = at; i < at + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit >= DECIMAL_BASE) {
                throw new IsoFormatException(CONTEXT + ": " + what + " is not " + count + " digits at position " + at);
            }
            number = number * DECIMAL_BASE + digit;
        }
        return number;
    }

    private static int firstNonPrintable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~') {
                return i;
            }
        }
        return -1;
    }

    static String twoDigits(int number) {
        assert number >= 0 && number < DECIMAL_BASE * DECIMAL_BASE;
        return new String(new char[] {(char) ('0' + number / DECIMAL_BASE), (char) ('0' + number % DECIMAL_BASE)});
    }
}
