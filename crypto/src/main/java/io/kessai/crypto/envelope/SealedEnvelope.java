package io.kessai.crypto.envelope;

import io.kessai.card.Hex;

/**
 * The reader's sealed card settlement information as it travels: encrypted under the reader's DUKPT data
 * key, then MAC'd under its request MAC key (encrypt-then-MAC). Holding one proves nothing until
 * {@link EnvelopeCrypto#open} has verified the MAC; the phone carries it without any key.
 */
public final class SealedEnvelope {
    private final WireFormat wire;

    SealedEnvelope(WireFormat wire) {
        this.wire = wire;
    }

    /** Parses the compact binary form. */
    public static SealedEnvelope parse(byte[] binary) throws EnvelopeException {
        return new SealedEnvelope(WireFormat.parse(WireFormat.Kind.ENVELOPE, binary));
    }

    /** Parses either form: binary, or armored text (possibly quoted, with text around it). */
    public static SealedEnvelope parseAny(byte[] binaryOrText) throws EnvelopeException {
        return new SealedEnvelope(WireFormat.parseAny(WireFormat.Kind.ENVELOPE, binaryOrText));
    }

    public static SealedEnvelope parseArmored(CharSequence text) throws EnvelopeException {
        return parse(Armor.ENVELOPE.decode(text));
    }

    public KeyScheme scheme() {
        return wire.scheme;
    }

    /** The key serial number: not secret, it names the reader (initial key ID) and the transaction counter. */
    public byte[] ksn() {
        return wire.ksn();
    }

    public String ksnHex() {
        return Hex.encode(wire.ksn());
    }

    public byte[] toBytes() {
        return wire.toBytes();
    }

    public String toArmored() {
        return wire.toArmored();
    }

    WireFormat wire() {
        return wire;
    }

    @Override
    public String toString() {
        return "SealedEnvelope[" + wire.scheme + ", KSN " + ksnHex() + "]";
    }
}
