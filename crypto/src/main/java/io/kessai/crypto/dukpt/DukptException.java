package io.kessai.crypto.dukpt;

/**
 * A KSN, counter or saved register state that DUKPT cannot use (wrong length, counter 0, too many
 * one-bits, exhausted register, damaged state). Messages name lengths, counters and positions — a KSN
 * is sent in the clear anyway — but never key material.
 */
public final class DukptException extends Exception {
    public DukptException(String message) {
        super(message);
    }
}
