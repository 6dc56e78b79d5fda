package io.kessai.iso8583;

import io.kessai.card.CardDataException;
import io.kessai.card.Hex;
import io.kessai.card.tlv.BerTlv;
import io.kessai.card.tlv.EmvTags;
import io.kessai.card.tlv.Tlv;
import java.util.Arrays;
import java.util.List;

/**
 * A message for people: one line per field, e.g. {@code <0100> DE 2 [LLVAR n..19] 411111******1111}.
 *
 * <p>What is shown follows each field's {@link Sensitivity} (data in the dialect, not a switch here):
 * PANs keep the first 6 and last 4 digits, secrets show only their length, ICC data shows its tags
 * and only the values of tags known to be harmless. Safe for logs and the console. Not a hot path.
 */
public final class IsoDump {
    private static final int PAN_KEPT_FIRST = 6;
    private static final int PAN_KEPT_LAST = 4;
    private static final char MASK = '*';
    private static final int FIRST_PRINTABLE = 0x20;
    private static final int LAST_PRINTABLE = 0x7E;
    private static final char UNPRINTABLE = '.';

    private IsoDump() {}

    public static String of(IsoMessage message) {
        String prefix = "<" + message.mti() + "> ";
        StringBuilder dump = new StringBuilder(prefix).append("dialect ").append(message.dialect().name());
        for (int field : message.fieldNumbers()) {
            FieldDefinition definition = message.dialect().field(field);
            dump.append('\n').append(prefix).append("DE ").append(field)
                    .append(" [").append(definition.format()).append("] ");
            byte[] value = message.valueCopy(field);
            appendValue(dump, definition, value);
            Arrays.fill(value, (byte) 0);
        }
        return dump.toString();
    }

    private static void appendValue(StringBuilder dump, FieldDefinition definition, byte[] value) {
        if (!definition.type().isText()) {
            appendBinary(dump, definition, value);
            return;
        }
        int length = value.length;
        switch (definition.sensitivity()) {
            case NONE -> appendText(dump, value, 0, length);
            case PAN -> appendMaskedPan(dump, value, length);
            case SECRET, ICC_DATA -> dump.append("(hidden, ").append(length).append(" characters)");
        }
    }

    private static void appendBinary(StringBuilder dump, FieldDefinition definition, byte[] bytes) {
        switch (definition.sensitivity()) {
            case NONE -> dump.append(Hex.encode(bytes));
            case ICC_DATA -> appendIccData(dump, bytes);
            case PAN, SECRET -> dump.append("(hidden, ").append(bytes.length).append(" bytes)");
        }
    }

    private static void appendText(StringBuilder dump, byte[] value, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = value[i];
            dump.append(c >= FIRST_PRINTABLE && c <= LAST_PRINTABLE ? (char) c : UNPRINTABLE);
        }
    }

    /** First 6 and last 4 at most (PCI DSS 3.4.1); a value too short to keep both is fully masked. */
    private static void appendMaskedPan(StringBuilder dump, byte[] value, int length) {
        boolean keepEnds = length > PAN_KEPT_FIRST + PAN_KEPT_LAST;
        int keptFirst = keepEnds ? PAN_KEPT_FIRST : 0;
        int keptLast = keepEnds ? PAN_KEPT_LAST : 0;
        appendText(dump, value, 0, keptFirst);
        dump.repeat(MASK, length - keptFirst - keptLast);
        appendText(dump, value, length - keptLast, length);
    }

    private static void appendIccData(StringBuilder dump, byte[] bytes) {
        dump.append('(').append(bytes.length).append(" bytes)");
        List<Tlv> objects;
        try {
            objects = BerTlv.decode(bytes);
        } catch (CardDataException notTlv) {
            dump.append(" not BER-TLV");
            return;
        }
        appendObjects(dump, objects);
    }

    private static void appendObjects(StringBuilder dump, List<Tlv> objects) {
        for (Tlv object : objects) {
            dump.append(' ').append(object.tag().hex());
            if (object.constructed()) {
                dump.append("=[");
                appendObjects(dump, object.children());
                dump.append(" ]");
            } else if (isHarmless(object)) {
                dump.append('=').append(Hex.encode(object.value()));
            } else {
                dump.append("=(").append(object.length()).append(" bytes)");
            }
        }
    }

    /** Only known, non-sensitive tags show values: an unknown proprietary tag may hold anything. */
    private static boolean isHarmless(Tlv object) {
        return EmvTags.lookup(object.tag()).map(info -> !info.sensitive()).orElse(false);
    }
}
