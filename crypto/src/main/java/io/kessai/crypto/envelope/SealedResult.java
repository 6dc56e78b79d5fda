package io.kessai.crypto.envelope;

import io.kessai.card.Hex;

/**
 * The center's answer to one envelope, MAC'd under the response MAC key of the envelope's KSN, so the
 * phone's reader can tell a real approval from a forged e-mail. Not encrypted: it holds no card data.
 */
public final class SealedResult {
    private final WireFormat wire;

    SealedResult(WireFormat wire) {
        this.wire = wire;
    }

    public static SealedResult parse(byte[] binary) throws EnvelopeException {
        return new SealedResult(WireFormat.parse(WireFormat.Kind.RESULT, binary));
    }

    public static SealedResult parseAny(byte[] binaryOrText) throws EnvelopeException {
        return new SealedResult(WireFormat.parseAny(WireFormat.Kind.RESULT, binaryOrText));
    }

    public static SealedResult parseArmored(CharSequence text) throws EnvelopeException {
        return parse(Armor.RESULT.decode(text));
    }

    public KeyScheme scheme() {
        return wire.scheme;
    }

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
        return "SealedResult[" + wire.scheme + ", KSN " + ksnHex() + "]";
    }
}
