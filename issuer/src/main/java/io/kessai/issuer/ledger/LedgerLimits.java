package io.kessai.issuer.ledger;

/**
 * How much the ledger remembers, so memory stays bounded however long the host runs.
 *
 * @param closedTransactions decided authorizations that are no longer open (declined, posted,
 *     completed, reversed) kept for duplicate detection, re-sends and late reversals; the oldest are
 *     forgotten first
 * @param openHolds approved 0100s not yet completed or reversed; never forgotten, so when full new
 *     authorizations are declined 96 until holds are settled
 * @param unmatchedReversals reversals that arrived before (or without) their original, remembered
 *     so that a late original is declined; the oldest are forgotten first
 */
public record LedgerLimits(int closedTransactions, int openHolds, int unmatchedReversals) {
    public static final LedgerLimits DEFAULT = new LedgerLimits(1_000_000, 2_000_000, 100_000);

    public LedgerLimits {
        if (closedTransactions < 1 || openHolds < 1 || unmatchedReversals < 1) {
            throw new IllegalArgumentException("ledger limits must be at least 1");
        }
    }
}
