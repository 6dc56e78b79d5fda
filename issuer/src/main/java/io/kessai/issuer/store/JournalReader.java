package io.kessai.issuer.store;

import io.kessai.issuer.ledger.EntryKind;
import io.kessai.issuer.ledger.JournalEntry;
import io.kessai.issuer.ledger.PanKey;
import io.kessai.issuer.ledger.Terminal;
import io.kessai.issuer.ledger.TxnKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the journal as PostgreSQL streams it with {@code COPY (SELECT …) TO STDOUT (FORMAT binary)}:
 * the format {@link JournalRows} writes. Bytes arrive in arbitrary pieces; each complete row becomes a
 * {@link JournalEntry} for the sink, in order. Streaming lets the server produce rows while the host
 * applies them, and binary numbers need no parsing: the replay of a million entries at start-up is
 * then a few seconds, not half a minute.
 *
 * <p>An entry read back carries what the ledger needs to apply it; the masked PAN and the approval
 * code, which the ledger does not keep (the approval code follows from {@code seq}), are left null.
 */
final class JournalReader extends OutputStream {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int HEADER_BYTES = SIGNATURE.length + 2 * Integer.BYTES;
    private static final int FIELDS = 19;
    private static final short TRAILER = -1;
    private static final int NULL_LENGTH = -1;
    private static final int INITIAL_BYTES = 1 << 16;
    private static final int BYTE_BITS = 8;
    private static final int BYTE_MASK = 0xFF;
    private static final int DECIMAL_BASE = 10;
    private static final int MAX_FIELD_BYTES = 1 << 10;

    private final Consumer<JournalEntry> sink;
    private byte[] buffer = new byte[INITIAL_BYTES];
    private int start;
    private int end;
    private boolean headerRead;
    private boolean trailerRead;
    private long entries;
    private String lastCurrency = "";
    private final String[] responseCodes = new String[1 << (2 * BYTE_BITS)];

