package io.kessai.center.mail;

import java.util.Optional;

/**
 * A mail the center will send, complete: the outbox stores exactly these bytes, and every attempt sends
 * them again with the same Message-ID, so a receiver can tell a resend from a new mail.
 *
 * @param messageId without angle brackets, {@code kind.random@center-domain}
 */
public record OutgoingMail(String messageId, Kind kind, String recipient, Optional<String> paymentId, byte[] raw) {
    public enum Kind {
        RESULT,
        ITEMS,
        CONFIRMATION,
        ERROR,
        /** The wallet's one-time code for enrolment (not a reply to any mail). */
        WALLET_CODE,
        /** The wallet's slip after a payment, with the PDF. */
        WALLET_SLIP
    }
}
