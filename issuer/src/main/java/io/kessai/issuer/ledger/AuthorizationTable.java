package io.kessai.issuer.ledger;

import java.util.Arrays;

/**
 * Every remembered authorization, stored column by column in primitive arrays, one slot each, with a
 * hash index by key ({@link TxnKey}) and one by RRN ({@link RrnKey}). The host keeps up to millions
 * of open holds: as objects they cost the garbage collector more than deciding them cost the host
 * (every young collection copied them and scanned the maps that point at them); as columns of longs
 * they cost it nothing.
 *
 * <p>Closed authorizations (declined, posted, completed, reversed) are kept in a ring, oldest first,
 * and forgotten beyond {@link LedgerLimits#closedTransactions()}; their slots are reused. Open holds are
 * never forgotten. Columns grow by doubling up to the limits' total. Not thread-safe: guarded by the
 * ledger's lock.
 */
final class AuthorizationTable {
    static final int NONE = -1;
    private static final int INITIAL_SLOTS = 1 << 10;
    private static final int KEY_WORDS = 6;
    private static final int ACQUIRER = 0;
    private static final int TERMINAL = 1;
    private static final int STAN = 2;
    private static final int TRANSMISSION = 3;
    private static final int RRN_HIGH = 4;
    private static final int RRN_LOW = 5;
    /** The decision had a key / an RRN. */
    private static final byte HAS_KEY = 1;
    private static final byte HAS_RRN = 2;
    /** The slot is what the index finds for that key / RRN (a newer authorization may have taken it over). */
    private static final byte KEY_INDEXED = 4;
    private static final byte RRN_INDEXED = 8;

    private final int maxSlots;
    private final int closedCapacity;
    private int capacity = INITIAL_SLOTS;
    private int highWater;
    private int[] freeSlots = new int[INITIAL_SLOTS];
    private int freeCount;

    /**
     * Per slot, side by side: acquirer, terminal, STAN, DE 7, RRN high, RRN low (48 bytes, so a look-up
     * reads one or two cache lines rather than one line in each of six arrays).
     */
    private long[] keyWords = new long[INITIAL_SLOTS * KEY_WORDS];
    /** The slot's hash in each index, so removal and growth never recompute it. */
    private int[] keyHash = new int[INITIAL_SLOTS];
    private int[] rrnHash = new int[INITIAL_SLOTS];
    private long[] fingerprint = new long[INITIAL_SLOTS];
    private long[] seq = new long[INITIAL_SLOTS];
    private long[] heldMinor = new long[INITIAL_SLOTS];
    private long[] postedMinor = new long[INITIAL_SLOTS];
    private int[] accountId = new int[INITIAL_SLOTS];
    private int[] currency = new int[INITIAL_SLOTS];
    private char[] responseCode = new char[INITIAL_SLOTS * 2];
    private byte[] state = new byte[INITIAL_SLOTS];
    private byte[] flags = new byte[INITIAL_SLOTS];

    /** Closed slots in closing order: a ring of {@code closedCapacity}. */
    private int[] closedRing;
    private int closedHead;
    private int closedCount;
    private int openCount;

    private final SlotIndex byKey = new SlotIndex() {
        @Override
        boolean matches(int slot, long a, long b, long c, long d) {
            int at = slot * KEY_WORDS;
            return keyWords[at + STAN] == c && keyWords[at + TRANSMISSION] == d && keyWords[at + TERMINAL] == b
                    && keyWords[at + ACQUIRER] == a && (flags[slot] & KEY_INDEXED) != 0;
        }
    };

    private final SlotIndex byRrn = new SlotIndex() {
        @Override
        boolean matches(int slot, long a, long b, long c, long d) {
            int at = slot * KEY_WORDS;
            return keyWords[at + RRN_LOW] == c && keyWords[at + RRN_HIGH] == b && keyWords[at + TERMINAL] == a
                    && (flags[slot] & RRN_INDEXED) != 0;
        }
    };

