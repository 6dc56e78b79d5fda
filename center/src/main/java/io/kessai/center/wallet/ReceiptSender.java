package io.kessai.center.wallet;

import java.util.function.Supplier;

/** Sends the slip of a completed wallet payment (S17, Fig. 6 k) to the wallet holder by e-mail. */
public interface ReceiptSender {

    void sendReceipt(String email, String subject, String text, byte[] pdf, String fileName)
            throws OneTimeCodeSender.DeliveryException;

    /**
     * As above with the slip drawn only when the mail is really made: the PDF costs more CPU than the rest
     * of a payment's completion, so a sender that sends nothing (the load generator's) need not draw it.
     */
    default void sendReceipt(String email, String subject, String text, Supplier<byte[]> pdf, String fileName)
            throws OneTimeCodeSender.DeliveryException {
        sendReceipt(email, subject, text, pdf.get(), fileName);
    }
}
