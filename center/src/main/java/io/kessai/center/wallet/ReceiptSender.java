package io.kessai.center.wallet;

/** Sends the slip of a completed wallet payment (S17, Fig. 6 k) to the wallet holder by e-mail. */
public interface ReceiptSender {

    void sendReceipt(String email, String subject, String text, byte[] pdf, String fileName)
            throws OneTimeCodeSender.DeliveryException;
}
