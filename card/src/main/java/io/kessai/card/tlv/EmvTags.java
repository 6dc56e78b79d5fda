package io.kessai.card.tlv;

import io.kessai.card.CardDataException;
import io.kessai.card.tlv.EmvTagInfo.Format;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The EMV tags Kessai knows: those ISO 8583 DE 55 carries (REFERENCE §5.2) and the card data tags
 * (PAN, tracks, name, expiry, PAN sequence number), with format and allowed value length.
 */
public final class EmvTags {
    private static final String CONTEXT = "DE 55";
    private static final int BYTE_MASK = 0xFF;
    private static final int LOW_NIBBLE = 0x0F;
    private static final int NIBBLE_BITS = 4;
    private static final int MAX_DECIMAL_DIGIT = 9;
    /** The nibble that pads compressed-numeric (cn) values on the right. */
    private static final int CN_PAD_NIBBLE = 0x0F;
    private static final int FIRST_PRINTABLE_ASCII = 0x20;
    private static final int LAST_PRINTABLE_ASCII = 0x7E;
    /** Track 1 data characters (ISO/IEC 7813): the bound for the track 1 tags. */
    private static final int TRACK1_MAX_BYTES = 76;
    /** Track 2 data as cn/b nibbles: 37 characters plus one pad nibble. */
    private static final int TRACK2_MAX_BYTES = 19;

    private static final Map<TlvTag, EmvTagInfo> TAGS = Stream.of(
                    tag("9F26", "Application Cryptogram", Format.BINARY, 8, 8),
                    tag("9F27", "Cryptogram Information Data", Format.BINARY, 1, 1),
                    tag("9F10", "Issuer Application Data", Format.BINARY, 1, 32),
                    tag("9F37", "Unpredictable Number", Format.BINARY, 4, 4),
                    tag("9F36", "Application Transaction Counter", Format.BINARY, 2, 2),
                    tag("95", "Terminal Verification Results", Format.BINARY, 5, 5),
                    tag("9A", "Transaction Date", Format.NUMERIC, 3, 3),
                    tag("9C", "Transaction Type", Format.NUMERIC, 1, 1),
                    tag("9F02", "Amount, Authorised", Format.NUMERIC, 6, 6),
                    tag("9F03", "Amount, Other", Format.NUMERIC, 6, 6),
                    tag("5F2A", "Transaction Currency Code", Format.NUMERIC, 2, 2),
                    tag("82", "Application Interchange Profile", Format.BINARY, 2, 2),
                    tag("9F1A", "Terminal Country Code", Format.NUMERIC, 2, 2),
                    tag("9F33", "Terminal Capabilities", Format.BINARY, 3, 3),
                    tag("9F34", "Cardholder Verification Method (CVM) Results", Format.BINARY, 3, 3),
                    tag("9F35", "Terminal Type", Format.NUMERIC, 1, 1),
                    tag("9F1E", "Interface Device (IFD) Serial Number", Format.ALPHANUMERIC, 8, 8),
                    tag("84", "Dedicated File (DF) Name", Format.BINARY, 5, 16),
                    tag("9F06", "Application Identifier (AID) - terminal", Format.BINARY, 5, 16),
                    tag("9F09", "Application Version Number (terminal)", Format.BINARY, 2, 2),
                    tag("9F41", "Transaction Sequence Counter", Format.NUMERIC, 2, 4),
                    tag("5F34", "Application PAN Sequence Number", Format.NUMERIC, 1, 1),
                    tag("5F36", "Transaction Currency Exponent", Format.NUMERIC, 1, 1),
                    tag("5F24", "Application Expiration Date", Format.NUMERIC, 3, 3),
                    sensitive("57", "Track 2 Equivalent Data", Format.BINARY, 1, TRACK2_MAX_BYTES),
                    sensitive("5A", "Application Primary Account Number (PAN)", Format.COMPRESSED_NUMERIC, 1, 10),
                    sensitive("5F20", "Cardholder Name", Format.ALPHANUMERIC_SPECIAL, 2, 26),
                    sensitive("56", "Track 1 Data", Format.ALPHANUMERIC_SPECIAL, 1, TRACK1_MAX_BYTES),
                    sensitive("9F6B", "Track 2 Data", Format.BINARY, 1, TRACK2_MAX_BYTES),
                    sensitive("9F1F", "Track 1 Discretionary Data", Format.ALPHANUMERIC_SPECIAL, 1, TRACK1_MAX_BYTES),
                    sensitive("9F20", "Track 2 Discretionary Data", Format.COMPRESSED_NUMERIC, 1, TRACK2_MAX_BYTES))
            .collect(Collectors.toUnmodifiableMap(EmvTagInfo::tag, Function.identity()));

    private EmvTags() {}

    public static Optional<EmvTagInfo> lookup(TlvTag tag) {
        return Optional.ofNullable(TAGS.get(tag));
    }

    /** True for tags holding cardholder or sensitive authentication data: 57, 5A, 5F20, 56, 9F6B, 9F1F, 9F20. */
    public static boolean isSensitive(TlvTag tag) {
        EmvTagInfo info = TAGS.get(tag);
        return info != null && info.sensitive();
    }

