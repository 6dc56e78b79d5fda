package io.kessai.issuer.ledger;

import java.util.Objects;

/**
 * One state change of the issuer, as the journal table keeps it: the issuer's whole state is the
 * accounts file plus these entries applied in {@code seq} order ({@link Ledger#apply}). Holds no
 * card data: the account is its {@link PanKey}, the PAN only masked.
 *
 * @param seq position in the journal, from 1, gap-free
 * @param mti the message that caused it ("" for a {@link EntryKind#PIN_RESET})
 * @param key the authorization it is about (for a completion or reversal: the original's), or null
 * @param terminal DE 41 packed by {@link Terminal} (0 when absent)
 * @param messageStan the DE 11 of the message itself, or -1
 * @param rrn DE 37, or null
 * @param account the card account, or null when the card is unknown
 * @param maskedPan first 6 / last 4, or null
 * @param currency ISO 4217 numeric, or null when not known
 * @param responseCode DE 39 as answered
 * @param approvalCode DE 38 of an approval, else null
 * @param holdDeltaMinor change of the account's held amount
 * @param postedDeltaMinor change of the account's posted amount
 * @param pinFailuresAfter consecutive wrong PINs after this entry, -1 when no PIN was checked
 * @param fingerprint what an exact re-send of the request has in common with it (see {@code Fingerprint})
 */
public record JournalEntry(
        long seq, EntryKind kind, String mti, TxnKey key, long terminal, int messageStan, String rrn,
        PanKey account, String maskedPan, long amountMinor, String currency, String responseCode,
        String approvalCode, long holdDeltaMinor, long postedDeltaMinor, int pinFailuresAfter, long fingerprint) {

    public static final int NO_STAN = -1;
    public static final int NO_PIN_CHECK = -1;

    public JournalEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mti, "mti");
        Objects.requireNonNull(responseCode, "responseCode");
        if (key != null && key.terminal() != terminal) {
            throw new IllegalArgumentException("the key's terminal and the entry's differ");
        }
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }

    public RrnKey rrnKey() {
        return RrnKey.of(terminal, rrn);
    }
}
