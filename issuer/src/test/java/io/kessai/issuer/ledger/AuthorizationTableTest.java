package io.kessai.issuer.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The primitive-column table and its open-addressing indexes against a plain model (maps and a FIFO of
 * closed authorizations), through many random records, settlements, take-overs and evictions.
 */
class AuthorizationTableTest {
    private static final int CLOSED = 64;
    private static final int OPEN = 200;

    /** What the model knows of one recorded authorization. */
    private static final class Record {
        final long seq;
        final TxnKey key;
        final RrnKey rrnKey;
        Authorization.State state;
        boolean forgotten;

        Record(long seq, TxnKey key, RrnKey rrnKey, Authorization.State state) {
            this.seq = seq;
            this.key = key;
            this.rrnKey = rrnKey;
            this.state = state;
        }
    }

    @Test
    void findsWhatTheModelFindsThroughRandomRecordsSettlementsAndEvictions() {
        AuthorizationTable table = new AuthorizationTable(new LedgerLimits(CLOSED, OPEN, 10));
        SplittableRandom random = new SplittableRandom(7);
        Map<TxnKey, Record> byKey = new HashMap<>();
        Map<RrnKey, Record> byRrn = new HashMap<>();
        Map<Long, Integer> slotOf = new HashMap<>();
        ArrayDeque<Record> closed = new ArrayDeque<>();
        List<Record> open = new ArrayList<>();
        final int steps = 200_000;
        for (long seq = 1; seq <= steps; seq++) {
            boolean settle = !open.isEmpty() && (open.size() >= OPEN || random.nextInt(3) == 0);
            if (settle) {
                Record record = open.remove(random.nextInt(open.size()));
                Authorization.State state = random.nextBoolean() ? Authorization.State.COMPLETED : Authorization.State.REVERSED;
                table.settle(slotOf.get(record.seq), -1, 0, state);
                record.state = state;
                close(record, closed, byKey, byRrn);
                continue;
            }
            // A small key space, so keys and RRNs are taken over now and then.
            TxnKey key = new TxnKey(random.nextInt(3), random.nextInt(4), random.nextInt(500), random.nextInt(2));
            RrnKey rrnKey = random.nextInt(4) == 0 ? null : RrnKey.of(key.terminal(), "R" + random.nextInt(2_000));
            Authorization.State state = random.nextInt(4) == 0 ? Authorization.State.DECLINED : Authorization.State.HELD;
            JournalEntry entry = new JournalEntry(seq, EntryKind.AUTHORIZATION, "0100", key, key.terminal(), key.stan(),
                    rrnKey == null ? null : rrnKey.rrn(), null, null, 1, "392", state == Authorization.State.HELD ? "00" : "51",
                    null, state == Authorization.State.HELD ? 1 : 0, 0, JournalEntry.NO_PIN_CHECK, seq);
            int slot = table.record(entry, -1, 0, state);
            Record record = new Record(seq, key, rrnKey, state);
            slotOf.put(seq, slot);
            byKey.put(key, record);
            if (rrnKey != null) {
                byRrn.put(rrnKey, record);
            }
            if (state == Authorization.State.HELD) {
                open.add(record);
            } else {
                close(record, closed, byKey, byRrn);
            }
            if (seq % 97 == 0) {
                for (Map.Entry<TxnKey, Record> expected : byKey.entrySet()) {
                    assertThat(table.find(expected.getKey())).as("by key").isEqualTo(slotOf.get(expected.getValue().seq));
                }
                for (Map.Entry<RrnKey, Record> expected : byRrn.entrySet()) {
                    assertThat(table.find(expected.getKey())).as("by RRN").isEqualTo(slotOf.get(expected.getValue().seq));
                }
            }
        }
        assertThat(table.openCount()).isEqualTo(open.size());
        for (Record record : open) {
            int slot = slotOf.get(record.seq);
            assertThat(table.state(slot)).isEqualTo(Authorization.State.HELD);
            assertThat(table.key(slot)).isEqualTo(record.key);
            assertThat(table.rrnKey(slot)).isEqualTo(record.rrnKey);
        }
        assertThat(table.find(new TxnKey(9, 9, 9, 9))).isEqualTo(AuthorizationTable.NONE);
    }

    /** The model's eviction: beyond CLOSED closed records, the oldest is forgotten with its index entries. */
    private static void close(Record record, ArrayDeque<Record> closed, Map<TxnKey, Record> byKey, Map<RrnKey, Record> byRrn) {
        closed.addLast(record);
        if (closed.size() > CLOSED) {
            Record eldest = closed.removeFirst();
            eldest.forgotten = true;
            byKey.remove(eldest.key, eldest);
            if (eldest.rrnKey != null) {
                byRrn.remove(eldest.rrnKey, eldest);
            }
        }
    }

    @Test
    void moreOpenHoldsThanTheLimitsAllowIsRefusedClearly() {
        AuthorizationTable table = new AuthorizationTable(new LedgerLimits(1, 2, 1));
        for (int seq = 1; seq <= 4; seq++) {
            TxnKey key = new TxnKey(0, 0, seq, 0);
            table.record(new JournalEntry(seq, EntryKind.AUTHORIZATION, "0100", key, 0, seq, null, null, null, 1, "392", "00",
                    null, 1, 0, JournalEntry.NO_PIN_CHECK, seq), -1, 0, Authorization.State.HELD);
        }
        TxnKey fifth = new TxnKey(0, 0, 5, 0);
        assertThatThrownBy(() -> table.record(new JournalEntry(5, EntryKind.AUTHORIZATION, "0100", fifth, 0, 5, null, null,
                null, 1, "392", "00", null, 1, 0, JournalEntry.NO_PIN_CHECK, 5), -1, 0, Authorization.State.HELD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("raise the open-hold limit");
    }

    @Test
    void rrnsAndTerminalsPackWithoutLoss() {
        RrnKey rrn = RrnKey.of(Terminal.pack("T 1"), " 601500000042 ");
        assertThat(rrn.rrn()).isEqualTo("601500000042");
        assertThat(RrnKey.of(0, "A1").rrn()).isEqualTo("A1");
        assertThat(RrnKey.of(0, "  ")).isNull();
        assertThat(Terminal.unpack(Terminal.pack("TERM0001"))).isEqualTo("TERM0001");
        assertThat(Terminal.pack("T1      ")).isEqualTo(Terminal.pack("T1"));
        assertThat(Terminal.pack(null)).isZero();
        assertThatThrownBy(() -> Terminal.pack("TERMINAL9")).hasMessageContaining("at most 8");
    }
}
