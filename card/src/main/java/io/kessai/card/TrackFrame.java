package io.kessai.card;

import java.nio.CharBuffer;

/**
 * Where a track's data sits inside the text a reader gave: with or without start and end
 * sentinels, with or without the LRC character after the end sentinel.
 *
 * @param dataFrom first data character (after the start sentinel, if any)
 * @param dataTo end (exclusive) of the data (the end sentinel's offset, if any)
 * @param lrcAt offset of the LRC character, or -1 when none was given
 */
record TrackFrame(int dataFrom, int dataTo, int lrcAt) {
    static final int NO_LRC = -1;

    /** Rules of one track kind: its sentinels, its character set, its maximum length. */
    record Kind(String name, char startSentinel, char endSentinel, char valueBase, int valueMask,
            int maxDataCharacters) {}

    static final Kind TRACK1 = new Kind("track 1", '%', '?', Lrc.TRACK1_BASE, Lrc.TRACK1_VALUE_MASK,
            Track1.MAX_DATA_CHARACTERS);
    static final Kind TRACK2 = new Kind("track 2", ';', '?', Lrc.TRACK2_BASE, Lrc.TRACK2_VALUE_MASK,
            Track2.MAX_DATA_CHARACTERS);
    /** Start sentinel, end sentinel, LRC. */
    private static final int FRAMING_CHARACTERS = 3;

    /** Finds the data of a track in {@code source[from, to)}: sentinels, trailing LRC, length limit. */
    static TrackFrame find(CharSequence source, int from, int to, Kind kind) throws CardDataException {
        if (from >= to) {
            throw new CardDataException(kind.name() + ": empty", from);
        }
        TrackFrame frame;
        if (source.charAt(from) == kind.startSentinel()) {
            int end = indexOf(source, from + 1, to, kind.endSentinel());
            if (end < 0) {
                throw new CardDataException(kind.name() + ": start sentinel '" + kind.startSentinel() + "' at offset "
                        + from + " has no end sentinel '" + kind.endSentinel() + "'", from);
            }
            int after = to - end - 1;
            if (after > 1) {
                throw new CardDataException(kind.name() + ": " + Fields.count(after, "character")
                        + " after the end sentinel at offset "
                        + end + "; at most one (the LRC) may follow", end + 1);
            }
            frame = new TrackFrame(from + 1, end, after == 1 ? end + 1 : NO_LRC);
        } else {
            int end = indexOf(source, from, to, kind.endSentinel());
            if (end >= 0) {
                throw new CardDataException(kind.name() + ": end sentinel '" + kind.endSentinel() + "' at offset " + end
                        + " without start sentinel '" + kind.startSentinel() + "'", end);
            }
            frame = new TrackFrame(from, to, NO_LRC);
        }
        int dataLength = frame.dataTo - frame.dataFrom;
        if (dataLength == 0) {
            throw new CardDataException(kind.name() + ": no data between the sentinels at offset " + frame.dataFrom,
                    frame.dataFrom);
        }
        if (dataLength > kind.maxDataCharacters()) {
            throw new CardDataException(kind.name() + ": " + dataLength + " data characters, at most "
                    + kind.maxDataCharacters() + " allowed", frame.dataFrom + kind.maxDataCharacters());
        }
        return frame;
    }

    /**
     * Checks the LRC character, if one was given. Call after the fields are checked: the LRC
     * covers only characters of the track's set, and every field check keeps to that set.
     */
    void checkLrc(CharSequence source, Kind kind) throws CardDataException {
        if (lrcAt == NO_LRC) {
            return;
        }
        char given = source.charAt(lrcAt);
        if (given < kind.valueBase() || given > kind.valueBase() + kind.valueMask()) {
            throw new CardDataException(kind.name() + ": LRC character at offset " + lrcAt + " is outside the "
                    + kind.name() + " character set", lrcAt);
        }
        // The message names neither the expected nor the given LRC: both are functions of the track.
        if (given != lrc(source, dataFrom, dataTo, kind)) {
            throw new CardDataException(kind.name() + ": LRC check failed (LRC character at offset " + lrcAt + ")",
                    lrcAt);
        }
    }

    /** The data characters in a new array, which the track owns and wipes. */
    char[] copyData(CharSequence source) {
        char[] data = new char[dataTo - dataFrom];
        for (int i = 0; i < data.length; i++) {
            data[i] = source.charAt(dataFrom + i);
        }
        return data;
    }

    /** LRC character over start sentinel, {@code data[from, to)}, end sentinel. */
    static char lrc(CharSequence data, int from, int to, Kind kind) {
        int lrc = (kind.startSentinel() - kind.valueBase()) ^ (kind.endSentinel() - kind.valueBase());
        for (int i = from; i < to; i++) {
            int value = data.charAt(i) - kind.valueBase();
            assert value >= 0 && value <= kind.valueMask() : "field checks keep to the track's character set";
            lrc ^= value;
        }
        return (char) (kind.valueBase() + lrc);
    }

    /** The track rebuilt from its data characters, with sentinels and LRC when asked. */
    static String format(char[] data, boolean withSentinelsAndLrc, Kind kind) {
        if (!withSentinelsAndLrc) {
            return new String(data);
        }
        StringBuilder out = new StringBuilder(data.length + FRAMING_CHARACTERS);
        out.append(kind.startSentinel()).append(data).append(kind.endSentinel());
        out.append(lrc(CharBuffer.wrap(data), 0, data.length, kind));
        return out.toString();
    }

    /**
     * Offset of the separator that ends the PAN starting at {@code panFrom}, or an error saying
     * what is there instead. Only the digit run is scanned, so a PAN without separator is
     * reported where the separator should be, not as a Luhn error.
     */
    static int panSeparator(CharSequence source, int panFrom, int dataTo, char separator, Kind kind)
            throws CardDataException {
        int at = panFrom;
        while (at < dataTo && at - panFrom < Pan.MAX_DIGITS && Luhn.isDigit(source.charAt(at))) {
            at++;
        }
        String expected = kind.name() + ": expected '" + separator + "' separator after PAN at offset " + at;
        if (at == dataTo) {
            throw new CardDataException(expected + ", found end of track", at);
        }
        char found = source.charAt(at);
        if (found == separator) {
            return at;
        }
        if (Luhn.isDigit(found)) {
            throw new CardDataException(kind.name() + ": PAN longer than " + Pan.MAX_DIGITS + " digits: expected '"
                    + separator + "' separator at offset " + at, at);
        }
        throw new CardDataException(expected + ", found " + Fields.describe(found), at);
    }

    /** The parts in one char array, so a track being built never exists as one String. */
    static char[] join(String... parts) {
        int length = 0;
        for (String part : parts) {
            length += part.length();
        }
        char[] joined = new char[length];
        int at = 0;
        for (String part : parts) {
            part.getChars(0, part.length(), joined, at);
            at += part.length();
        }
        return joined;
    }

    static int indexOf(CharSequence source, int from, int to, char wanted) {
        for (int i = from; i < to; i++) {
            if (source.charAt(i) == wanted) {
                return i;
            }
        }
        return -1;
    }
}
