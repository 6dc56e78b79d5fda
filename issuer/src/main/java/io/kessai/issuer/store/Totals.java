package io.kessai.issuer.store;

import io.kessai.db.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * The issuer's totals for reconciliation, from the journal alone: per currency, how many and how much
 * was authorized, declined, posted, completed, reversed and is still held. Amounts in minor units.
 *
 * @param perCurrency one row per ISO 4217 currency that has entries, ascending
 * @param unmatchedReversals reversals whose original was never seen (nothing was released)
 * @param journalEntries all entries, including PIN resets
 */
public record Totals(List<CurrencyTotals> perCurrency, long unmatchedReversals, long journalEntries) {

    /**
     * @param authorizationsApproved approved 0100s (each put a hold)
     * @param declined declined 0100s and 0200s, duplicates included
     * @param financialApproved approved 0200s (posted at once)
     * @param completions 0220s that settled a hold; amount = final amounts
     * @param reversals 0400/0420 that released a hold or took back a posting; amount = what they released
     * @param openHolds holds neither completed nor reversed
     * @param postedAmountMinor what the cardholders owe now: completions and 0200s less their reversals
     */
    public record CurrencyTotals(
            String currency, CountAmount authorizationsApproved, CountAmount declined, CountAmount financialApproved,
            CountAmount completions, CountAmount reversals, CountAmount openHolds, long postedAmountMinor) {}

    public record CountAmount(long count, long amountMinor) {}

    private static final String PER_CURRENCY = """
            SELECT currency,
              count(*) FILTER (WHERE kind = 'authorization' AND response_code = '00') AS approved_count,
              coalesce(sum(amount_minor) FILTER (WHERE kind = 'authorization' AND response_code = '00'), 0) AS approved_amount,
              count(*) FILTER (WHERE kind IN ('authorization', 'financial', 'duplicate') AND response_code <> '00') AS declined_count,
              coalesce(sum(amount_minor) FILTER (WHERE kind IN ('authorization', 'financial', 'duplicate') AND response_code <> '00'), 0) AS declined_amount,
              count(*) FILTER (WHERE kind = 'financial' AND response_code = '00') AS financial_count,
              coalesce(sum(amount_minor) FILTER (WHERE kind = 'financial' AND response_code = '00'), 0) AS financial_amount,
              count(*) FILTER (WHERE kind = 'completion') AS completion_count,
              coalesce(sum(amount_minor) FILTER (WHERE kind = 'completion'), 0) AS completion_amount,
              count(*) FILTER (WHERE kind = 'reversal') AS reversal_count,
              coalesce(sum(amount_minor) FILTER (WHERE kind = 'reversal'), 0) AS reversal_amount,
              count(*) FILTER (WHERE kind = 'authorization' AND response_code = '00')
                - count(*) FILTER (WHERE kind IN ('completion', 'reversal') AND hold_delta_minor < 0) AS open_count,
              coalesce(sum(hold_delta_minor), 0) AS open_amount,
              coalesce(sum(posted_delta_minor), 0) AS posted_amount
            FROM %s
            WHERE currency IS NOT NULL AND kind NOT IN ('unmatched_reversal', 'pin_reset')
            GROUP BY currency ORDER BY currency""";

    public static Totals query(Database database, Schema schema) {
        return database.jdbi().withHandle(handle -> {
            List<CurrencyTotals> rows = handle.createQuery(PER_CURRENCY.formatted(schema.table("journal")))
                    .map((row, context) -> new CurrencyTotals(
                            row.getString("currency"),
                            new CountAmount(row.getLong("approved_count"), row.getLong("approved_amount")),
                            new CountAmount(row.getLong("declined_count"), row.getLong("declined_amount")),
                            new CountAmount(row.getLong("financial_count"), row.getLong("financial_amount")),
                            new CountAmount(row.getLong("completion_count"), row.getLong("completion_amount")),
                            new CountAmount(row.getLong("reversal_count"), row.getLong("reversal_amount")),
                            new CountAmount(row.getLong("open_count"), row.getLong("open_amount")),
                            row.getLong("posted_amount")))
                    .list();
            long unmatched = handle.createQuery("SELECT count(*) FROM " + schema.table("journal")
                    + " WHERE kind = 'unmatched_reversal'").mapTo(Long.class).one();
            long entries = handle.createQuery("SELECT count(*) FROM " + schema.table("journal")).mapTo(Long.class).one();
            return new Totals(rows, unmatched, entries);
        });
    }

    /** One {@code key: value} per line, keys prefixed by the numeric currency: {@code 392.holds.open.count: 3}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("journal.entries: " + journalEntries);
        for (CurrencyTotals totals : perCurrency) {
            String prefix = totals.currency() + ".";
            add(lines, prefix + "authorizations.approved", totals.authorizationsApproved());
            add(lines, prefix + "authorizations.declined", totals.declined());
            add(lines, prefix + "financial.approved", totals.financialApproved());
            add(lines, prefix + "holds.open", totals.openHolds());
            add(lines, prefix + "completions", totals.completions());
            add(lines, prefix + "reversals", totals.reversals());
            lines.add(prefix + "posted.amount: " + totals.postedAmountMinor());
        }
        lines.add("reversals.unmatched.count: " + unmatchedReversals);
        return lines;
    }

    private static void add(List<String> lines, String key, CountAmount value) {
        lines.add(key + ".count: " + value.count());
        lines.add(key + ".amount: " + value.amountMinor());
    }
}
