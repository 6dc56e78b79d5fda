package io.kessai.issuer.ledger;

import java.util.Arrays;

/**
 * A hash index from a key of up to four longs to a slot of the {@link AuthorizationTable}: open
 * addressing with linear probing and backward-shift deletion, over one int array (slot + 1, 0 =
 * empty). No node objects and no references: a million entries are four megabytes the garbage
 * collector never traces. The key of a slot lives in the table's columns; subclasses say how to hash
 * and compare it. Grows by doubling below half full. Not thread-safe.
 */
abstract class SlotIndex {
    private static final int INITIAL_CAPACITY = 1 << 10;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int HASH_SHIFT = 32;

    private int[] table = new int[INITIAL_CAPACITY];
    private int mask = INITIAL_CAPACITY - 1;
    private int size;

    /** The hash of the key stored in {@code slot}'s columns; must equal {@link #hash} of the same key. */
    abstract int hashOf(int slot);

    /** Whether {@code slot}'s columns hold the key (a, b, c, d). */
    abstract boolean matches(int slot, long a, long b, long c, long d);

    static int hash(long a, long b, long c, long d) {
        long h = ((a * GOLDEN + b) * GOLDEN + c) * GOLDEN + d;
        h *= GOLDEN;
        return (int) (h ^ (h >>> HASH_SHIFT));
    }

    int size() {
        return size;
    }

    /** The slot holding the key, or -1. */
    int find(long a, long b, long c, long d) {
        for (int i = hash(a, b, c, d) & mask; table[i] != 0; i = (i + 1) & mask) {
            int slot = table[i] - 1;
            if (matches(slot, a, b, c, d)) {
                return slot;
            }
        }
        return -1;
    }

    /** Adds a slot whose key is not in the index yet (the caller has checked with {@link #find}). */
    void add(int slot) {
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        insert(slot);
        size++;
    }

    /** Removes {@code slot} if it is indexed (a slot whose key was taken over by a newer one is not). */
    void remove(int slot) {
        int i = hashOf(slot) & mask;
        while (table[i] != slot + 1) {
            if (table[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Backward shift: pull later entries of the probe run into the gap, so no tombstones pile up.
        int gap = i;
        for (int j = (gap + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = hashOf(table[j] - 1) & mask;
            boolean movable = gap <= j ? (home <= gap || home > j) : (home <= gap && home > j);
            if (movable) {
                table[gap] = table[j];
                gap = j;
            }
        }
        table[gap] = 0;
        size--;
    }

    /** Points the key's entry at {@code newSlot} (same key, a newer authorization). */
    void replace(int oldSlot, int newSlot) {
        for (int i = hashOf(oldSlot) & mask; table[i] != 0; i = (i + 1) & mask) {
            if (table[i] == oldSlot + 1) {
                table[i] = newSlot + 1;
                return;
            }
        }
        throw new IllegalStateException("slot " + oldSlot + " is not indexed");
    }

    private void insert(int slot) {
        int i = hashOf(slot) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = slot + 1;
    }

    private void grow() {
        int[] old = table;
        table = new int[old.length * 2];
        mask = table.length - 1;
        for (int entry : old) {
            if (entry != 0) {
                insert(entry - 1);
            }
        }
        assert Arrays.stream(table).filter(entry -> entry != 0).count() == size;
    }
}
