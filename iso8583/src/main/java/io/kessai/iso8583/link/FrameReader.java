package io.kessai.iso8583.link;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts frames out of a byte stream, however TCP splits or joins them. One buffer, allocated once and
 * sized for the largest legal frame: a declared length is checked against the maximum before a
 * single byte of the body is awaited, so a peer can never make the reader allocate what it declares.
 *
 * <p>Used by one thread (the connection's reader). {@link #wipe()} zeroes the buffer, which holds the
 * last messages received (card data) until it is overwritten.
 */
final class FrameReader {
    /** Read in large chunks so that one system call brings many small frames under load. */
    static final int READ_CHUNK_BYTES = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];

    private final InputStream in;
    private final LengthHeader header;
    private final int maxFrameBytes;
    private final byte[] buffer;
    /** First byte not yet consumed. */
    private int start;
    /** One past the last byte read from the stream. */
    private int end;

    FrameReader(InputStream in, Framing framing) {
        this.in = in;
        this.header = framing.header();
        this.maxFrameBytes = framing.maxFrameBytes();
        this.buffer = new byte[Math.max(READ_CHUNK_BYTES, header.headerBytes() + maxFrameBytes)];
    }

    /**
     * The next frame's body: empty for a zero-length frame (some hosts send them as keep-alives), null
     * when the peer closed the stream cleanly between two frames.
     *
     * @throws LinkProtocolException for a declared length over the maximum, a header that is not a
     *         length, or a stream that ends inside a frame
     */
    byte[] readFrame() throws IOException, LinkProtocolException {
        int headerBytes = header.headerBytes();
        if (!fill(headerBytes)) {
            if (buffered() == 0) {
                return null;
            }
            throw new LinkProtocolException("peer closed the connection inside a length header: "
                    + buffered() + " of " + headerBytes + " bytes");
        }
        int length = header.read(buffer, start);
        if (length > maxFrameBytes) {
            throw new LinkProtocolException("frame declares " + length + " bytes, over the maximum of "
                    + maxFrameBytes + " bytes (" + header + " header)");
        }
        start += headerBytes;
        if (length == 0) {
            return EMPTY;
        }
        if (!fill(length)) {
            throw new LinkProtocolException("peer closed the connection inside a frame: "
                    + buffered() + " of " + length + " bytes");
        }
        byte[] frame = Arrays.copyOfRange(buffer, start, start + length);
        start += length;
        assert start <= end;
        return frame;
    }

    void wipe() {
        Arrays.fill(buffer, (byte) 0);
        start = 0;
        end = 0;
    }

    private int buffered() {
        return end - start;
    }

    /** Reads until {@code needed} bytes are buffered; false if the stream ended first. */
    private boolean fill(int needed) throws IOException {
        assert needed <= buffer.length;
        if (buffered() >= needed) {
            return true;
        }
        if (buffer.length - start < needed) {
            System.arraycopy(buffer, start, buffer, 0, buffered());
            end -= start;
            start = 0;
        }
        while (buffered() < needed) {
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                return false;
            }
            end += read;
        }
        return true;
    }
}
