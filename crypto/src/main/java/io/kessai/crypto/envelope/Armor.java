package io.kessai.crypto.envelope;

import java.util.Base64;

/**
 * Text armor for binary envelopes and results in e-mail bodies, after OpenPGP's (RFC 4880 §6):
 * a BEGIN line, base64 in lines of 64, a CRC-24 line, an END line.
 *
 * <p>Why a CRC when a MAC follows: a mail program that mangled a line should get "damaged in transit"
 * rather than "MAC does not verify", which would read as an attack. Parsing is lenient about what mail
 * does to text (quote markers, CRLF, trailing spaces, text around the block), strict about the block.
 */
public final class Armor {
    static final int LINE_CHARS = 64;
    private static final int CRC24_INIT = 0xB704CE;
    private static final int CRC24_POLY = 0x1864CFB;
    private static final int CRC24_MASK = 0xFFFFFF;
    private static final int CRC24_BYTES = 3;
    /** Bounds the work on hostile input: an envelope is a few hundred bytes, a result less. */
    static final int MAX_ARMORED_CHARS = 64 * 1024;

    private final String label;

    public Armor(String label) {
        this.label = label;
    }

    public static final Armor ENVELOPE = new Armor("KESSAI ENVELOPE");
    public static final Armor RESULT = new Armor("KESSAI RESULT");

    public String begin() {
        return "-----BEGIN " + label + "-----";
    }

    public String end() {
        return "-----END " + label + "-----";
    }

    public String encode(byte[] binary) {
        String base64 = Base64.getEncoder().encodeToString(binary);
        StringBuilder out = new StringBuilder(base64.length() + 128);
        out.append(begin()).append('\n');
        for (int at = 0; at < base64.length(); at += LINE_CHARS) {
            out.append(base64, at, Math.min(base64.length(), at + LINE_CHARS)).append('\n');
        }
        out.append('=').append(Base64.getEncoder().encodeToString(crc24Bytes(binary))).append('\n');
        out.append(end()).append('\n');
        return out.toString();
    }

    /** True when the text holds this armor's BEGIN line (possibly quoted). */
    public boolean foundIn(CharSequence text) {
        return text.toString().contains(begin());
    }

    /** Finds the first armored block in the text and returns its binary content. */
    public byte[] decode(CharSequence text) throws EnvelopeException {
        if (text.length() > MAX_ARMORED_CHARS) {
            throw malformed("armored text is " + text.length() + " characters, more than the limit of " + MAX_ARMORED_CHARS);
        }
        String[] lines = text.toString().split("\r\n|\n|\r", -1);
        int beginLine = -1;
        for (int i = 0; i < lines.length; i++) {
            if (unquote(lines[i]).equals(begin())) {
                beginLine = i;
                break;
            }
        }
        if (beginLine < 0) {
            throw malformed("no '" + begin() + "' line");
        }
        StringBuilder base64 = new StringBuilder();
        String checksum = null;
        for (int i = beginLine + 1; i < lines.length; i++) {
            String line = unquote(lines[i]);
            if (line.equals(end())) {
                return decodeBody(base64, checksum, beginLine + 1);
            }
            if (line.isEmpty()) {
                continue;
            }
            if (checksum != null) {
                throw malformed("line " + (i + 1) + ": text after the checksum line, before '" + end() + "'");
            }
            if (line.startsWith("=")) {
                checksum = line.substring(1);
            } else {
                base64.append(line);
            }
        }
        throw malformed("no '" + end() + "' line after line " + (beginLine + 1));
    }

    private byte[] decodeBody(CharSequence base64, String checksum, int firstLine) throws EnvelopeException {
        byte[] binary;
        try {
            binary = Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw malformed("armor body after line " + firstLine + " is not base64: " + e.getMessage());
        }
        if (checksum == null) {
            throw malformed("armor has no checksum line ('=' followed by 4 base64 characters)");
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(checksum);
        } catch (IllegalArgumentException e) {
            throw malformed("armor checksum '=" + checksum + "' is not base64");
        }
        if (expected.length != CRC24_BYTES || crc24(binary) != toInt24(expected)) {
            throw malformed("armor checksum does not match: the text was damaged in transit");
        }
        return binary;
    }

    /** Mail clients quote replies with "> " (possibly nested) and pad lines; neither is content. */
    private static String unquote(String line) {
        int at = 0;
        while (at < line.length() && (line.charAt(at) == '>' || line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
            at++;
        }
        return line.substring(at).strip();
    }

    static int crc24(byte[] data) {
        int crc = CRC24_INIT;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 16;
            for (int bit = 0; bit < 8; bit++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= CRC24_POLY;
                }
            }
        }
        return crc & CRC24_MASK;
    }

    private static byte[] crc24Bytes(byte[] data) {
        int crc = crc24(data);
        return new byte[] {(byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
    }

    private static int toInt24(byte[] b) {
        return ((b[0] & 0xFF) << 16) | ((b[1] & 0xFF) << 8) | (b[2] & 0xFF);
    }

    private static EnvelopeException malformed(String message) {
        return new EnvelopeException(EnvelopeException.Reason.MALFORMED, message);
    }
}
