package io.kessai.iso8583.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameReaderTest {
    @ParameterizedTest
    @EnumSource(LengthHeader.class)
    void readsFramesThatArriveOneByteAtATime(LengthHeader header) throws Exception {
        byte[] stream = concat(framed(header, "first"), framed(header, "x".repeat(300)), framed(header, "third"));
        FrameReader reader = new FrameReader(new Trickle(stream, 1), Framing.of(header));

        assertThat(text(reader.readFrame())).isEqualTo("first");
        assertThat(text(reader.readFrame())).isEqualTo("x".repeat(300));
        assertThat(text(reader.readFrame())).isEqualTo("third");
        assertThat(reader.readFrame()).isNull();
    }

    @ParameterizedTest
    @EnumSource(LengthHeader.class)
    void readsManyFramesFromOneRead(LengthHeader header) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int count = 1_000;
        for (int i = 0; i < count; i++) {
            stream.writeBytes(framed(header, "frame-" + i));
        }
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream.toByteArray()), Framing.of(header));

        for (int i = 0; i < count; i++) {
            assertThat(text(reader.readFrame())).isEqualTo("frame-" + i);
        }
        assertThat(reader.readFrame()).isNull();
    }

    @ParameterizedTest
    @EnumSource(LengthHeader.class)
    void readsFramesThatStraddleItsBuffer(LengthHeader header) throws Exception {
        // Frames of the maximum size in reads of odd sizes: the buffer is compacted mid-frame.
        Framing framing = new Framing(header, header.maxLength());
        String big = "y".repeat(header.maxLength());
        byte[] stream = concat(framed(header, "a"), framed(header, big), framed(header, big), framed(header, "b"));
        FrameReader reader = new FrameReader(new Trickle(stream, 7_001), framing);

        assertThat(text(reader.readFrame())).isEqualTo("a");
        assertThat(text(reader.readFrame())).isEqualTo(big);
        assertThat(text(reader.readFrame())).isEqualTo(big);
        assertThat(text(reader.readFrame())).isEqualTo("b");
        assertThat(reader.readFrame()).isNull();
    }

    @ParameterizedTest
    @EnumSource(LengthHeader.class)
    void refusesADeclaredLengthOverTheMaximumBeforeReadingTheBody(LengthHeader header) {
        Framing framing = new Framing(header, 100);
        // Only the header is there: a reader that awaited the body would report end of stream instead.
        FrameReader reader = new FrameReader(new ByteArrayInputStream(header.encode(101)), framing);

        assertThatThrownBy(reader::readFrame)
                .isInstanceOf(LinkProtocolException.class)
                .hasMessage("frame declares 101 bytes, over the maximum of 100 bytes (" + header + " header)");
    }

    @ParameterizedTest
    @EnumSource(LengthHeader.class)
    void reportsAStreamThatEndsInsideAFrame(LengthHeader header) {
        byte[] cut = Arrays.copyOf(framed(header, "0123456789".repeat(10)), header.headerBytes() + 10);
        FrameReader reader = new FrameReader(new Trickle(cut, 3), Framing.of(header));

        assertThatThrownBy(reader::readFrame)
                .isInstanceOf(LinkProtocolException.class)
                .hasMessage("peer closed the connection inside a frame: 10 of 100 bytes");
    }

    @Test
    void reportsAStreamThatEndsInsideAHeader() {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(new byte[] {'0', '0', '1'}),
                Framing.of(LengthHeader.ASCII_4));

        assertThatThrownBy(reader::readFrame)
                .isInstanceOf(LinkProtocolException.class)
                .hasMessage("peer closed the connection inside a length header: 3 of 4 bytes");
    }

    @Test
    void passesZeroLengthKeepAlivesAsEmptyFrames() throws Exception {
        byte[] stream = concat(new byte[] {0, 0}, framed(LengthHeader.BINARY_2, "after"));
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream), Framing.DEFAULT);

        assertThat(reader.readFrame()).isEmpty();
        assertThat(text(reader.readFrame())).isEqualTo("after");
    }

    static byte[] framed(LengthHeader header, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        return concat(header.encode(bytes.length), bytes);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.ISO_8859_1);
    }

    /** Hands out at most {@code chunk} bytes per read, as a slow network would. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int position;

        Trickle(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position >= data.length) {
                return -1;
            }
            int count = Math.min(Math.min(chunk, length), data.length - position);
            System.arraycopy(data, position, target, offset, count);
            position += count;
            return count;
        }
    }
}
