package io.kessai.card;

import java.util.Optional;

/**
 * A magnetic-stripe read: track 2, and track 1 when the reader got it. Owns its tracks:
 * {@link #destroy()} wipes them.
 *
 * <p>Kessai readers have a chip slot (seed 000 ¶0068), so a swipe of a chip card is a fallback
 * (DE 22 80x) and any other swipe a full magnetic-stripe read (90x).
 */
public final class TrackRead implements CardRead {
    private final Track2 track2;
    private final Track1 track1;

    private TrackRead(Track2 track2, Track1 track1) {
        this.track2 = track2;
        this.track1 = track1;
    }

    /**
     * @throws CardDataException when the tracks disagree on PAN, expiry date or service code
     */
    public static TrackRead of(Track2 track2, Optional<Track1> track1) throws CardDataException {
        if (track1.isPresent()) {
            SwipeData.checkTracksAgree(track1.get(), track2);
        }
        return new TrackRead(track2, track1.orElse(null));
    }

    /**
     * The tracks of a swipe, which must include track 2 (DE 35 is what issuers authorize on).
     *
     * @throws CardDataException when the swipe has only track 1
     */
    public static TrackRead fromSwipe(SwipeData swipe) throws CardDataException {
        Track2 track2 = swipe.track2().orElseThrow(
                () -> new CardDataException("swipe has no readable track 2; a card payment needs it"));
        return new TrackRead(track2, swipe.track1().orElse(null));
    }

    public Track2 track2() {
        checkNotDestroyed();
        return track2;
    }

    public Optional<Track1> track1() {
        checkNotDestroyed();
        return Optional.ofNullable(track1);
    }

    @Override
    public Pan pan() {
        return track2().pan();
    }

    @Override
    public ExpiryDate expiry() {
        return track2().expiry();
    }

    public ServiceCode serviceCode() {
        return track2().serviceCode();
    }

    @Override
    public boolean fallback() {
        return serviceCode().hasChip();
    }

    @Override
    public EntryMode entryMode(boolean terminalCanAcceptPin) {
        EntryMode.PanEntry panEntry = fallback() ? EntryMode.PanEntry.MAGSTRIPE_FALLBACK
                : EntryMode.PanEntry.MAGSTRIPE_FULL;
        return new EntryMode(panEntry, EntryMode.PinCapability.of(terminalCanAcceptPin));
    }

    @Override
    public void destroy() {
        track2.destroy();
        if (track1 != null) {
            track1.destroy();
        }
    }

    @Override
    public boolean isDestroyed() {
        return track2.isDestroyed();
    }

    private void checkNotDestroyed() {
        if (isDestroyed()) {
            throw new IllegalStateException("track read was destroyed");
        }
    }

    /** Masked PAN, service code and which tracks are present. */
    @Override
    public String toString() {
        if (isDestroyed()) {
            return "TrackRead[destroyed]";
        }
        return "TrackRead[pan=" + track2.pan().masked() + ", serviceCode=" + track2.serviceCode() + ", track1="
                + (track1 == null ? "absent" : "present") + "]";
    }
}
