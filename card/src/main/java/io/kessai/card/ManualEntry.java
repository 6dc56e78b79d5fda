package io.kessai.card;

import java.util.Optional;

/**
 * A PAN and expiry date keyed in, with the card verification code (CVV2/CVC2) when given. The
 * code is sensitive authentication data: it is kept in a char array that {@link #destroy()}
 * zeroes, handed out only as a copy, and never shown by {@link #toString()}.
 */
public final class ManualEntry implements CardRead {
    public static final int MIN_VERIFICATION_CODE_DIGITS = 3;
    public static final int MAX_VERIFICATION_CODE_DIGITS = 4;

    private Pan pan;
    private ExpiryDate expiry;
    private final char[] verificationCode;
    private boolean destroyed;

    private ManualEntry(Pan pan, ExpiryDate expiry, char[] verificationCode) {
        this.pan = pan;
        this.expiry = expiry;
        this.verificationCode = verificationCode;
    }

    public static ManualEntry of(Pan pan, ExpiryDate expiry) {
        return new ManualEntry(pan, expiry, null);
    }

    /**
     * @param cardVerificationCode 3 or 4 digits; copied, so the caller wipes its own array
     * @throws CardDataException when the code is not 3 or 4 digits
     */
    public static ManualEntry of(Pan pan, ExpiryDate expiry, char[] cardVerificationCode) throws CardDataException {
        int length = cardVerificationCode.length;
        if (length < MIN_VERIFICATION_CODE_DIGITS || length > MAX_VERIFICATION_CODE_DIGITS) {
            throw new CardDataException("manual entry: card verification code has " + length + " characters, expected "
                    + MIN_VERIFICATION_CODE_DIGITS + " or " + MAX_VERIFICATION_CODE_DIGITS + " digits");
        }
        for (int i = 0; i < length; i++) {
            if (!Luhn.isDigit(cardVerificationCode[i])) {
                throw new CardDataException("manual entry: card verification code has a non-digit at offset " + i, i);
            }
        }
        return new ManualEntry(pan, expiry, cardVerificationCode.clone());
    }

    @Override
    public Pan pan() {
        checkNotDestroyed();
        return pan;
    }

    @Override
    public ExpiryDate expiry() {
        checkNotDestroyed();
        return expiry;
    }

    /** A copy of the card verification code, which the caller wipes after use. */
    public Optional<char[]> cardVerificationCode() {
        checkNotDestroyed();
        return Optional.ofNullable(verificationCode).map(char[]::clone);
    }

    @Override
    public boolean fallback() {
        return false;
    }

    @Override
    public EntryMode entryMode(boolean terminalCanAcceptPin) {
        return new EntryMode(EntryMode.PanEntry.MANUAL, EntryMode.PinCapability.of(terminalCanAcceptPin));
    }

    @Override
    public void destroy() {
        Bytes.wipe(verificationCode);
        pan = null;
        expiry = null;
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("manual entry was destroyed");
        }
    }

    /** Masked PAN, and whether a verification code was given (never the code). */
    @Override
    public String toString() {
        if (destroyed) {
            return "ManualEntry[destroyed]";
        }
        return "ManualEntry[pan=" + pan.masked() + ", cardVerificationCode="
                + (verificationCode == null ? "absent" : "present") + "]";
    }
}
