package io.kessai.issuer.ledger;

/**
 * A hash index from a key of up to four longs to a slot of the {@link AuthorizationTable}: open
 * addressing with linear probing and backward-shift deletion, over one long array whose entries hold
 * the key's 32-bit hash and the slot (slot + 1, so 0 = empty). No node objects and no references: a
 * million entries are 16 MB the garbage collector never traces. A probe compares the stored hash
 * first and reads the table's key columns only when it matches, so a miss costs one cache line of the
 * index rather than one per column. Grows by doubling below half full. Not thread-safe.
 */
abstract class SlotIndex {
    private static final int INITIAL_CAPACITY = 1 << 10;
    private static final int HASH_BITS = 32;
    private static final long SLOT_MASK = 0xFFFF_FFFFL;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int MIX_SHIFT_1 = 30;
    private static final int MIX_SHIFT_2 = 27;
    private static final int MIX_SHIFT_3 = 31;
    private static final long MIX_MULTIPLIER_1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX_MULTIPLIER_2 = 0x94D049BB133111EBL;

    private long[] table = new long[INITIAL_CAPACITY];
    private int mask = INITIAL_CAPACITY - 1;
    private int size;

    /** Whether {@code slot}'s columns hold the key (a, b, c, d). */
    abstract boolean matches(int slot, long a, long b, long c, long d);

    /**
     * Every bit of every part reaches the low bits the table uses. (A multiply alone does not: the
     * low bits of a product see only the low bits of its factors, and the low bits of an RRN's ASCII
     * digits take a few hundred values.)
     */
    static int hash(long a, long b, long c, long d) {
        long h = mix(a);
        h = mix(h ^ b);
        h = mix(h ^ c);
        h = mix(h ^ d);
        return (int) h;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long value) {
        long z = value + GOLDEN;
        z = (z ^ (z >>> MIX_SHIFT_1)) * MIX_MULTIPLIER_1;
        z = (z ^ (z >>> MIX_SHIFT_2)) * MIX_MULTIPLIER_2;
        return z ^ (z >>> MIX_SHIFT_3);
    }

    int size() {
        return size;
    }

    /** The slot holding the key whose {@link #hash} is {@code hash}, or -1. */
    int find(int hash, long a, long b, long c, long d) {
        for (int i = hash & mask; table[i] != 0; i = (i + 1) & mask) {
            long entry = table[i];
            if ((int) (entry >>> HASH_BITS) == hash) {
                int slot = slotOf(entry);
                if (matches(slot, a, b, c, d)) {
                    return slot;
                }
            }
        }
        return -1;
    }

    /**
     * Makes the key (a, b, c, d), hashing to {@code hash}, find {@code slot}, in one probe run: the
     * slot that held the key before is returned (it is no longer found), or -1 when the key is new.
     */
    int put(int hash, int slot, long a, long b, long c, long d) {
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int i = hash & mask;
        for (; table[i] != 0; i = (i + 1) & mask) {
            long entry = table[i];
            if ((int) (entry >>> HASH_BITS) == hash) {
                int earlier = slotOf(entry);
                if (matches(earlier, a, b, c, d)) {
                    table[i] = entry(hash, slot);
                    return earlier;
                }
            }
        }
        table[i] = entry(hash, slot);
        size++;
        return -1;
    }

    /** Removes {@code slot} (whose key hashes to {@code hash}) if it is indexed. */
    void remove(int hash, int slot) {
        long wanted = entry(hash, slot);
        int i = hash & mask;
        while (table[i] != wanted) {
            if (table[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Backward shift: pull later entries of the probe run into the gap, so no tombstones pile up.
        int gap = i;
        for (int j = (gap + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = (int) (table[j] >>> HASH_BITS) & mask;
            boolean movable = gap <= j ? (home <= gap || home > j) : (home <= gap && home > j);
            if (movable) {
                table[gap] = table[j];
                gap = j;
            }
        }
        table[gap] = 0;
        size--;
    }

    private static long entry(int hash, int slot) {
        return ((long) hash << HASH_BITS) | (slot + 1L);
    }

    private static int slotOf(long entry) {
        return (int) (entry & SLOT_MASK) - 1;
    }

    private void insert(long entry) {
        int i = (int) (entry >>> HASH_BITS) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = entry;
    }

    /** Sizes the table for {@code entries} at once (a replay knows how many are coming). */
    void reserve(int entries) {
        while ((long) entries * 2 > table.length && table.length <= Integer.MAX_VALUE / 4) {
            grow();
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        mask = table.length - 1;
        for (long entry : old) {
            if (entry != 0) {
                insert(entry);
            }
        }
    }
}
