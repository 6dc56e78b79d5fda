package io.kessai.iso8583;

import java.util.Random;

/** Random valid messages of any dialect, from a seeded {@link Random}, for round trips. */
final class RandomMessages {
    private static final String DIGITS = "0123456789";
    private static final String ALPHANUMERIC = DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz ";
    private static final int FIRST_PRINTABLE = 0x20;
    private static final int PRINTABLE_COUNT = 0x7F - FIRST_PRINTABLE;

    private final Random random;

    RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    /** A message with each defined field present with probability {@code density}. */
    IsoMessage next(Dialect dialect, double density) {
        IsoMessage message = dialect.newMessage(text(DIGITS, Mti.LENGTH));
        for (int field = FieldDefinition.FIRST_DATA_ELEMENT; field <= FieldDefinition.LAST_DATA_ELEMENT; field++) {
            if (dialect.defines(field) && random.nextDouble() < density) {
                FieldDefinition definition = dialect.field(field);
                if (definition.type().isText()) {
                    message.set(field, value(definition));
                } else {
                    byte[] bytes = new byte[length(definition)];
                    random.nextBytes(bytes);
                    message.set(field, bytes);
                }
            }
        }
        return message;
    }

    /** A valid text value: exactly the fixed length, or 0..max for variable fields. */
    String value(FieldDefinition definition) {
        int length = length(definition);
        return switch (definition.type()) {
            case N -> text(DIGITS, length);
            case AN -> text(ALPHANUMERIC, length);
            case ANS -> printable(length);
            // Packed z has one separator nibble, read back as '='; ASCII z keeps 'D' as sent.
            case Z -> text(definition.valueEncoding() == ValueEncoding.BCD ? DIGITS + "=" : DIGITS + "=D", length);
            case XN -> (random.nextBoolean() ? "C" : "D") + text(DIGITS, length);
            case B -> throw new IllegalArgumentException("DE " + definition.number() + " is binary");
        };
    }

    int length(FieldDefinition definition) {
        return definition.isFixed() ? definition.length() : random.nextInt(definition.length() + 1);
    }

    private String text(String alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    private String printable(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) (FIRST_PRINTABLE + random.nextInt(PRINTABLE_COUNT));
        }
        return new String(chars);
    }

    /**
     * The Kessai table written the packed way many networks use: BCD MTI, numerics, tracks and length
     * prefixes, raw binary, binary bitmap. Same fields, other encodings: it exercises the codec's
     * other half.
     */
    static Dialect packedKessai() {
        Dialect kessai = Dialects.kessai();
        Dialect.Builder builder = Dialect.builder("kessai-packed").copyOf(kessai)
                .mtiEncoding(NumberEncoding.BCD)
                .bitmapEncoding(BitmapEncoding.BINARY);
        for (int field = FieldDefinition.FIRST_DATA_ELEMENT; field <= FieldDefinition.LAST_DATA_ELEMENT; field++) {
            FieldDefinition definition = kessai.field(field);
            ValueEncoding packed = switch (definition.type()) {
                case N, Z -> ValueEncoding.BCD;
                case B -> ValueEncoding.RAW;
                default -> ValueEncoding.ASCII;
            };
            builder.replace(definition.withEncoding(packed, NumberEncoding.BCD));
        }
        return builder.build();
    }
}
