package io.kessai.crypto.pin;

/**
 * A PIN block that does not decode: wrong length, control field, PIN length, digit or fill. The message
 * names the check and the nibble position, never a PIN digit, a nibble's value or the block itself —
 * usually the cause is a wrong key or PAN, and the message may end up in a log.
 */
public final class PinBlockException extends Exception {
    public PinBlockException(String message) {
        super(message);
    }
}
