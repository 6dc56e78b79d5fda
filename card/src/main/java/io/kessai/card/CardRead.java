package io.kessai.card;

import javax.security.auth.Destroyable;

/**
 * The card data one payment was made with: a swipe ({@link TrackRead}), a chip read
 * ({@link ChipRead}) or a keyed entry ({@link ManualEntry}).
 *
 * <p>Holds sensitive data until the authorization completes; then {@link #destroy()} wipes it
 * and every accessor throws {@link IllegalStateException}. {@code toString()} is masked.
 */
public sealed interface CardRead extends Destroyable permits TrackRead, ChipRead, ManualEntry {

    Pan pan();

    ExpiryDate expiry();

    /** ISO 8583 DE 22 for this read at a terminal that can (or cannot) take a PIN. */
    EntryMode entryMode(boolean terminalCanAcceptPin);

    /** True for a swipe of a chip card (service code 2xx or 6xx): the chip should have been used. */
    boolean fallback();

    /** Wipes the card data; never fails, and may be called more than once. */
    @Override
    void destroy();
}
