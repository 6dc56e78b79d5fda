package io.kessai.card;

import java.nio.CharBuffer;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Magnetic-stripe track 2 (ISO/IEC 7813): {@code ;PAN=YYMMSSSDD…?L}.
 *
 * <p>Data characters (between the sentinels) are at most {@value #MAX_DATA_CHARACTERS}: the PAN
 * (12–19 digits, Luhn-checked), '=', expiry YYMM, service code, and discretionary data (digits).
 * Parsing accepts the track with sentinels ({@code ;…?}, optionally followed by the LRC character,
 * which is then checked) or without (as ISO 8583 DE 35 carries it).
 *
 * <p>The track is sensitive authentication data: it is kept only in a char array that
 * {@link #destroy()} zeroes, after which every accessor throws {@link IllegalStateException}.
 * {@link #toString()} shows the masked PAN and the service code, never the track. Not for
 * concurrent use.
 */
public final class Track2 implements Destroyable {
    /** ISO/IEC 7813: 40 characters on the stripe minus start sentinel, end sentinel and LRC. */
    public static final int MAX_DATA_CHARACTERS = 37;
    static final char SEPARATOR = '=';
    private static final TrackFrame.Kind KIND = TrackFrame.TRACK2;
    private static final String CONTEXT = KIND.name();
    private static final int EXPIRY_LENGTH = 4;

    private final char[] data;
    private final int discretionaryFrom;
    private Pan pan;
    private ExpiryDate expiry;
    private ServiceCode serviceCode;
    private boolean destroyed;

    private Track2(char[] data, int discretionaryFrom, Pan pan, ExpiryDate expiry, ServiceCode serviceCode) {
        this.data = data;
        this.discretionaryFrom = discretionaryFrom;
        this.pan = pan;
        this.expiry = expiry;
        this.serviceCode = serviceCode;
    }

    /**
     * Parses a track 2 with or without sentinels; offsets in errors are positions in {@code track}.
     *
     * @throws CardDataException for bad framing, length, field or LRC, naming the offset
     */
    public static Track2 parse(CharSequence track) throws CardDataException {
        return parse(track, 0, track.length());
    }

    /** Parses the track 2 in {@code source[from, to)}; offsets in errors are positions in {@code source}. */
    static Track2 parse(CharSequence source, int from, int to) throws CardDataException {
        TrackFrame frame = TrackFrame.find(source, from, to, KIND);
        int dataFrom = frame.dataFrom();
        int dataTo = frame.dataTo();
        int separatorAt = TrackFrame.panSeparator(source, dataFrom, dataTo, SEPARATOR, KIND);
        Pan pan = Pan.parse(source, dataFrom, separatorAt, CONTEXT);
        int expiryAt = separatorAt + 1;
        ExpiryDate expiry = ExpiryDate.parseYymm(source, expiryAt, dataTo, CONTEXT);
        int serviceCodeAt = expiryAt + EXPIRY_LENGTH;
        ServiceCode serviceCode = ServiceCode.parse(source, serviceCodeAt, dataTo, CONTEXT);
        int discretionaryAt = serviceCodeAt + ServiceCode.LENGTH;
        for (int i = discretionaryAt; i < dataTo; i++) {
            // The character is not echoed: discretionary data is sensitive, whatever it holds.
            if (!Luhn.isDigit(source.charAt(i))) {
                throw new CardDataException(CONTEXT + ": discretionary data has a non-digit at offset " + i, i);
            }
        }
        frame.checkLrc(source, KIND);
        char[] data = frame.copyData(source);
        return new Track2(data, discretionaryAt - dataFrom, pan, expiry, serviceCode);
    }

    /**
     * Builds a track 2 from its fields and checks it as {@link #parse} would; offsets in errors are
     * positions in the built track without sentinels.
     *
     * @param discretionary digits only (may be empty)
     */
    public static Track2 of(Pan pan, ExpiryDate expiry, ServiceCode serviceCode, String discretionary)
            throws CardDataException {
        char[] built = TrackFrame.join(pan.digits(), String.valueOf(SEPARATOR), expiry.yymm(), serviceCode.digits(),
                discretionary);
        try {
            return parse(CharBuffer.wrap(built));
        } finally {
            Bytes.wipe(built);
        }
    }

    public Pan pan() {
        checkNotDestroyed();
        return pan;
    }

    public ExpiryDate expiry() {
        checkNotDestroyed();
        return expiry;
    }

    public ServiceCode serviceCode() {
        checkNotDestroyed();
        return serviceCode;
    }

    public int discretionaryDataLength() {
        checkNotDestroyed();
        return data.length - discretionaryFrom;
    }

    /**
     * The discretionary data (PVKI, PVV, CVV …): sensitive authentication data. Only for building
     * the ISO 8583 message; never log, store or show it.
     */
    public String discretionaryData() {
        checkNotDestroyed();
        return new String(data, discretionaryFrom, data.length - discretionaryFrom);
    }

    /**
     * The exact track: without sentinels as ISO 8583 DE 35 carries it, or as on the stripe with
     * ';', '?' and the LRC character. Sensitive: see the class comment.
     */
    public String format(boolean withSentinelsAndLrc) {
        checkNotDestroyed();
        return TrackFrame.format(data, withSentinelsAndLrc, KIND);
    }

    /** Zeroes the track and drops the parsed fields; every accessor then throws. */
    @Override
    public void destroy() {
        Arrays.fill(data, '\0');
        pan = null;
        expiry = null;
        serviceCode = null;
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("track 2 was destroyed");
        }
    }

    /** Masked PAN and service code only. */
    @Override
    public String toString() {
        return destroyed ? "Track2[destroyed]" : "Track2[pan=" + pan.masked() + ", serviceCode=" + serviceCode + "]";
    }
}
