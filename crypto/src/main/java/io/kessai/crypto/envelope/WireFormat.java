package io.kessai.crypto.envelope;

import io.kessai.card.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The binary container shared by envelopes and results (docs/protocol/envelope.md):
 *
 * <pre>
 *   magic      2  "KE" (envelope) or "KR" (result)
 *   version    1  0x01
 *   scheme     1  {@link KeyScheme} code
 *   ksnLength  1  10 (TDES DUKPT) or 12 (AES DUKPT), must match the scheme
 *   ksn        n
 *   bodyLength 2  big-endian; a multiple of the block size for envelopes
 *   body       m  envelope: ciphertext; result: clear BER-TLV
 *   mac        t  over every byte before it; 16 (AES-CMAC) or 8 (ISO 9797-1 alg. 3)
 * </pre>
 *
 * <p>Every length is checked against the scheme before any key is derived, so malformed input costs
 * nothing and is refused with the offset where it went wrong.
 */
final class WireFormat {
    static final int VERSION = 1;
    static final int MAGIC_BYTES = 2;
    static final int HEADER_BYTES = MAGIC_BYTES + 3; // magic, version, scheme, ksnLength
    static final int BODY_LENGTH_BYTES = 2;
    /** Card data, amount, PIN block and IDs fit in a few hundred bytes; chip data can add up to 255. */
    static final int MAX_BODY_BYTES = 2048;

    enum Kind {
        ENVELOPE("KE", "envelope", Armor.ENVELOPE),
        RESULT("KR", "result", Armor.RESULT);

        final byte[] magic;
        final String noun;
        final Armor armor;

        Kind(String magic, String noun, Armor armor) {
            this.magic = magic.getBytes(StandardCharsets.US_ASCII);
            this.noun = noun;
            this.armor = armor;
        }
    }

    final Kind kind;
    final KeyScheme scheme;
    private final byte[] ksn;
    private final byte[] body;
    private final byte[] mac;

    WireFormat(Kind kind, KeyScheme scheme, byte[] ksn, byte[] body, byte[] mac) {
        if (ksn.length != scheme.ksnBytes()) {
            throw new IllegalArgumentException(scheme + " needs a " + scheme.ksnBytes() + "-byte KSN, got " + ksn.length);
        }
        if (mac.length != scheme.macBytes()) {
            throw new IllegalArgumentException(scheme + " needs a " + scheme.macBytes() + "-byte MAC, got " + mac.length);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException(kind.noun + " body of " + body.length + " bytes exceeds " + MAX_BODY_BYTES);
        }
        this.kind = kind;
        this.scheme = scheme;
        this.ksn = ksn.clone();
        this.body = body.clone();
        this.mac = mac.clone();
    }

    byte[] ksn() {
        return ksn.clone();
    }

    byte[] body() {
        return body.clone();
    }

    byte[] mac() {
        return mac.clone();
    }

    /** The bytes the MAC covers: everything before the MAC. */
    static byte[] authenticatedBytes(Kind kind, KeyScheme scheme, byte[] ksn, byte[] body) {
        byte[] out = new byte[HEADER_BYTES + ksn.length + BODY_LENGTH_BYTES + body.length];
        int at = 0;
        out[at++] = kind.magic[0];
        out[at++] = kind.magic[1];
        out[at++] = VERSION;
        out[at++] = (byte) scheme.code();
        out[at++] = (byte) ksn.length;
        System.arraycopy(ksn, 0, out, at, ksn.length);
        at += ksn.length;
        out[at++] = (byte) (body.length >>> 8);
        out[at++] = (byte) body.length;
        System.arraycopy(body, 0, out, at, body.length);
        return out;
    }

    byte[] authenticatedBytes() {
        return authenticatedBytes(kind, scheme, ksn, body);
    }

    byte[] toBytes() {
        byte[] authenticated = authenticatedBytes();
        byte[] out = Arrays.copyOf(authenticated, authenticated.length + mac.length);
        System.arraycopy(mac, 0, out, authenticated.length, mac.length);
        return out;
    }

    String toArmored() {
        return kind.armor.encode(toBytes());
    }

