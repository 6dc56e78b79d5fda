package io.kessai.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import com.solab.iso8583.IsoType;
import com.solab.iso8583.MessageFactory;
import com.solab.iso8583.parse.FieldParseInfo;
import io.kessai.card.Hex;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * net.sf.j8583 1.17.0 as an independent oracle: configured from the Kessai table, it must read what
 * we write, and we must read what it writes, byte for byte the same messages.
 *
 * <p>j8583 particulars the mapping relies on: in ASCII mode it writes binary fields as upper-case
 * hex, and its LLBIN/LLLBIN length prefix counts those hex digits (as our {@link ValueEncoding#HEX}
 * does); its bitmap is hex unless {@code useBinaryBitmap}; it always adds the secondary bitmap when a
 * field above 64 is present; NUMERIC and ALPHA values are returned untrimmed as Strings. It has no
 * x+n type, so those fields map to ALPHA of length + 1, and no z type, so track data maps to LLVAR.
 */
class J8583OracleTest {
    private static final String ENCODING = "US-ASCII";
    private static final int HEX_RADIX = 16;
    private static final long[] SEEDS = {7L, 8583L, 1987L};
    private static final int RANDOM_MESSAGES_PER_SEED = 300;

    static Stream<Arguments> examples() {
        return Stream.of(BitmapEncoding.values()).flatMap(encoding -> ExampleMessages
                .all(Dialects.kessai(encoding)).entrySet().stream()
                .map(example -> Arguments.of(encoding, example.getKey(), example.getValue())));
    }

    @ParameterizedTest(name = "{1}, {0} bitmap")
    @MethodSource("examples")
    void j8583_reads_what_we_write(BitmapEncoding encoding, String name, IsoMessage message) throws Exception {
        MessageFactory<com.solab.iso8583.IsoMessage> factory = factoryFor(message.dialect(), message.mti());

        com.solab.iso8583.IsoMessage parsed = factory.parseMessage(message.encode(), 0);

        assertThat(parsed.getType()).isEqualTo(Integer.parseInt(message.mti(), HEX_RADIX));
        assertThat(toKessai(parsed, message.dialect())).isEqualTo(message);
    }

    @ParameterizedTest(name = "{1}, {0} bitmap")
    @MethodSource("examples")
    void we_read_what_j8583_writes(BitmapEncoding encoding, String name, IsoMessage message) throws Exception {
        MessageFactory<com.solab.iso8583.IsoMessage> factory = factoryFor(message.dialect(), message.mti());
        byte[] written = toJ8583(message, factory).writeData();

        IsoMessage decoded = message.dialect().decode(written);

        assertThat(decoded).isEqualTo(message);
        assertThat(Hex.encode(message.encode())).isEqualTo(Hex.encode(written));
    }

    @Test
    void random_messages_over_every_field_agree_both_ways() throws Exception {
        for (BitmapEncoding encoding : BitmapEncoding.values()) {
            Dialect dialect = Dialects.kessai(encoding);
            for (long seed : SEEDS) {
                RandomMessages random = new RandomMessages(seed);
                for (int i = 0; i < RANDOM_MESSAGES_PER_SEED; i++) {
                    IsoMessage message = random.next(dialect, (i % 10 + 1) / 10.0);
                    MessageFactory<com.solab.iso8583.IsoMessage> factory = factoryFor(dialect, message.mti());
                    byte[] ours = message.encode();

                    byte[] theirs = toJ8583(message, factory).writeData();

                    assertThat(Hex.encode(theirs)).as("seed %d message %d", seed, i).isEqualTo(Hex.encode(ours));
                    assertThat(toKessai(factory.parseMessage(ours, 0), dialect)).isEqualTo(message);
                    assertThat(dialect.decode(theirs)).isEqualTo(message);
                }
            }
        }
    }

    /** A j8583 factory whose parse guide for {@code mti} is the dialect's table. */
    static MessageFactory<com.solab.iso8583.IsoMessage> factoryFor(Dialect dialect, String mti) {
        MessageFactory<com.solab.iso8583.IsoMessage> factory = new MessageFactory<>();
        factory.setCharacterEncoding(ENCODING);
        factory.setUseBinaryBitmap(dialect.bitmapEncoding() == BitmapEncoding.BINARY);
        Map<Integer, FieldParseInfo> guide = new HashMap<>();
        for (int field = FieldDefinition.FIRST_DATA_ELEMENT; field <= FieldDefinition.LAST_DATA_ELEMENT; field++) {
            FieldDefinition definition = dialect.field(field);
            guide.put(field, FieldParseInfo.getInstance(typeOf(definition), lengthOf(definition), ENCODING));
        }
        factory.setParseMap(Integer.parseInt(mti, HEX_RADIX), guide);
        return factory;
    }

    private static IsoType typeOf(FieldDefinition definition) {
        boolean binary = definition.type() == FieldType.B;
        return switch (definition.lengthType()) {
            case FIXED -> binary ? IsoType.BINARY : definition.type() == FieldType.N ? IsoType.NUMERIC : IsoType.ALPHA;
            case LLVAR -> binary ? IsoType.LLBIN : IsoType.LLVAR;
            case LLLVAR -> binary ? IsoType.LLLBIN : IsoType.LLLVAR;
        };
    }

    private static int lengthOf(FieldDefinition definition) {
        if (!definition.isFixed()) {
            return 0;
        }
        return definition.type() == FieldType.XN ? definition.length() + 1 : definition.length();
    }

    static com.solab.iso8583.IsoMessage toJ8583(IsoMessage message,
            MessageFactory<com.solab.iso8583.IsoMessage> factory) {
        com.solab.iso8583.IsoMessage converted = factory.newMessage(Integer.parseInt(message.mti(), HEX_RADIX));
        converted.setBinaryBitmap(message.dialect().bitmapEncoding() == BitmapEncoding.BINARY);
        converted.setCharacterEncoding(ENCODING);
        for (int field : message.fieldNumbers()) {
            FieldDefinition definition = message.dialect().field(field);
            Object value = definition.type().isText() ? message.get(field) : message.getBytes(field);
            converted.setValue(field, value, typeOf(definition), lengthOf(definition));
        }
        return converted;
    }

    static IsoMessage toKessai(com.solab.iso8583.IsoMessage parsed, Dialect dialect) {
        IsoMessage converted = dialect.newMessage(String.format("%04X", parsed.getType()));
        for (int field = FieldDefinition.FIRST_DATA_ELEMENT; field <= FieldDefinition.LAST_DATA_ELEMENT; field++) {
            if (parsed.hasField(field)) {
                Object value = parsed.getObjectValue(field);
                if (value instanceof byte[] bytes) {
                    converted.set(field, bytes);
                } else {
                    converted.set(field, value.toString());
                }
            }
        }
        return converted;
    }
}
