package io.kessai.card;

import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * What a card reader sends for one swipe: track 1 and/or track 2, each with its sentinels,
 * e.g. {@code %B…^…^…?L;…=…?L} (L = optional LRC character).
 *
 * <p>Rules, chosen for keyboard-wedge and serial readers:
 * <ul>
 *   <li>Trailing CR and LF (the reader's Enter) are ignored.</li>
 *   <li>Track 1, if present, comes first. The character after its end sentinel is its LRC
 *       unless it is the ';' that starts track 2 (an LRC of ';' is recognised when another ';'
 *       or the end follows it).</li>
 *   <li>A track the reader marks as unreadable ({@code %E?} or {@code ;E?}) counts as absent.</li>
 *   <li>At least one track must be present; nothing may follow track 2 (no track 3).</li>
 *   <li>When both tracks are present they must agree on PAN, expiry date and service code.</li>
 * </ul>
 * Offsets in errors are positions in the whole swipe. {@link #destroy()} wipes both tracks.
 */
public final class SwipeData implements Destroyable {
    private static final String CONTEXT = "swipe";
    /** What readers put between the sentinels of a track they could not read. */
    private static final char READ_ERROR_MARK = 'E';

    private final Track1 track1;
    private final Track2 track2;

    private SwipeData(Track1 track1, Track2 track2) {
        assert track1 != null || track2 != null;
        this.track1 = track1;
        this.track2 = track2;
    }

    public static SwipeData parseSwipe(CharSequence swipe) throws CardDataException {
        int end = swipe.length();
        while (end > 0 && (swipe.charAt(end - 1) == '\r' || swipe.charAt(end - 1) == '\n')) {
            end--;
        }
        if (end == 0) {
            throw new CardDataException(CONTEXT + ": empty", 0);
        }
        char first = swipe.charAt(0);
        if (first != TrackFrame.TRACK1.startSentinel() && first != TrackFrame.TRACK2.startSentinel()) {
            throw new CardDataException(CONTEXT + ": expected '" + TrackFrame.TRACK1.startSentinel()
                    + "' (track 1) or '" + TrackFrame.TRACK2.startSentinel() + "' (track 2) at offset 0", 0);
        }
        int at = 0;
        Track1 track1 = null;
        Track2 track2 = null;
        try {
            if (first == TrackFrame.TRACK1.startSentinel()) {
                int track1End = track1End(swipe, end);
                if (!isReadError(swipe, 0, track1End, TrackFrame.TRACK1)) {
                    track1 = Track1.parse(swipe, 0, track1End);
                }
                at = track1End;
            }
            if (at < end) {
                if (swipe.charAt(at) != TrackFrame.TRACK2.startSentinel()) {
                    throw new CardDataException(CONTEXT + ": expected '" + TrackFrame.TRACK2.startSentinel()
                            + "' (start of track 2) at offset " + at, at);
                }
                if (!isReadError(swipe, at, end, TrackFrame.TRACK2)) {
                    track2 = Track2.parse(swipe, at, end);
                }
            }
            if (track1 == null && track2 == null) {
                throw new CardDataException(CONTEXT + ": the reader could read neither track");
            }
            if (track1 != null && track2 != null) {
                checkTracksAgree(track1, track2);
            }
        } catch (CardDataException e) {
            destroyAll(track1, track2);
            throw e;
        }
        return new SwipeData(track1, track2);
    }

    /** End (exclusive) of track 1, starting at offset 0 with '%': its end sentinel and LRC, if any. */
    private static int track1End(CharSequence swipe, int end) throws CardDataException {
        TrackFrame.Kind kind = TrackFrame.TRACK1;
        int endSentinelAt = TrackFrame.indexOf(swipe, 1, end, kind.endSentinel());
        if (endSentinelAt < 0) {
            throw new CardDataException(CONTEXT + ": track 1 at offset 0 has no end sentinel '" + kind.endSentinel()
                    + "'", 0);
        }
        int afterEndSentinel = endSentinelAt + 1;
        if (afterEndSentinel == end) {
            return afterEndSentinel;
        }
        char track2Start = TrackFrame.TRACK2.startSentinel();
        boolean track2StartsNext = swipe.charAt(afterEndSentinel) == track2Start
                && afterEndSentinel + 1 < end && swipe.charAt(afterEndSentinel + 1) != track2Start;
        return track2StartsNext ? afterEndSentinel : afterEndSentinel + 1;
    }

    /** True for the reader's "could not read this track" mark: start sentinel, 'E', end sentinel. */
    private static boolean isReadError(CharSequence swipe, int from, int to, TrackFrame.Kind kind) {
        final int markLength = 3;
        return to - from == markLength && swipe.charAt(from) == kind.startSentinel()
                && swipe.charAt(from + 1) == READ_ERROR_MARK && swipe.charAt(from + 2) == kind.endSentinel();
    }

    /** Both tracks of one card carry the same PAN, expiry date and service code. */
    static void checkTracksAgree(Track1 track1, Track2 track2) throws CardDataException {
        if (!track1.pan().equals(track2.pan())) {
            throw new CardDataException(CONTEXT + ": track 1 and track 2 carry different PANs");
        }
        if (!track1.expiry().equals(track2.expiry())) {
            throw new CardDataException(CONTEXT + ": track 1 and track 2 carry different expiry dates");
        }
        if (!track1.serviceCode().equals(track2.serviceCode())) {
            throw new CardDataException(CONTEXT + ": track 1 and track 2 carry different service codes ("
                    + track1.serviceCode() + " and " + track2.serviceCode() + ")");
        }
    }

    private static void destroyAll(Track1 track1, Track2 track2) {
        if (track1 != null) {
            track1.destroy();
        }
        if (track2 != null) {
            track2.destroy();
        }
    }

    public Optional<Track1> track1() {
        return Optional.ofNullable(track1);
    }

    public Optional<Track2> track2() {
        return Optional.ofNullable(track2);
    }

    /** Wipes both tracks. */
    @Override
    public void destroy() {
        destroyAll(track1, track2);
    }

    @Override
    public boolean isDestroyed() {
        return (track1 == null || track1.isDestroyed()) && (track2 == null || track2.isDestroyed());
    }

    /** Which tracks are present, with masked PAN and service code only. */
    @Override
    public String toString() {
        return "SwipeData[track1=" + (track1 == null ? "absent" : track1) + ", track2="
                + (track2 == null ? "absent" : track2) + "]";
    }
}
