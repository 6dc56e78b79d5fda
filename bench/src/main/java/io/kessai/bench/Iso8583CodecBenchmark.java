package io.kessai.bench;

import com.solab.iso8583.IsoType;
import com.solab.iso8583.MessageFactory;
import com.solab.iso8583.parse.FieldParseInfo;
import io.kessai.card.Hex;
import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialect;
import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.Mti;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode + decode of a typical 0100 (chip purchase with PIN: 23 fields, 111 bytes of DE 55, 492 bytes
 * on the wire) with Kessai's codec and with net.sf.j8583 1.17.0 configured for the same formats; the
 * setup checks both write the very same bytes. Targets (ISO 8583 codec issue): at least 1,000,000
 * encode+decode per second per core, and at least 3× j8583 in the same run. The headline pair is
 * {@code kessaiEncodeDecode} (the decoder copies its input, as {@code decode(byte[])} does) against
 * {@code j8583EncodeDecode}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class Iso8583CodecBenchmark {
    private static final String ENCODING = "US-ASCII";
    private static final int MTI_0100 = 0x0100;
    private static final String ICC_DATA_HEX = "9F2608C2C12B098F3DA6E3" + "9F270180"
            + "9F10120110A00003220000000000000000000000FF" + "9F3704BC1DF4A5" + "9F3602001C"
            + "950500000480009A032511219C0100" + "9F0206000000012800" + "5F2A020392" + "82021800"
            + "9F1A020392" + "9F3303E0F8C8" + "9F34034203009F3501228407A0000000031010";

    /** The typical 0100, field by field: number, j8583 type, fixed length (0 = variable), value. */
    private static final Object[][] FIELDS = {
        {DataElement.PAN, IsoType.LLVAR, 0, "4111111111111111"},
        {DataElement.PROCESSING_CODE, IsoType.NUMERIC, 6, "000000"},
        {DataElement.AMOUNT_TRANSACTION, IsoType.NUMERIC, 12, "000000012800"},
        {DataElement.TRANSMISSION_DATE_TIME, IsoType.NUMERIC, 10, "1121063000"},
        {DataElement.STAN, IsoType.NUMERIC, 6, "000123"},
        {DataElement.LOCAL_TIME, IsoType.NUMERIC, 6, "153000"},
        {DataElement.LOCAL_DATE, IsoType.NUMERIC, 4, "1121"},
        {DataElement.EXPIRATION_DATE, IsoType.NUMERIC, 4, "2812"},
        {DataElement.MERCHANT_TYPE, IsoType.NUMERIC, 4, "5411"},
        {DataElement.POS_ENTRY_MODE, IsoType.NUMERIC, 3, "051"},
        {DataElement.CARD_SEQUENCE_NUMBER, IsoType.NUMERIC, 3, "001"},
        {DataElement.POS_CONDITION_CODE, IsoType.NUMERIC, 2, "00"},
        {DataElement.ACQUIRING_INSTITUTION_ID, IsoType.LLVAR, 0, "123456"},
        {DataElement.TRACK_2, IsoType.LLVAR, 0, "4111111111111111=28122011234500000"},
        {DataElement.RETRIEVAL_REFERENCE_NUMBER, IsoType.ALPHA, 12, "532506000123"},
        {DataElement.TERMINAL_ID, IsoType.ALPHA, 8, "TERM0001"},
        {DataElement.CARD_ACCEPTOR_ID, IsoType.ALPHA, 15, "KESSAI000000001"},
        {DataElement.CARD_ACCEPTOR_NAME_LOCATION, IsoType.ALPHA, 40, "KESSAI MART SHIBUYA      TOKYO        JP"},
        {DataElement.ADDITIONAL_DATA_PRIVATE, IsoType.LLLVAR, 0, "010261020203"},
        {DataElement.CURRENCY_CODE_TRANSACTION, IsoType.ALPHA, 3, "392"},
        {DataElement.PIN_DATA, IsoType.BINARY, 8, Hex.decode("1B9C1845EB993A7A")},
        {DataElement.SECURITY_CONTROL, IsoType.NUMERIC, 16, "0001000100000000"},
        {DataElement.ICC_DATA, IsoType.LLLBIN, 0, Hex.decode(ICC_DATA_HEX)},
    };

    private Dialect dialect;
    private IsoMessage kessaiMessage;
    private byte[] kessaiWire;
    private MessageFactory<com.solab.iso8583.IsoMessage> factory;
    private com.solab.iso8583.IsoMessage j8583Message;
    private byte[] j8583Wire;

    @Setup(Level.Trial)
    public void buildTheSameMessageTwice() throws Exception {
        dialect = Dialects.kessai();
        kessaiMessage = dialect.newMessage(Mti.AUTHORIZATION_REQUEST);
        factory = new MessageFactory<>();
        factory.setCharacterEncoding(ENCODING);
        j8583Message = factory.newMessage(MTI_0100);
        j8583Message.setCharacterEncoding(ENCODING);
        Map<Integer, FieldParseInfo> parseGuide = new HashMap<>();
        for (Object[] field : FIELDS) {
            int number = (Integer) field[0];
            IsoType type = (IsoType) field[1];
            int length = (Integer) field[2];
            if (field[3] instanceof byte[] bytes) {
                kessaiMessage.set(number, bytes.clone());
            } else {
                kessaiMessage.set(number, (String) field[3]);
            }
            j8583Message.setValue(number, field[3], type, length);
            parseGuide.put(number, FieldParseInfo.getInstance(type, length, ENCODING));
        }
        factory.setParseMap(MTI_0100, parseGuide);
        kessaiWire = kessaiMessage.encode();
        j8583Wire = j8583Message.writeData();
        if (!Arrays.equals(kessaiWire, j8583Wire)) {
            throw new IllegalStateException("the two codecs must write the same message:\n"
                    + Hex.encode(kessaiWire) + "\n" + Hex.encode(j8583Wire));
        }
    }

    @Benchmark
    public IsoMessage kessaiEncodeDecode() throws IsoFormatException {
        return dialect.decode(kessaiMessage.encode());
    }

    @Benchmark
    public com.solab.iso8583.IsoMessage j8583EncodeDecode() throws ParseException, java.io.UnsupportedEncodingException {
        return factory.parseMessage(j8583Message.writeData(), 0);
    }

    /** The same without the decoder's input copy: the frame is handed over ({@code decodeInPlace}). */
    @Benchmark
    public IsoMessage kessaiEncodeDecodeInPlace() throws IsoFormatException {
        return dialect.decodeInPlace(kessaiMessage.encode());
    }

    @Benchmark
    public byte[] kessaiEncode() throws IsoFormatException {
        return kessaiMessage.encode();
    }

    @Benchmark
    public IsoMessage kessaiDecode() throws IsoFormatException {
        return dialect.decode(kessaiWire);
    }

    @Benchmark
    public byte[] j8583Encode() {
        return j8583Message.writeData();
    }

    @Benchmark
    public com.solab.iso8583.IsoMessage j8583Decode() throws ParseException, java.io.UnsupportedEncodingException {
        return factory.parseMessage(j8583Wire, 0);
    }
}
