package io.kessai.card;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A card's expiry date as tracks and ISO 8583 (DE 14) carry it: YYMM, years 2000–2099.
 *
 * <p>A card expiring YYMM is valid through the last day of that month. An EMV Application
 * Expiration Date (tag 5F24, YYMMDD) also names the day; the card is then valid through that day.
 * Two expiry dates are equal when they have the same month and the same day (if any).
 *
 * <p>{@link #toString()} hides the value ("**&#47;**"): an expiry date next to a PAN is cardholder
 * data, and a log line is no place for it.
 */
public final class ExpiryDate {
    private static final int CENTURY_START = 2000;
    private static final int YEARS_PER_CENTURY = 100;
    private static final int YYMM_LENGTH = 4;
    private static final int YYMMDD_LENGTH = 6;
    private static final int FIRST_MONTH = 1;
    private static final int LAST_MONTH = 12;
    private static final int MONTH_OFFSET = 2;
    private static final int DAY_OFFSET = 4;
    /** Day value for "no day given: valid through the end of the month". */
    private static final int NO_DAY = 0;

    private final YearMonth yearMonth;
    private final int day;

    private ExpiryDate(YearMonth yearMonth, int day) {
        assert yearMonth.getYear() >= CENTURY_START && yearMonth.getYear() < CENTURY_START + YEARS_PER_CENTURY;
        assert day == NO_DAY || yearMonth.isValidDay(day);
        this.yearMonth = yearMonth;
        this.day = day;
    }

    /** From a YearMonth in 2000–2099 (a programming error otherwise). */
    public static ExpiryDate of(YearMonth yearMonth) {
        int year = yearMonth.getYear();
        if (year < CENTURY_START || year >= CENTURY_START + YEARS_PER_CENTURY) {
            throw new IllegalArgumentException("expiry year must be 2000-2099, was " + year);
        }
        return new ExpiryDate(yearMonth, NO_DAY);
    }

    /** Parses exactly four digits YYMM, month 01–12. */
    public static ExpiryDate parseYymm(String yymm) throws CardDataException {
        if (yymm.length() != YYMM_LENGTH) {
            throw new CardDataException("expiry date: YYMM must be 4 digits, got " + yymm.length() + " characters");
        }
        return new ExpiryDate(yearMonth(yymm, 0, YYMM_LENGTH, YYMM_LENGTH, "expiry date", "YYMM"), NO_DAY);
    }

    /** Parses exactly six digits YYMMDD (EMV tag 5F24): month 01–12, a day that month has. */
    public static ExpiryDate parseYymmdd(String yymmdd) throws CardDataException {
        if (yymmdd.length() != YYMMDD_LENGTH) {
            throw new CardDataException("expiry date: YYMMDD must be 6 digits, got " + yymmdd.length()
                    + " characters");
        }
        YearMonth month = yearMonth(yymmdd, 0, YYMMDD_LENGTH, YYMMDD_LENGTH, "expiry date", "YYMMDD");
        int day = Fields.twoDigits(yymmdd, DAY_OFFSET);
        if (!month.isValidDay(day)) {
            throw new CardDataException("expiry date: day at offset " + DAY_OFFSET + " is not a day of its month",
                    DAY_OFFSET);
        }
        return new ExpiryDate(month, day);
    }

    /**
     * Parses the four digits YYMM at {@code source[from]} (input ends at {@code to}); errors start
     * with {@code context} ("track 2") and give offsets in {@code source}.
     */
    static ExpiryDate parseYymm(CharSequence source, int from, int to, String context) throws CardDataException {
        return new ExpiryDate(yearMonth(source, from, to, YYMM_LENGTH, context, "expiry date YYMM"), NO_DAY);
    }

    /** Checks {@code digitCount} digits at {@code from} and a month 01–12 after the year; the day is the caller's. */
    private static YearMonth yearMonth(CharSequence source, int from, int to, int digitCount, String context,
            String field) throws CardDataException {
        Fields.requireDigits(source, from, to, digitCount, context + ": " + field);
        int month = Fields.twoDigits(source, from + MONTH_OFFSET);
        if (month < FIRST_MONTH || month > LAST_MONTH) {
            throw new CardDataException(context + ": " + field + ": month at offset " + (from + MONTH_OFFSET)
                    + " is not 01-12", from + MONTH_OFFSET);
        }
        return YearMonth.of(CENTURY_START + Fields.twoDigits(source, from), month);
    }

    /** The four digits YYMM, as DE 14 and the tracks carry them. */
    public String yymm() {
        return String.format("%02d%02d", yearMonth.getYear() - CENTURY_START, yearMonth.getMonthValue());
    }

    /** Year 20YY, month MM. */
    public YearMonth yearMonth() {
        return yearMonth;
    }

    /** The last day on which the card is valid: the given day (5F24), else the month's last day. */
    public LocalDate lastValidDay() {
        return day == NO_DAY ? yearMonth.atEndOfMonth() : yearMonth.atDay(day);
    }

    /** True when {@code date} is after {@link #lastValidDay()}. */
    public boolean isExpiredOn(LocalDate date) {
        return date.isAfter(lastValidDay());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExpiryDate that && that.yearMonth.equals(yearMonth) && that.day == day;
    }

    @Override
    public int hashCode() {
        return Objects.hash(yearMonth, day);
    }

    /** Never the value: see the class comment. */
    @Override
    public String toString() {
        return "ExpiryDate[**/**]";
    }
}