    /** Every sensitive tag present, at any depth, in order of appearance: what a logger must mask. */
    public static Set<TlvTag> sensitiveTagsIn(List<Tlv> tlvs) {
        Set<TlvTag> found = new LinkedHashSet<>();
        collectSensitive(tlvs, found);
        return found;
    }

    /**
     * Checks ICC data for ISO 8583 DE 55, at every level:
     * <ul>
     *   <li>no tag twice in the same list (the issuer could not tell which one counts);</li>
     *   <li>a known tag's value length is within its range;</li>
     *   <li>a known numeric (n) value is BCD; a compressed-numeric (cn) value is BCD digits then
     *       only F padding; an an/ans value is printable ASCII.</li>
     * </ul>
     * Unknown tags pass: issuers and schemes add proprietary ones. Sensitive tags (57, 5A …) pass
     * too, because some networks want them in DE 55; {@link #sensitiveTagsIn} lists them for the
     * caller's masking. Messages name tags and lengths, never values.
     */
    public static void validateDe55(List<Tlv> tlvs) throws CardDataException {
        Set<TlvTag> seen = new HashSet<>();
        for (Tlv tlv : tlvs) {
            if (!seen.add(tlv.tag())) {
                throw new CardDataException(CONTEXT + ": tag " + describe(tlv.tag()) + " appears twice");
            }
            if (tlv.constructed()) {
                validateDe55(tlv.children());
                continue;
            }
            EmvTagInfo info = TAGS.get(tlv.tag());
            if (info != null) {
                validateKnown(tlv, info);
            }
        }
    }

    private static void validateKnown(Tlv tlv, EmvTagInfo info) throws CardDataException {
        int length = tlv.length();
        if (length < info.minLengthBytes() || length > info.maxLengthBytes()) {
            throw new CardDataException(CONTEXT + ": tag " + describe(tlv.tag()) + " has " + length
                    + (length == 1 ? " byte" : " bytes") + ", expected " + info.lengthRange());
        }
        byte[] value = tlv.value();
        int bad = switch (info.format()) {
            case BINARY -> -1;
            case NUMERIC -> firstNonBcdByte(value);
            case COMPRESSED_NUMERIC -> firstBadCompressedNumericByte(value);
            case ALPHANUMERIC, ALPHANUMERIC_SPECIAL -> firstNonPrintableByte(value);
        };
        // The copy may hold a PAN or a track: wipe it before anything else can keep it.
        Arrays.fill(value, (byte) 0);
        if (bad >= 0) {
            throw new CardDataException(CONTEXT + ": tag " + describe(tlv.tag()) + " is " + formatName(info.format())
                    + " but value byte " + bad + " is not");
        }
    }

    private static String formatName(Format format) {
        return switch (format) {
            case BINARY -> "binary";
            case NUMERIC -> "numeric (BCD)";
            case COMPRESSED_NUMERIC -> "compressed numeric (BCD, F-padded)";
            case ALPHANUMERIC, ALPHANUMERIC_SPECIAL -> "printable ASCII";
        };
    }

    private static int firstNonBcdByte(byte[] value) {
        for (int i = 0; i < value.length; i++) {
            if (highNibble(value[i]) > MAX_DECIMAL_DIGIT || lowNibble(value[i]) > MAX_DECIMAL_DIGIT) {
                return i;
            }
        }
        return -1;
    }

    /** Digits, then (once a pad nibble appears) only pad nibbles. */
    private static int firstBadCompressedNumericByte(byte[] value) {
        boolean padding = false;
        for (int i = 0; i < value.length; i++) {
            for (int nibble : new int[] {highNibble(value[i]), lowNibble(value[i])}) {
                if (nibble == CN_PAD_NIBBLE) {
                    padding = true;
                } else if (padding || nibble > MAX_DECIMAL_DIGIT) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int firstNonPrintableByte(byte[] value) {
        for (int i = 0; i < value.length; i++) {
            int b = value[i] & BYTE_MASK;
            if (b < FIRST_PRINTABLE_ASCII || b > LAST_PRINTABLE_ASCII) {
                return i;
            }
        }
        return -1;
    }

    private static int highNibble(byte b) {
        return (b >>> NIBBLE_BITS) & LOW_NIBBLE;
    }

    private static int lowNibble(byte b) {
        return b & LOW_NIBBLE;
    }

    private static void collectSensitive(List<Tlv> tlvs, Set<TlvTag> found) {
        for (Tlv tlv : tlvs) {
            if (isSensitive(tlv.tag())) {
                found.add(tlv.tag());
            }
            collectSensitive(tlv.children(), found);
        }
    }

    /** "9F02 (Amount, Authorised)" for a known tag, else just the hex. */
    private static String describe(TlvTag tag) {
        EmvTagInfo info = TAGS.get(tag);
        return info == null ? tag.hex() : tag.hex() + " (" + info.name() + ")";
    }

    private static EmvTagInfo tag(String hex, String name, Format format, int minLengthBytes, int maxLengthBytes) {
        return new EmvTagInfo(TlvTag.of(hex), name, format, minLengthBytes, maxLengthBytes, false);
    }

    private static EmvTagInfo sensitive(String hex, String name, Format format, int minLengthBytes,
            int maxLengthBytes) {
        return new EmvTagInfo(TlvTag.of(hex), name, format, minLengthBytes, maxLengthBytes, true);
    }
}
