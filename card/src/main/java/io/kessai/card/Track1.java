package io.kessai.card;

import java.nio.CharBuffer;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Magnetic-stripe track 1, format B (ISO/IEC 7813): {@code %BPAN^NAME^YYMMSSSDD…?L}.
 *
 * <p>Data characters (between the sentinels, format code included) are at most
 * {@value #MAX_DATA_CHARACTERS}: format code 'B', the PAN (12–19 digits, Luhn-checked), '^', the
 * cardholder name (2–26 characters), '^', expiry YYMM, service code, discretionary data. Every
 * character is from the 6-bit track 1 set (' ' .. '_', so upper case only); the name may not
 * contain '^', and no field may contain a sentinel. Parsing accepts the track with sentinels
 * ({@code %…?}, optionally followed by the LRC character, which is then checked) or without (as
 * ISO 8583 DE 45 carries it). Only format B (financial) is accepted, and expiry and service code
 * must be present: a payment needs both.
 *
 * <p>Sensitive as {@link Track2} is: kept in a char array that {@link #destroy()} zeroes, after
 * which every accessor throws {@link IllegalStateException}; {@link #toString()} shows only the
 * masked PAN and the service code. Not for concurrent use.
 */
public final class Track1 implements Destroyable {
    /** ISO/IEC 7813: 79 characters on the stripe minus start sentinel, end sentinel and LRC. */
    public static final int MAX_DATA_CHARACTERS = 76;
    public static final int MIN_NAME_CHARACTERS = 2;
    public static final int MAX_NAME_CHARACTERS = 26;
    static final char FORMAT_CODE_FINANCIAL = 'B';
    static final char SEPARATOR = '^';
    private static final TrackFrame.Kind KIND = TrackFrame.TRACK1;
    private static final String CONTEXT = KIND.name();
    private static final int EXPIRY_LENGTH = 4;

    private final char[] data;
    private final int nameFrom;
    private final int nameTo;
    private final int discretionaryFrom;
    private Pan pan;
    private ExpiryDate expiry;
    private ServiceCode serviceCode;
    private boolean destroyed;

    private Track1(char[] data, int nameFrom, int nameTo, int discretionaryFrom, Pan pan, ExpiryDate expiry,
            ServiceCode serviceCode) {
        this.data = data;
        this.nameFrom = nameFrom;
        this.nameTo = nameTo;
        this.discretionaryFrom = discretionaryFrom;
        this.pan = pan;
        this.expiry = expiry;
        this.serviceCode = serviceCode;
    }

    /**
     * Parses a track 1 with or without sentinels; offsets in errors are positions in {@code track}.
     *
     * @throws CardDataException for bad framing, length, field or LRC, naming the offset
     */
    public static Track1 parse(CharSequence track) throws CardDataException {
        return parse(track, 0, track.length());
    }

    /** Parses the track 1 in {@code source[from, to)}; offsets in errors are positions in {@code source}. */
    static Track1 parse(CharSequence source, int from, int to) throws CardDataException {
        TrackFrame frame = TrackFrame.find(source, from, to, KIND);
        int dataFrom = frame.dataFrom();
        int dataTo = frame.dataTo();
        char formatCode = source.charAt(dataFrom);
        if (formatCode != FORMAT_CODE_FINANCIAL) {
            throw new CardDataException(CONTEXT + ": format code at offset " + dataFrom + " is "
                    + Fields.describe(formatCode) + ", only '" + FORMAT_CODE_FINANCIAL + "' (financial) is supported",
                    dataFrom);
        }
        int panFrom = dataFrom + 1;
        int panSeparatorAt = TrackFrame.panSeparator(source, panFrom, dataTo, SEPARATOR, KIND);
        Pan pan = Pan.parse(source, panFrom, panSeparatorAt, CONTEXT);
        int nameFrom = panSeparatorAt + 1;
        int nameTo = findNameEnd(source, nameFrom, dataTo);
        int expiryAt = nameTo + 1;
        ExpiryDate expiry = ExpiryDate.parseYymm(source, expiryAt, dataTo, CONTEXT);
        int serviceCodeAt = expiryAt + EXPIRY_LENGTH;
        ServiceCode serviceCode = ServiceCode.parse(source, serviceCodeAt, dataTo, CONTEXT);
        int discretionaryAt = serviceCodeAt + ServiceCode.LENGTH;
        for (int i = discretionaryAt; i < dataTo; i++) {
            // The character is not echoed: discretionary data is sensitive, whatever it holds.
            if (!isFieldCharacter(source.charAt(i))) {
                throw new CardDataException(CONTEXT + ": discretionary data has a character outside the track 1 "
                        + "set, or a sentinel, at offset " + i, i);
            }
        }
        frame.checkLrc(source, KIND);
        char[] data = frame.copyData(source);
        return new Track1(data, nameFrom - dataFrom, nameTo - dataFrom, discretionaryAt - dataFrom, pan, expiry,
                serviceCode);
    }

    /**
     * Builds a format-B track 1 from its fields and checks it as {@link #parse} would; offsets in
     * errors are positions in the built track without sentinels.
     *
     * @param name 2–26 track 1 characters, e.g. "SURNAME/GIVEN"
     * @param discretionary track 1 characters (may be empty)
     */
    public static Track1 of(Pan pan, String name, ExpiryDate expiry, ServiceCode serviceCode, String discretionary)
            throws CardDataException {
        String separator = String.valueOf(SEPARATOR);
        char[] built = TrackFrame.join(String.valueOf(FORMAT_CODE_FINANCIAL), pan.digits(), separator, name,
                separator, expiry.yymm(), serviceCode.digits(), discretionary);
        try {
            return parse(CharBuffer.wrap(built));
        } finally {
            Bytes.wipe(built);
        }
    }

    /** Offset of the '^' that ends the name, after checking the name's characters and length. */
    private static int findNameEnd(CharSequence source, int nameFrom, int dataTo) throws CardDataException {
        int at = nameFrom;
        while (at < dataTo && source.charAt(at) != SEPARATOR) {
            // The character is not echoed: it is part of the cardholder's name.
            if (!isFieldCharacter(source.charAt(at))) {
                throw new CardDataException(CONTEXT + ": name has a character outside the track 1 set, or a "
                        + "sentinel, at offset " + at, at);
            }
            at++;
        }
        if (at == dataTo) {
            throw new CardDataException(CONTEXT + ": expected '" + SEPARATOR + "' separator after the name (which "
                    + "starts at offset " + nameFrom + "), found end of track", at);
        }
        int length = at - nameFrom;
        if (length < MIN_NAME_CHARACTERS || length > MAX_NAME_CHARACTERS) {
            throw new CardDataException(CONTEXT + ": name at offset " + nameFrom + " has "
                    + Fields.count(length, "character") + ", expected " + MIN_NAME_CHARACTERS + " to "
                    + MAX_NAME_CHARACTERS, nameFrom);
        }
        return at;
    }

    /** In the 6-bit track 1 set and not a sentinel (sentinels only frame the track). */
    private static boolean isFieldCharacter(char c) {
        return Lrc.inTrack1Set(c) && c != KIND.startSentinel() && c != KIND.endSentinel();
    }

    public Pan pan() {
        checkNotDestroyed();
        return pan;
    }

    /**
     * The cardholder name as on the stripe, without the trailing spaces of a fixed-width name.
     * Cardholder data: for the ISO 8583 layer and a receipt, not for logs.
     */
    public String name() {
        checkNotDestroyed();
        int end = nameTo;
        while (end > nameFrom && data[end - 1] == ' ') {
            end--;
        }
        return new String(data, nameFrom, end - nameFrom);
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
     * The exact track: without sentinels as ISO 8583 DE 45 carries it, or as on the stripe with
     * '%', '?' and the LRC character. Sensitive: see the class comment.
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
            throw new IllegalStateException("track 1 was destroyed");
        }
    }

    /** Masked PAN and service code only. */
    @Override
    public String toString() {
        return destroyed ? "Track1[destroyed]" : "Track1[pan=" + pan.masked() + ", serviceCode=" + serviceCode + "]";
    }
}
