package io.kessai.issuer.ledger;


/**
 * A decided 0100 or 0200 and where it stands, as the ledger found it: a view of one slot of the
 * {@link AuthorizationTable}, valid while the caller holds the ledger's lock and applies nothing.
 * Money in minor units of {@link #currency()}.
 */
public final class Authorization {
    /** Where an authorization stands; only {@link #HELD} is open. */
    public enum State {
        DECLINED,
        /** An approved 0100: its amount is held on the account until completed or reversed. */
        HELD,
        /** An approved 0200: posted at once. */
        POSTED,
        /** A hold settled by a 0220 at its final amount. */
        COMPLETED,
        REVERSED
    }

    private final AuthorizationTable table;
    private final int slot;
    private final Ledger ledger;

    Authorization(AuthorizationTable table, int slot, Ledger ledger) {
        this.table = table;
        this.slot = slot;
        this.ledger = ledger;
    }

    public TxnKey key() {
        return table.key(slot);
    }

    /** Null when the request had no RRN. */
    public RrnKey rrnKey() {
        return table.rrnKey(slot);
    }

    /** Null when the card was unknown (declined 14). */
    public Account account() {
        return ledger.accountById(table.accountId(slot));
    }

    public long fingerprint() {
        return table.fingerprint(slot);
    }

    /** ISO 4217 as the request gave it. */
    public String currency() {
        return ledger.currencyText(table.currency(slot));
    }

    /** DE 39 as first answered. */
    public String responseCode() {
        return ledger.responseCodeText(table.responseCode(slot, 0), table.responseCode(slot, 1));
    }

    /** DE 38 of an approval (made from its journal seq, as when it was answered), else null. */
    public String approvalCode() {
        State state = state();
        return state == State.DECLINED ? null : ApprovalCode.forSeq(table.seq(slot));
    }

    public State state() {
        return table.state(slot);
    }

    public boolean isOpen() {
        return state() == State.HELD;
    }

    public long heldMinor() {
        return table.heldMinor(slot);
    }

    public long postedMinor() {
        return table.postedMinor(slot);
    }

    @Override
    public String toString() {
        return "Authorization[" + key() + ", " + state() + "]";
    }
}