    AuthorizationTable(LedgerLimits limits) {
        this.closedCapacity = limits.closedTransactions();
        // One more than both limits: a new record takes its slot before the oldest closed one is freed.
        this.maxSlots = (int) Math.min(Integer.MAX_VALUE - 1, (long) limits.closedTransactions() + limits.openHolds() + 1);
        this.closedRing = new int[Math.min(closedCapacity, INITIAL_SLOTS)];
    }

    int openCount() {
        return openCount;
    }

    int find(TxnKey key) {
        return key == null ? NONE : byKey.find(keyHash(key), key.acquirer(), key.terminal(), key.stan(), key.transmission());
    }

    int find(RrnKey key) {
        return key == null ? NONE : byRrn.find(rrnHash(key), key.terminal(), key.high(), key.low(), 0);
    }

    private static int keyHash(TxnKey key) {
        return SlotIndex.hash(key.acquirer(), key.terminal(), key.stan(), key.transmission());
    }

    private static int rrnHash(RrnKey key) {
        return SlotIndex.hash(key.terminal(), key.high(), key.low(), 0);
    }

    /** Records a decided authorization; an earlier one under the same key or RRN is no longer found by it. */
    int record(JournalEntry decision, int account, int currencyCode, Authorization.State initialState) {
        int slot = allocate();
        TxnKey key = decision.key();
        RrnKey rrnKey = decision.rrnKey();
        byte slotFlags = 0;
        int at = slot * KEY_WORDS;
        keyWords[at + TERMINAL] = decision.terminal();
        if (key != null) {
            keyWords[at + ACQUIRER] = key.acquirer();
            keyWords[at + STAN] = key.stan();
            keyWords[at + TRANSMISSION] = key.transmission();
            keyHash[slot] = keyHash(key);
            slotFlags |= HAS_KEY;
        }
        if (rrnKey != null) {
            keyWords[at + RRN_HIGH] = rrnKey.high();
            keyWords[at + RRN_LOW] = rrnKey.low();
            rrnHash[slot] = rrnHash(rrnKey);
            slotFlags |= HAS_RRN;
        }
        fingerprint[slot] = decision.fingerprint();
        seq[slot] = decision.seq();
        heldMinor[slot] = decision.holdDeltaMinor();
        postedMinor[slot] = decision.postedDeltaMinor();
        accountId[slot] = account;
        currency[slot] = currencyCode;
        responseCode[2 * slot] = decision.responseCode().charAt(0);
        responseCode[2 * slot + 1] = decision.responseCode().charAt(1);
        state[slot] = (byte) initialState.ordinal();
        flags[slot] = slotFlags;
        if (key != null) {
            flags[slot] |= KEY_INDEXED;
            taken(byKey.put(keyHash[slot], slot, key.acquirer(), key.terminal(), key.stan(), key.transmission()),
                    KEY_INDEXED);
        }
        if (rrnKey != null) {
            flags[slot] |= RRN_INDEXED;
            taken(byRrn.put(rrnHash[slot], slot, rrnKey.terminal(), rrnKey.high(), rrnKey.low(), 0), RRN_INDEXED);
        }
        if (initialState == Authorization.State.HELD) {
            openCount++;
        } else {
            close(slot);
        }
        return slot;
    }

    /** A slot whose key or RRN a newer authorization took over is no longer indexed by it. */
    private void taken(int earlier, byte indexedFlag) {
        if (earlier != NONE) {
            flags[earlier] &= (byte) ~indexedFlag;
        }
    }

    /** Applies a completion's or reversal's amounts and new state; an open hold becomes closed. */
    void settle(int slot, long holdDeltaMinor, long postedDeltaMinor, Authorization.State newState) {
        boolean wasOpen = state(slot) == Authorization.State.HELD;
        heldMinor[slot] += holdDeltaMinor;
        postedMinor[slot] += postedDeltaMinor;
        assert heldMinor[slot] >= 0 && postedMinor[slot] >= 0 : "authorization went negative";
        state[slot] = (byte) newState.ordinal();
        if (wasOpen) {
            openCount--;
            close(slot);
        }
    }

