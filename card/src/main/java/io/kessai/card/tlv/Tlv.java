package io.kessai.card.tlv;

import io.kessai.card.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One BER-TLV data object: a primitive one holds bytes, a constructed one a list of objects.
 * Immutable: values are copied in and out. Equal when tag and content are equal.
 *
 * <p>{@link #toString()} prints values in hex, except those of sensitive tags (PAN, tracks,
 * cardholder name: see {@link EmvTags#isSensitive}), which print as {@code <masked>}.
 */
public final class Tlv {
    private static final String MASKED = "<masked>";

    private final TlvTag tag;
    /** Primitive objects only; null for constructed ones. */
    private final byte[] value;
    private final List<Tlv> children;
    private final int valueLength;
    /** 0 for a primitive object, else 1 + the deepest child's depth. */
    private final int depth;

    private Tlv(TlvTag tag, byte[] value, List<Tlv> children, int valueLength, int depth) {
        this.tag = tag;
        this.value = value;
        this.children = children;
        this.valueLength = valueLength;
        this.depth = depth;
    }

    /**
     * @throws IllegalArgumentException when {@code tag} is a constructed tag
     */
    public static Tlv primitive(TlvTag tag, byte[] value) {
        return primitiveOwning(tag, value.clone());
    }

    /** A primitive object that takes {@code value} without copying (the decoder's fresh arrays). */
    static Tlv primitiveOwning(TlvTag tag, byte[] value) {
        Objects.requireNonNull(value, "value");
        if (tag.constructed()) {
            throw new IllegalArgumentException("tag " + tag + " is constructed: use Tlv.constructed");
        }
        return new Tlv(tag, value, List.of(), value.length, 0);
    }

    /**
     * @throws IllegalArgumentException when {@code tag} is a primitive tag, or the children nest
     *     deeper than {@link BerTlv#MAX_NESTING_DEPTH} (the decoder would refuse the encoding)
     */
    public static Tlv constructed(TlvTag tag, List<Tlv> children) {
        if (!tag.constructed()) {
            throw new IllegalArgumentException("tag " + tag + " is primitive: use Tlv.primitive");
        }
        List<Tlv> copy = List.copyOf(children);
        int depth = 1;
        int valueLength = 0;
        for (Tlv child : copy) {
            depth = Math.max(depth, child.depth + 1);
            valueLength = Math.addExact(valueLength, child.encodedLength());
        }
        if (depth > BerTlv.MAX_NESTING_DEPTH) {
            throw new IllegalArgumentException("constructed objects nested " + depth + " deep, at most "
                    + BerTlv.MAX_NESTING_DEPTH);
        }
        return new Tlv(tag, null, copy, valueLength, depth);
    }

    public TlvTag tag() {
        return tag;
    }

    /** Primitive: a copy of the value. Constructed: the children encoded. */
    public byte[] value() {
        return value != null ? value.clone() : BerTlv.encode(children);
    }

    /** Length in bytes of {@link #value()}. */
    public int length() {
        return valueLength;
    }

    /** The objects inside a constructed object; empty for a primitive one. */
    public List<Tlv> children() {
        return children;
    }

    public boolean constructed() {
        return value == null;
    }

    /** The first object with {@code wanted}, depth first: this object, then its children in order. */
    public Optional<Tlv> find(TlvTag wanted) {
        if (tag.equals(wanted)) {
            return Optional.of(this);
        }
        return BerTlv.find(children, wanted);
    }

    /** Bytes this object takes when encoded: tag, length field, value. */
    int encodedLength() {
        return Math.addExact(tag.byteLength() + BerTlv.lengthFieldBytes(valueLength), valueLength);
    }

    /** Writes tag, minimal length and value at {@code out[at]}; returns the offset after them. */
    int writeTo(byte[] out, int at) {
        int next = BerTlv.writeLength(valueLength, out, tag.writeTo(out, at));
        if (value != null) {
            System.arraycopy(value, 0, out, next, value.length);
            return next + value.length;
        }
        for (Tlv child : children) {
            next = child.writeTo(out, next);
        }
        return next;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tlv that && that.tag.equals(tag) && Arrays.equals(that.value, value)
                && that.children.equals(children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, Arrays.hashCode(value), children);
    }

    /** E.g. {@code 9F02=000000001000} or {@code E0=[9F00=FF, 5A=<masked>]}. */
    @Override
    public String toString() {
        if (constructed()) {
            List<String> parts = new ArrayList<>(children.size());
            for (Tlv child : children) {
                parts.add(child.toString());
            }
            return tag + "=" + parts;
        }
        return tag + "=" + (EmvTags.isSensitive(tag) ? MASKED : Hex.encode(value));
    }
}
