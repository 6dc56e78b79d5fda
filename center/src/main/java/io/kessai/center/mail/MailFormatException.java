package io.kessai.center.mail;

import java.util.Locale;

/**
 * A mail the center cannot use: what is wrong, with a stable code for the reply and the inbox record.
 * The only exception {@link MimeReader} and {@link ReplyForm} throw, whatever bytes arrive.
 */
public final class MailFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Stable codes: they appear in error replies and docs/protocol/mail.md, so never rename one. */
    public enum Code {
        /** Not a readable RFC 5322 / MIME message. */
        MIME_MALFORMED,
        /** Larger than the limit, or too many parts. */
        MAIL_TOO_LARGE,
        /** No envelope in any attachment or body. */
        NO_ENVELOPE,
        /** More than one different envelope: one payment per mail. */
        SEVERAL_ENVELOPES,
        /** An envelope was there but damaged (armor checksum, format). */
        ENVELOPE_DAMAGED,
        /** A reply with no answers we could read. */
        NO_ANSWERS;

        public String mailCode() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Code code;

    public MailFormatException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
