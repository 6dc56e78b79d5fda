package io.kessai.center.wallet;

import java.time.Duration;

/**
 * Delivers the one-time code that proves a phone number at enrolment (Fig. 4 S1). Pluggable: the
 * built-in {@link MailSender} sends it by e-mail (SMTP, or a mail drop directory in development); a
 * deployment with an SMS gateway implements this interface. Implementations must not log the code.
 */
public interface OneTimeCodeSender {

    /** Sends {@code code} for {@code phone} to the holder; throws {@link DeliveryException} when it cannot. */
    void sendOneTimeCode(String phone, String email, String code, Duration validFor) throws DeliveryException;

    /** The code could not be handed to the transport. */
    final class DeliveryException extends Exception {
        private static final long serialVersionUID = 1L;

        public DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
