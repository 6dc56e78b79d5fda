package io.kessai.issuer.load;

import io.kessai.iso8583.Dialect;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One 0100 encoded by the codec once, with the places of its changing digits found, so the load
 * generator writes a new request by patching digits instead of building and encoding a message: the
 * client shares the machine with the host it measures, and should cost it as little as possible. The
 * constructor checks the idea: a patched request must decode to exactly the fields it was given.
 */
final class RequestTemplate {
    private final byte[] template;
    private final int[] offsets;
    private final int[] widths;

    /**
     * @param message a request whose variable fields hold the marker values
     * @param markers the marker text of each variable field, each unique in the encoded message
     */
    RequestTemplate(IsoMessage message, String... markers) throws IsoFormatException {
        this.template = message.encode();
        this.offsets = new int[markers.length];
        this.widths = new int[markers.length];
        for (int i = 0; i < markers.length; i++) {
            byte[] marker = markers[i].getBytes(StandardCharsets.US_ASCII);
            offsets[i] = indexOf(template, marker);
            widths[i] = marker.length;
            if (offsets[i] < 0 || indexOf(Arrays.copyOfRange(template, offsets[i] + 1, template.length), marker) >= 0) {
                throw new IllegalArgumentException("marker " + i + " is not found exactly once in the template");
            }
        }
    }

    /** A new request: a copy of the template, to {@link #put} the variable fields into. */
    byte[] copy() {
        return template.clone();
    }

    /** Writes field {@code field}'s text (exactly its marker's width) into a copy. */
    void put(byte[] request, int field, String value) {
        if (value.length() != widths[field]) {
            throw new IllegalArgumentException("field " + field + " has " + widths[field] + " characters");
        }
        for (int j = 0; j < widths[field]; j++) {
            request[offsets[field] + j] = (byte) value.charAt(j);
        }
    }

    /** Writes {@code value} as zero-padded digits into the last {@code digits} places of field {@code field}. */
    void putDigits(byte[] request, int field, long value, int digits) {
        if (digits > widths[field]) {
            throw new IllegalArgumentException("field " + field + " has " + widths[field] + " characters");
        }
        long rest = value;
        int end = offsets[field] + widths[field];
        for (int i = end - 1; i >= end - digits; i--) {
            request[i] = (byte) ('0' + rest % DECIMAL_BASE);
            rest /= DECIMAL_BASE;
        }
        assert rest == 0 : value + " is wider than " + digits + " digits";
    }

    private static final int DECIMAL_BASE = 10;

    /** Decodes a filled request, for the self-check. */
    IsoMessage decode(Dialect dialect, byte[] filled) throws IsoFormatException {
        return dialect.decode(filled, 0, filled.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
