package io.kessai.center.mail;

import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.InputStream;

/**
 * A mail's bytes as Jakarta Mail's parsers read them. Shared (parts are views of the one array, not
 * copies), and {@link #read()} without the lock that {@code ByteArrayInputStream.read()} takes: the
 * header and multipart parsers read byte by byte, and that lock per byte was the largest single item of
 * reading a phone's mail in the load profile. One parse uses one stream on one thread.
 */
final class MailBytes extends SharedByteArrayInputStream {
    MailBytes(byte[] raw) {
        super(raw);
    }

    private MailBytes(byte[] raw, int offset, int length) {
        super(raw, offset, length);
    }

    @Override
    @SuppressWarnings("sync-override") // confined to the parsing thread (see the class comment)
    public int read() {
        return pos < count ? buf[pos++] & 0xff : -1;
    }

    @Override
    public InputStream newStream(long startInclusive, long endExclusive) {
        if (startInclusive < 0) {
            throw new IllegalArgumentException("start < 0");
        }
        long end = endExclusive == -1 ? count - start : endExclusive;
        return new MailBytes(buf, start + (int) startInclusive, (int) (end - startInclusive));
    }
}
