package io.kessai.app.cli;

import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.PaymentResult;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.envelope.SealedResult;
import io.kessai.phone.CenterAnswer;
import io.kessai.phone.CenterClient;
import io.kessai.phone.CenterClientException;
import io.kessai.phone.mail.MailCenterClient;
import io.kessai.reader.CardReader;
import io.kessai.reader.ReaderException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How {@code kessai terminal pay}'s phone reaches the center: HTTPS or e-mail. Either way the reader
 * verifies the sealed result before anything is shown, and the output is the same.
 */
interface PhoneTransport {
    /** The center's answer and the result the reader verified in it. */
    record Verified(CenterAnswer answer, PaymentResult result) {}

    /** The answer's sealed result did not verify at the reader. */
    final class ForgedResultException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String paymentId;

        ForgedResultException(String paymentId, String message) {
            super(message);
            this.paymentId = paymentId;
        }

        String paymentId() {
            return paymentId;
        }
    }

    /** S611–S615: send the envelope, get the answer, have the reader verify it (and wipe its copy). */
    Verified send(SealedEnvelope envelope, CardReader reader) throws CenterClientException, ForgedResultException;

    boolean asksForItems(CenterAnswer answer);

    /** S619–S622: the answers to the additional items; true when the issuer already acknowledged the completion. */
    boolean answer(String paymentId, Map<String, String> answers) throws CenterClientException;

    static PhoneTransport https(CenterClient client) {
        return new PhoneTransport() {
            @Override
            public Verified send(SealedEnvelope envelope, CardReader reader) throws CenterClientException, ForgedResultException {
                CenterAnswer answer = client.send(envelope);
                try {
                    return new Verified(answer, reader.acceptResult(SealedResult.parse(answer.sealedResult())));
                } catch (EnvelopeException | ReaderException e) {
                    throw new ForgedResultException(answer.paymentId(), e.getMessage());
                }
            }

            @Override
            public boolean asksForItems(CenterAnswer answer) {
                return !answer.questions().isEmpty();
            }

            @Override
            public boolean answer(String paymentId, Map<String, String> answers) throws CenterClientException {
                return client.answer(paymentId, answers);
            }
        };
    }

    /**
     * By mail: every result mail that answers the envelope's mail is offered to the reader, and the first
     * it accepts counts; forged ones are skipped (and named on stderr by the caller's timeout message).
     */
    static PhoneTransport email(MailCenterClient client) {
        return new PhoneTransport() {
            private MailCenterClient.Sent sent;

            @Override
            public Verified send(SealedEnvelope envelope, CardReader reader) throws CenterClientException {
                sent = client.send(envelope);
                AtomicReference<PaymentResult> accepted = new AtomicReference<>();
                CenterAnswer answer = client.awaitResult(sent, sealed -> {
                    try {
                        accepted.set(reader.acceptResult(SealedResult.parse(sealed)));
                        return true;
                    } catch (EnvelopeException | ReaderException e) {
                        return false;
                    }
                });
                for (String refused : client.refusedMails()) {
                    System.err.println("kessai terminal pay: ignored a result mail the reader does not verify: " + refused);
                }
                return new Verified(answer, accepted.get());
            }

            @Override
            public boolean asksForItems(CenterAnswer answer) {
                return true;
            }

            @Override
            public boolean answer(String paymentId, Map<String, String> answers) throws CenterClientException {
                MailCenterClient.ItemsRequest request = client.awaitItemsRequest(sent);
                return client.answer(request, answers);
            }
        };
    }
}
