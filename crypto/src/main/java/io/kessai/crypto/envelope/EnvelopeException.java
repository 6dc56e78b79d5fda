package io.kessai.crypto.envelope;

/**
 * Why an envelope or a sealed result was refused. The only exception the envelope parsers and the
 * opener throw for bad input; its message says what and where and never holds card data or keys.
 */
public final class EnvelopeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Stable reasons: the center maps them to API error codes, so never renumber or rename them. */
    public enum Reason {
        /** The bytes are not an envelope: bad magic, truncated, lengths that do not add up, bad armor. */
        MALFORMED,
        /** A format version or key scheme this build does not know. */
        UNSUPPORTED,
        /** No key in the key store for the envelope's KSN (unknown BDK ID). */
        UNKNOWN_KEY,
        /** The KSN itself is invalid (counter 0, too many one-bits). */
        BAD_KSN,
        /** The MAC does not verify: tampered, corrupted, or sealed under another key. */
        MAC_MISMATCH,
        /** The KSN was already used by an earlier envelope: a replay or a duplicate delivery. */
        REPLAYED_KSN,
        /** The MAC verified but the sealed content is not a valid card settlement information. */
        BAD_CONTENT,
        /** The KSN ledger could not record the KSN (full, or its storage failed): refused, to be safe. */
        LEDGER_FAILURE
    }

    private final Reason reason;

    public EnvelopeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public EnvelopeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