    JournalReader(Consumer<JournalEntry> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    long entries() {
        return entries;
    }

    /** @throws IOException if the stream ended inside a row or without its trailer */
    void finish() throws IOException {
        if (!trailerRead || start != end) {
            throw new IOException("the journal stream ended early (" + entries + " entries read)");
        }
    }

    @Override
    public void write(int oneByte) throws IOException {
        write(new byte[] {(byte) oneByte}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (buffer.length - end < length) {
            int kept = end - start;
            byte[] target = kept + length > buffer.length ? new byte[Math.max(buffer.length * 2, kept + length)] : buffer;
            System.arraycopy(buffer, start, target, 0, kept);
            buffer = target;
            start = 0;
            end = kept;
        }
        System.arraycopy(bytes, offset, buffer, end, length);
        end += length;
        parse();
    }

    private void parse() throws IOException {
        if (!headerRead) {
            if (end - start < HEADER_BYTES) {
                return;
            }
            if (!Arrays.equals(buffer, start, start + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                throw new IOException("the journal stream is not PostgreSQL binary COPY");
            }
            start += HEADER_BYTES;
            headerRead = true;
        }
        while (!trailerRead && end - start >= Short.BYTES) {
            int rowEnd = completeRowEnd();
            if (rowEnd < 0) {
                return;
            }
            if (rowEnd == start + Short.BYTES) {
                trailerRead = true;
                start = rowEnd;
                return;
            }
            Cursor cursor = new Cursor(start + Short.BYTES);
            sink.accept(entry(cursor));
            entries++;
            start = rowEnd;
        }
        if (trailerRead && end != start) {
            throw new IOException("bytes after the journal stream's trailer");
        }
    }

    /** Where the row at {@code start} ends if all of it is here, else -1; a trailer is a row of its own. */
    private int completeRowEnd() throws IOException {
        short fields = (short) readShort(start);
        if (fields == TRAILER) {
            return start + Short.BYTES;
        }
        if (fields != FIELDS) {
            throw new IOException("journal row with " + fields + " fields, expected " + FIELDS);
        }
        int at = start + Short.BYTES;
        for (int field = 0; field < FIELDS; field++) {
            if (end - at < Integer.BYTES) {
                return -1;
            }
            int length = readInt(at);
            if (length < NULL_LENGTH || length > MAX_FIELD_BYTES) {
                throw new IOException("journal field of " + length + " bytes");
            }
            at += Integer.BYTES + Math.max(0, length);
            if (at > end) {
                return -1;
            }
        }
        return at;
    }

    private JournalEntry entry(Cursor row) {
        long seq = row.longValue();
        EntryKind kind = EntryKind.fromCode(row.text());
        String mti = row.text();
        long acquirer = row.digits();
        long terminal = row.terminal();
        int stan = row.intValue(JournalEntry.NO_STAN);
        long transmission = row.digits();
        int messageStan = row.intValue(JournalEntry.NO_STAN);
        String rrn = row.text();
        PanKey account = row.panKey();
        row.skip(); // masked PAN: not kept by the ledger
        long amount = row.longValue();
        String currency = currency(row);
        String responseCode = responseCode(row);
        row.skip(); // approval code: follows from seq
        long hold = row.longValue();
        long posted = row.longValue();
        int pinFailures = row.shortValue(JournalEntry.NO_PIN_CHECK);
        long fingerprint = row.longValue();
        TxnKey key = stan == JournalEntry.NO_STAN ? null : new TxnKey(acquirer, terminal, stan, transmission);
        return new JournalEntry(seq, kind, mti, key, terminal, messageStan, rrn, account, null, amount, currency,
                responseCode, null, hold, posted, pinFailures, fingerprint);
    }

    /** Currency texts repeat: the last one is kept rather than a new String per row. */
    private String currency(Cursor row) {
        int length = row.length();
        if (length < 0) {
            row.skip();
            return null;
        }
        int at = row.at + Integer.BYTES;
        if (!lastCurrency.isEmpty() && lastCurrency.length() == length
                && Arrays.equals(buffer, at, at + length, lastCurrency.getBytes(StandardCharsets.US_ASCII), 0, length)) {
            row.skip();
            return lastCurrency;
        }
        lastCurrency = row.text();
        return lastCurrency;
    }

    private String responseCode(Cursor row) {
        int length = row.length();
        if (length != 2) {
            return row.text();
        }
        int at = row.at + Integer.BYTES;
        int index = ((buffer[at] & BYTE_MASK) << BYTE_BITS) | (buffer[at + 1] & BYTE_MASK);
        if (responseCodes[index] == null) {
            responseCodes[index] = new String(buffer, at, 2, StandardCharsets.US_ASCII);
        }
        row.skip();
        return responseCodes[index];
    }

    private int readShort(int at) {
        return ((buffer[at] & BYTE_MASK) << BYTE_BITS) | (buffer[at + 1] & BYTE_MASK);
    }

    private int readInt(int at) {
        int value = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            value = (value << BYTE_BITS) | (buffer[at + i] & BYTE_MASK);
        }
        return value;
    }

    private long readLong(int at) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << BYTE_BITS) | (buffer[at + i] & BYTE_MASK);
        }
        return value;
    }

    /** Walks the fields of one complete row (its bounds were checked by {@link #completeRowEnd}). */
    private final class Cursor {
        int at;

        Cursor(int at) {
            this.at = at;
        }

        int length() {
            return readInt(at);
        }

        void skip() {
            at += Integer.BYTES + Math.max(0, length());
        }

        long longValue() {
            long value = readLong(at + Integer.BYTES);
            skip();
            return value;
        }

        int intValue(int whenNull) {
            if (length() < 0) {
                skip();
                return whenNull;
            }
            int value = readInt(at + Integer.BYTES);
            skip();
            return value;
        }

        int shortValue(int whenNull) {
            if (length() < 0) {
                skip();
                return whenNull;
            }
            int value = (short) readShort(at + Integer.BYTES);
            skip();
            return value;
        }

        String text() {
            int length = length();
            String value = length < 0 ? null : new String(buffer, at + Integer.BYTES, length, StandardCharsets.US_ASCII);
            skip();
            return value;
        }

        /** A text column of digits as a number; NULL as 0 (its key is absent then). */
        long digits() {
            int length = length();
            long value = 0;
            for (int i = 0; i < length; i++) {
                value = value * DECIMAL_BASE + (buffer[at + Integer.BYTES + i] - '0');
            }
            skip();
            return value;
        }

        long terminal() {
            int length = length();
            long packed = 0;
            for (int i = 0; i < Terminal.MAX_CHARACTERS; i++) {
                packed = (packed << BYTE_BITS) | (i < length ? buffer[at + Integer.BYTES + i] & BYTE_MASK : 0);
            }
            skip();
            return packed;
        }

        PanKey panKey() {
            if (length() != PanKey.BYTES) {
                skip();
                return null;
            }
            PanKey key = new PanKey(readLong(at + Integer.BYTES), readLong(at + Integer.BYTES + Long.BYTES));
            skip();
            return key;
        }
    }
}