    private void close(int slot) {
        assert closedRing.length == closedCapacity || closedCount < closedCapacity;
        if (closedCount == closedCapacity) {
            forget(closedRing[closedHead]);
            closedRing[closedHead] = slot;
            closedHead = (closedHead + 1) % closedCapacity;
            return;
        }
        if (closedCount == closedRing.length) {
            growRing();
        }
        closedRing[(closedHead + closedCount) % closedRing.length] = slot;
        closedCount++;
    }

    private void growRing() {
        int[] grown = new int[(int) Math.min(closedCapacity, 2L * closedRing.length)];
        for (int i = 0; i < closedCount; i++) {
            grown[i] = closedRing[(closedHead + i) % closedRing.length];
        }
        closedHead = 0;
        closedRing = grown;
    }

    private void forget(int slot) {
        if ((flags[slot] & KEY_INDEXED) != 0) {
            byKey.remove(keyHash[slot], slot);
        }
        if ((flags[slot] & RRN_INDEXED) != 0) {
            byRrn.remove(rrnHash[slot], slot);
        }
        flags[slot] = 0;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
        }
        freeSlots[freeCount++] = slot;
    }

    private int allocate() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (highWater >= maxSlots) {
            throw new IllegalStateException("more authorizations to remember than the ledger limits allow ("
                    + maxSlots + "): raise the open-hold limit");
        }
        if (highWater == capacity) {
            growColumns((int) Math.min(maxSlots, 2L * capacity));
        }
        return highWater++;
    }

    /** Makes room for {@code authorizations} at once, within the limits: one allocation, not twenty. */
    void reserve(long authorizations) {
        int wanted = (int) Math.min(maxSlots, authorizations);
        if (wanted > capacity) {
            growColumns(wanted);
        }
        byKey.reserve(wanted);
        byRrn.reserve(wanted);
    }

    private void growColumns(int newCapacity) {
        keyWords = Arrays.copyOf(keyWords, newCapacity * KEY_WORDS);
        keyHash = Arrays.copyOf(keyHash, newCapacity);
        rrnHash = Arrays.copyOf(rrnHash, newCapacity);
        fingerprint = Arrays.copyOf(fingerprint, newCapacity);
        seq = Arrays.copyOf(seq, newCapacity);
        heldMinor = Arrays.copyOf(heldMinor, newCapacity);
        postedMinor = Arrays.copyOf(postedMinor, newCapacity);
        accountId = Arrays.copyOf(accountId, newCapacity);
        currency = Arrays.copyOf(currency, newCapacity);
        responseCode = Arrays.copyOf(responseCode, 2 * newCapacity);
        state = Arrays.copyOf(state, newCapacity);
        flags = Arrays.copyOf(flags, newCapacity);
        capacity = newCapacity;
    }

    // ---- columns, for the Authorization view ----

    TxnKey key(int slot) {
        int at = slot * KEY_WORDS;
        return (flags[slot] & HAS_KEY) == 0 ? null : new TxnKey(keyWords[at + ACQUIRER], keyWords[at + TERMINAL],
                (int) keyWords[at + STAN], keyWords[at + TRANSMISSION]);
    }

    RrnKey rrnKey(int slot) {
        int at = slot * KEY_WORDS;
        return (flags[slot] & HAS_RRN) == 0 ? null
                : new RrnKey(keyWords[at + TERMINAL], keyWords[at + RRN_HIGH], keyWords[at + RRN_LOW]);
    }

    long fingerprint(int slot) {
        return fingerprint[slot];
    }

    long seq(int slot) {
        return seq[slot];
    }

    long heldMinor(int slot) {
        return heldMinor[slot];
    }

    long postedMinor(int slot) {
        return postedMinor[slot];
    }

    int accountId(int slot) {
        return accountId[slot];
    }

    int currency(int slot) {
        return currency[slot];
    }

    char responseCode(int slot, int position) {
        return responseCode[2 * slot + position];
    }

    Authorization.State state(int slot) {
        return STATES[state[slot]];
    }

    private static final Authorization.State[] STATES = Authorization.State.values();
}
