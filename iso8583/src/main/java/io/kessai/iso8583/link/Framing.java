package io.kessai.iso8583.link;

import java.util.Objects;

/**
 * How messages are cut out of the TCP stream: the length header and the largest message accepted.
 * A frame that declares more than {@code maxFrameBytes} is a protocol error that closes the
 * connection before anything of that size is allocated: a buffer of {@code maxFrameBytes} is all a
 * peer can ever make the link hold.
 *
 * @param header        the length header in front of every message
 * @param maxFrameBytes the largest message (header excluded), 1..{@code header.maxLength()}
 */
public record Framing(LengthHeader header, int maxFrameBytes) {
    /** 8 KiB: an authorization with ICC data is well under 1 KiB; anything near 8 KiB is an error. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 8 * 1024;

    /** 2-byte binary header (what most networks use), 8 KiB maximum. */
    public static final Framing DEFAULT = new Framing(LengthHeader.BINARY_2, DEFAULT_MAX_FRAME_BYTES);

    public Framing {
        Objects.requireNonNull(header, "header");
        Checks.inRange("maxFrameBytes", maxFrameBytes, 1, header.maxLength());
    }

    /** The given header with the default maximum, or the header's own maximum when that is lower. */
    public static Framing of(LengthHeader header) {
        return new Framing(header, Math.min(DEFAULT_MAX_FRAME_BYTES, header.maxLength()));
    }
}