    /** Binary or armored: armored text starts with (or contains) the BEGIN line, binary with the magic. */
    static WireFormat parseAny(Kind kind, byte[] input) throws EnvelopeException {
        if (input.length >= MAGIC_BYTES && input[0] == kind.magic[0] && input[1] == kind.magic[1]) {
            return parse(kind, input);
        }
        String text = new String(input, StandardCharsets.UTF_8);
        if (kind.armor.foundIn(text)) {
            return parse(kind, kind.armor.decode(text));
        }
        throw new EnvelopeException(EnvelopeException.Reason.MALFORMED,
                "not a Kessai " + kind.noun + ": neither the binary magic '" + new String(kind.magic, StandardCharsets.US_ASCII)
                        + "' nor a '" + kind.armor.begin() + "' line");
    }

    static WireFormat parse(Kind kind, byte[] wire) throws EnvelopeException {
        Reader in = new Reader(kind, wire);
        in.need(HEADER_BYTES, "header");
        if (wire[0] != kind.magic[0] || wire[1] != kind.magic[1]) {
            throw in.malformed(0, "magic is " + Hex.encode(wire, 0, MAGIC_BYTES) + ", expected "
                    + Hex.encode(kind.magic) + " ('" + new String(kind.magic, StandardCharsets.US_ASCII) + "')");
        }
        int version = wire[2] & 0xFF;
        if (version != VERSION) {
            throw new EnvelopeException(EnvelopeException.Reason.UNSUPPORTED,
                    kind.noun + ": format version " + version + " at offset 2 is not supported (this build reads version " + VERSION + ")");
        }
        int schemeCode = wire[3] & 0xFF;
        KeyScheme scheme = KeyScheme.fromCode(schemeCode).orElseThrow(() -> new EnvelopeException(
                EnvelopeException.Reason.UNSUPPORTED,
                kind.noun + ": key scheme 0x" + Hex.encode(new byte[] {(byte) schemeCode}) + " at offset 3 is unknown"));
        int ksnLength = wire[4] & 0xFF;
        if (ksnLength != scheme.ksnBytes()) {
            throw in.malformed(4, "KSN length " + ksnLength + " does not fit " + scheme + " (" + scheme.ksnBytes() + " bytes)");
        }
        in.at = HEADER_BYTES;
        byte[] ksn = in.take(ksnLength, "KSN");
        in.need(BODY_LENGTH_BYTES, "body length");
        int bodyLengthOffset = in.at;
        int bodyLength = ((wire[in.at] & 0xFF) << 8) | (wire[in.at + 1] & 0xFF);
        in.at += BODY_LENGTH_BYTES;
        if (bodyLength > MAX_BODY_BYTES) {
            throw in.malformed(bodyLengthOffset, "body length " + bodyLength + " exceeds the limit of " + MAX_BODY_BYTES);
        }
        if (kind == Kind.ENVELOPE && (bodyLength == 0 || bodyLength % scheme.blockBytes() != 0)) {
            throw in.malformed(bodyLengthOffset, "ciphertext length " + bodyLength
                    + " is not a positive multiple of the " + scheme.blockBytes() + "-byte cipher block");
        }
        byte[] body = in.take(bodyLength, "body");
        byte[] mac = in.take(scheme.macBytes(), "MAC");
        if (in.at != wire.length) {
            throw in.malformed(in.at, (wire.length - in.at) + " bytes after the MAC");
        }
        return new WireFormat(kind, scheme, ksn, body, mac);
    }

    /** A cursor that names the offset in every error. */
    private static final class Reader {
        final Kind kind;
        final byte[] wire;
        int at;

        Reader(Kind kind, byte[] wire) {
            this.kind = kind;
            this.wire = wire;
        }

        void need(int count, String what) throws EnvelopeException {
            if (wire.length - at < count) {
                throw malformed(at, what + " needs " + count + " bytes, only " + (wire.length - at) + " left");
            }
        }

        byte[] take(int count, String what) throws EnvelopeException {
            need(count, what);
            byte[] out = Arrays.copyOfRange(wire, at, at + count);
            at += count;
            return out;
        }

        EnvelopeException malformed(int offset, String message) {
            return new EnvelopeException(EnvelopeException.Reason.MALFORMED, kind.noun + ": " + message + " at offset " + offset);
        }
    }
}
