package io.kessai.issuer.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The issuer's state in memory: accounts, authorizations by key and by RRN, reversals that came
 * before their original, and the next journal sequence number. Changed only through
 * {@link #apply}, by live decisions and by the replay at start-up alike, so both end in the same
 * state. Not thread-safe: the host decides under one lock ({@code IssuerEngine}).
 */
public final class Ledger {
    private static final int NO_ACCOUNT = -1;
    private static final int CURRENCY_CHARACTERS = 3;
    private static final int BYTE_BITS = 8;
    private static final int BYTE_MASK = 0xFF;

    private final LedgerLimits limits;
    private final Map<PanKey, Account> accounts = new HashMap<>();
    private final List<Account> accountsById = new ArrayList<>();
    private final AuthorizationTable authorizations;
    /** TxnKey or RrnKey of reversals without their original, oldest first. */
    private final LinkedHashMap<Object, Boolean> unmatchedReversals = new LinkedHashMap<>();
    /** Currency codes met so far, packed → text: a handful, so the table keeps an int per authorization. */
    private final Map<Integer, String> currencies = new HashMap<>();
    private long lastSeq;
    private String lastCurrency;
    private int lastCurrencyCode;

    public Ledger(LedgerLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.authorizations = new AuthorizationTable(limits);
    }

    /** Prepares for a replay of {@code journalEntries} entries (memory is taken once, within the limits). */
    public void expect(long journalEntries) {
        authorizations.reserve(journalEntries);
    }

    /** The sequence number the next journal entry gets. */
    public long nextSeq() {
        return lastSeq + 1;
    }

    public Account account(PanKey key) {
        return accounts.get(key);
    }

    public Map<PanKey, Account> accounts() {
        return Collections.unmodifiableMap(accounts);
    }

    /** Adds a new account or gives an existing one new terms (holds stay). */
    public Account putAccount(PanKey key, AccountTerms terms) {
        Account account = accounts.get(key);
        if (account == null) {
            account = new Account(key, accountsById.size(), terms);
            accounts.put(key, account);
            accountsById.add(account);
        } else {
            account.update(terms);
        }
        return account;
    }

    Account accountById(int id) {
        return id == NO_ACCOUNT ? null : accountsById.get(id);
    }

    public Authorization find(TxnKey key) {
        return view(authorizations.find(key));
    }

    public Authorization find(RrnKey key) {
        return view(authorizations.find(key));
    }

    private Authorization view(int slot) {
        return slot == AuthorizationTable.NONE ? null : new Authorization(authorizations, slot, this);
    }

    /** True if a reversal named this authorization (by key or by RRN) before it arrived. */
    public boolean reversedBeforeSeen(TxnKey key, RrnKey rrnKey) {
        if (unmatchedReversals.isEmpty()) {
            return false; // the usual case: no hashing on the hot path
        }
        return (key != null && unmatchedReversals.containsKey(key))
                || (rrnKey != null && unmatchedReversals.containsKey(rrnKey));
    }

    public int openHolds() {
        return authorizations.openCount();
    }

    public boolean openHoldsFull() {
        return authorizations.openCount() >= limits.openHolds();
    }

    /**
     * Applies one journal entry. Entries come in {@code seq} order with no gap. Account amounts
     * always follow the entry's deltas, even when the authorization it names is no longer in memory,
     * so balances are exact whatever was forgotten.
     */
    public void apply(JournalEntry entry) {
        if (entry.seq() != lastSeq + 1) {
            throw new IllegalStateException("journal entry " + entry.seq() + " applied after " + lastSeq);
        }
        lastSeq = entry.seq();
        Account account = entry.account() == null ? null : accounts.get(entry.account());
        if (account != null) {
            account.applyDeltas(entry.holdDeltaMinor(), entry.postedDeltaMinor());
            if (entry.pinFailuresAfter() != JournalEntry.NO_PIN_CHECK) {
                account.pinFailures(entry.pinFailuresAfter());
            }
        }
        switch (entry.kind()) {
            case AUTHORIZATION, FINANCIAL -> record(entry, account);
            case COMPLETION -> settle(entry, Authorization.State.COMPLETED);
            case REVERSAL -> settle(entry, Authorization.State.REVERSED);
            case UNMATCHED_REVERSAL -> rememberUnmatched(entry);
            case DUPLICATE, PIN_RESET -> {
                // Nothing beyond the account fields above: a duplicate is declined without a trace in the
                // indexes (the key belongs to the first request), a PIN reset only clears the count.
            }
        }
    }

    private void record(JournalEntry entry, Account account) {
        Authorization.State state;
        if (entry.holdDeltaMinor() > 0) {
            state = Authorization.State.HELD;
        } else if (entry.postedDeltaMinor() > 0) {
            state = Authorization.State.POSTED;
        } else {
            state = Authorization.State.DECLINED;
        }
        authorizations.record(entry, account == null ? NO_ACCOUNT : account.id(), currencyCode(entry.currency()), state);
        if (!unmatchedReversals.isEmpty()) {
            unmatchedReversals.remove(entry.key());
            unmatchedReversals.remove(entry.rrnKey());
        }
    }

    private void settle(JournalEntry entry, Authorization.State newState) {
        int slot = entry.key() != null ? authorizations.find(entry.key()) : authorizations.find(entry.rrnKey());
        if (slot == AuthorizationTable.NONE) {
            return; // forgotten (closed and evicted): the account deltas above already applied
        }
        authorizations.settle(slot, entry.holdDeltaMinor(), entry.postedDeltaMinor(), newState);
    }

    private void rememberUnmatched(JournalEntry entry) {
        Object key = entry.key() != null ? entry.key() : entry.rrnKey();
        if (key == null) {
            return;
        }
        unmatchedReversals.put(key, Boolean.TRUE);
        if (unmatchedReversals.size() > limits.unmatchedReversals()) {
            Object eldest = unmatchedReversals.keySet().iterator().next();
            unmatchedReversals.remove(eldest);
        }
    }

    /** Up to 3 ASCII characters in an int (ISO 4217 is 3 digits or letters); remembers the text. */
    private int currencyCode(String currency) {
        if (currency == null) {
            return 0;
        }
        if (currency.equals(lastCurrency)) {
            return lastCurrencyCode; // nearly always: an issuer has one or two currencies
        }
        int packed = 0;
        for (int i = 0; i < Math.min(CURRENCY_CHARACTERS, currency.length()); i++) {
            packed = (packed << BYTE_BITS) | (currency.charAt(i) & BYTE_MASK);
        }
        currencies.putIfAbsent(packed, currency);
        lastCurrency = currency;
        lastCurrencyCode = packed;
        return packed;
    }

    String currencyText(int packed) {
        return packed == 0 ? null : currencies.get(packed);
    }

    String responseCodeText(char first, char second) {
        return String.valueOf(new char[] {first, second});
    }
}
