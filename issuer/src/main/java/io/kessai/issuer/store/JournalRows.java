package io.kessai.issuer.store;

import io.kessai.issuer.ledger.JournalEntry;
import io.kessai.issuer.ledger.PanKey;
import io.kessai.issuer.ledger.Terminal;
import io.kessai.issuer.ledger.TxnKey;
import java.util.Arrays;

/**
 * Journal entries in PostgreSQL's binary COPY format (the server parses no text: numbers arrive as
 * big-endian integers, the account key as 16 raw bytes). One instance encodes one batch into a buffer
 * it reuses; not thread-safe.
 *
 * <pre>
 *   header   "PGCOPY\n\377\r\n\0", flags int32 0, extension length int32 0
 *   tuple    field count int16, then per field: length int32 (-1 = NULL) and the value
 *   trailer  int16 -1
 * </pre>
 */
final class JournalRows {
    static final String COLUMNS = "seq, kind, mti, acquirer, terminal, stan, transmission, message_stan, rrn, account_key, "
            + "masked_pan, amount_minor, currency, response_code, approval_code, hold_delta_minor, posted_delta_minor, "
            + "pin_failures_after, fingerprint";
    static final String COPY_SUFFIX = " (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final int FIELDS = 19;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int NULL_LENGTH = -1;
    private static final short TRAILER = -1;
    private static final int INITIAL_BYTES = 1 << 20;
    /**
     * Bound on one row: the field count, 19 length words, the binary values (seven longs, three ints
     * or shorts, the 16-byte account key: under 10 longs) and 10 texts that are all short (codes,
     * digits, a masked PAN, an RRN: at most 32 characters each, the codec's field sizes see to it).
     */
    private static final int MAX_TEXT_CHARACTERS = 32;
    private static final int TEXT_FIELDS = 10;
    private static final int BINARY_VALUE_BYTES = 10 * Long.BYTES;
    private static final int MAX_ROW_BYTES = Short.BYTES + FIELDS * Integer.BYTES + BINARY_VALUE_BYTES
            + TEXT_FIELDS * MAX_TEXT_CHARACTERS;
    private static final int BYTE_BITS = 8;
    private static final int DECIMAL_BASE = 10;
    private static final int BYTE_MASK = 0xFF;

    private byte[] buffer = new byte[INITIAL_BYTES];
    private int used;
    private int rows;

    /** Starts a new batch (the header). */
    JournalRows begin() {
        used = 0;
        rows = 0;
        ensure(SIGNATURE.length + 2 * Integer.BYTES);
        put(SIGNATURE);
        putInt(0);
        putInt(0);
        return this;
    }

    void add(JournalEntry entry) {
        TxnKey key = entry.key();
        ensure(MAX_ROW_BYTES); // once per row: the puts below then need no bounds checks of their own
        int rowStart = used;
        putShort(FIELDS);
        putLongField(entry.seq());
        putText(entry.kind().code());
        putText(entry.mti());
        if (key == null) {
            putNull();
        } else {
            putDigits(key.acquirer(), TxnKey.ACQUIRER_DIGITS);
        }
        putTerminal(entry.terminal());
        if (key == null) {
            putNull();
        } else {
            putIntField(key.stan());
        }
        if (key == null) {
            putNull();
        } else {
            putDigits(key.transmission(), TxnKey.TRANSMISSION_DIGITS);
        }
        if (entry.messageStan() == JournalEntry.NO_STAN) {
            putNull();
        } else {
            putIntField(entry.messageStan());
        }
        putText(entry.rrn());
        putPanKey(entry.account());
        putText(entry.maskedPan());
        putLongField(entry.amountMinor());
        putText(entry.currency());
        putText(entry.responseCode());
        putText(entry.approvalCode());
        putLongField(entry.holdDeltaMinor());
        putLongField(entry.postedDeltaMinor());
        if (entry.pinFailuresAfter() == JournalEntry.NO_PIN_CHECK) {
            putNull();
        } else {
            putInt(Short.BYTES);
            putShort(entry.pinFailuresAfter());
        }
        putLongField(entry.fingerprint());
        assert used - rowStart <= MAX_ROW_BYTES : "journal row of " + (used - rowStart) + " bytes";
        rows++;
    }

    /** Ends the batch (the trailer); the bytes are {@code buffer()[0, length())}. */
    JournalRows end() {
        ensure(Short.BYTES);
        putShort(TRAILER);
        return this;
    }

    byte[] buffer() {
        return buffer;
    }

    int length() {
        return used;
    }

    int rows() {
        return rows;
    }

    private void putText(String value) {
        if (value == null) {
            putNull();
            return;
        }
        // Every journal text is ASCII (codec-checked fields, masked PANs, codes): one byte a character.
        int length = value.length();
        assert length <= MAX_TEXT_CHARACTERS : "journal text of " + length + " characters";
        putInt(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            assert c < 0x80 : "journal text must be ASCII";
            buffer[used++] = (byte) c;
        }
    }

    /** DE 41 from its packed form (up to 8 ASCII bytes, zero bytes unused): no String on the way. */
    private void putTerminal(long packed) {
        int length = 0;
        while (length < Terminal.MAX_CHARACTERS
                && ((packed >>> ((Terminal.MAX_CHARACTERS - 1 - length) * BYTE_BITS)) & BYTE_MASK) != 0) {
            length++;
        }
        putInt(length);
        for (int i = 0; i < length; i++) {
            buffer[used++] = (byte) (packed >>> ((Terminal.MAX_CHARACTERS - 1 - i) * BYTE_BITS));
        }
    }

    /** A number as exactly {@code width} ASCII digits, zero-padded: text without making a String. */
    private void putDigits(long value, int width) {
        putInt(width);
        long rest = value;
        for (int i = used + width - 1; i >= used; i--) {
            buffer[i] = (byte) ('0' + rest % DECIMAL_BASE);
            rest /= DECIMAL_BASE;
        }
        assert rest == 0 : value + " is wider than " + width + " digits";
        used += width;
    }

    private void putPanKey(PanKey key) {
        if (key == null) {
            putNull();
            return;
        }
        putInt(PanKey.BYTES);
        putLong(key.high());
        putLong(key.low());
    }

    private void putLongField(long value) {
        putInt(Long.BYTES);
        putLong(value);
    }

    private void putIntField(int value) {
        putInt(Integer.BYTES);
        putInt(value);
    }

    private void putNull() {
        putInt(NULL_LENGTH);
    }

    private void putLong(long value) {
        for (int shift = Long.SIZE - BYTE_BITS; shift >= 0; shift -= BYTE_BITS) {
            buffer[used++] = (byte) (value >>> shift);
        }
    }

    private void putInt(int value) {
        for (int shift = Integer.SIZE - BYTE_BITS; shift >= 0; shift -= BYTE_BITS) {
            buffer[used++] = (byte) (value >>> shift);
        }
    }

    private void putShort(int value) {
        buffer[used++] = (byte) (value >>> BYTE_BITS);
        buffer[used++] = (byte) value;
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
    }

    private void ensure(int more) {
        if (buffer.length - used < more) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, used + more));
        }
    }
}
