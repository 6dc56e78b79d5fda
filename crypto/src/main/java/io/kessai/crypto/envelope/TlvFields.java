package io.kessai.crypto.envelope;

import io.kessai.card.CardDataException;
import io.kessai.card.tlv.BerTlv;
import io.kessai.card.tlv.Tlv;
import io.kessai.card.tlv.TlvTag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sealed payloads are flat BER-TLV with private-class tags (DFxx): self-describing, extensible
 * (an unknown tag from a newer reader is skipped), and parsed by the card module's fuzzed BER-TLV
 * decoder. This class writes and reads them with errors that name the tag.
 */
final class TlvFields {
    private final String what;
    private final Map<TlvTag, byte[]> values = new HashMap<>();

    private TlvFields(String what) {
        this.what = what;
    }

    static TlvFields decode(String what, byte[] bytes) throws EnvelopeException {
        TlvFields fields = new TlvFields(what);
        List<Tlv> tlvs;
        try {
            tlvs = BerTlv.decode(bytes);
        } catch (CardDataException e) {
            throw new EnvelopeException(EnvelopeException.Reason.BAD_CONTENT, what + ": " + e.getMessage());
        }
        for (Tlv tlv : tlvs) {
            if (fields.values.put(tlv.tag(), tlv.value()) != null) {
                throw new EnvelopeException(EnvelopeException.Reason.BAD_CONTENT, what + ": tag " + tlv.tag().hex() + " appears twice");
            }
        }
        return fields;
    }

    Optional<byte[]> optional(TlvTag tag) {
        return Optional.ofNullable(values.get(tag));
    }

    byte[] required(TlvTag tag, String name) throws EnvelopeException {
        byte[] value = values.get(tag);
        if (value == null) {
            throw bad("missing " + name + " (tag " + tag.hex() + ")");
        }
        return value;
    }

    String requiredText(TlvTag tag, String name) throws EnvelopeException {
        return ascii(tag, name, required(tag, name));
    }

    Optional<String> optionalText(TlvTag tag, String name) throws EnvelopeException {
        byte[] value = values.get(tag);
        return value == null ? Optional.empty() : Optional.of(ascii(tag, name, value));
    }

    /** Unsigned big-endian integer of 1 to 8 bytes. */
    long requiredUnsigned(TlvTag tag, String name, int maxBytes) throws EnvelopeException {
        byte[] value = required(tag, name);
        if (value.length == 0 || value.length > maxBytes) {
            throw bad(name + " (tag " + tag.hex() + ") must be 1.." + maxBytes + " bytes, got " + value.length);
        }
        long result = 0;
        for (byte b : value) {
            result = (result << Byte.SIZE) | (b & 0xFF);
        }
        if (result < 0) {
            throw bad(name + " (tag " + tag.hex() + ") is out of range");
        }
        return result;
    }

    EnvelopeException bad(String message) {
        return new EnvelopeException(EnvelopeException.Reason.BAD_CONTENT, what + ": " + message);
    }

    private String ascii(TlvTag tag, String name, byte[] value) throws EnvelopeException {
        for (int i = 0; i < value.length; i++) {
            if (value[i] < ' ' || value[i] > '~') {
                throw bad(name + " (tag " + tag.hex() + ") has a non-printable byte at position " + i);
            }
        }
        return new String(value, StandardCharsets.US_ASCII);
    }

    /** Collects fields in order for encoding. */
    static final class Writer {
        private final List<Tlv> tlvs = new ArrayList<>();

        Writer bytes(TlvTag tag, byte[] value) {
            tlvs.add(Tlv.primitive(tag, value));
            return this;
        }

        Writer text(TlvTag tag, String value) {
            return bytes(tag, value.getBytes(StandardCharsets.US_ASCII));
        }

        Writer unsigned(TlvTag tag, long value, int bytes) {
            byte[] out = new byte[bytes];
            for (int i = bytes - 1; i >= 0; i--) {
                out[i] = (byte) value;
                value >>>= Byte.SIZE;
            }
            if (value != 0) {
                throw new IllegalArgumentException("value does not fit " + bytes + " bytes");
            }
            return bytes(tag, out);
        }

        byte[] encode() {
            return BerTlv.encode(tlvs);
        }
    }
}
