package io.kessai.center.wiring;

import io.kessai.center.mail.MailComposer;
import io.kessai.center.mail.MailStore;
import io.kessai.center.mail.OutgoingMail;
import io.kessai.center.wallet.MailSender;
import io.kessai.center.wallet.OneTimeCodeSender;
import io.kessai.center.wallet.ReceiptSender;
import io.kessai.center.wallet.WalletMailers;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The wallet's one-time codes and slips through the e-mail channel's durable outbox (stored in
 * PostgreSQL, sent by the outbox workers with retries, bounces recorded) when the center runs the mail
 * channel; without it the wallet sends directly ({@link WalletMailers#of}).
 */
final class OutboxWalletMailers implements OneTimeCodeSender, ReceiptSender {
    private final MailStore store;
    private final MailComposer composer;

    private OutboxWalletMailers(MailStore store, MailComposer composer) {
        this.store = store;
        this.composer = composer;
    }

    static WalletMailers of(MailStore store, MailComposer composer) {
        OutboxWalletMailers outbox = new OutboxWalletMailers(store, composer);
        return new WalletMailers(outbox, outbox);
    }

    @Override
    public void sendOneTimeCode(String phone, String email, String code, Duration validFor) throws DeliveryException {
        queue(() -> composer.standalone(OutgoingMail.Kind.WALLET_CODE, email, MailSender.ONE_TIME_CODE_SUBJECT,
                MailSender.oneTimeCodeText(phone, code, validFor), Optional.empty()), "the verification code", email);
    }

    @Override
    public void sendReceipt(String email, String subject, String text, byte[] pdf, String fileName) throws DeliveryException {
        queue(() -> composer.standalone(OutgoingMail.Kind.WALLET_SLIP, email, subject, text,
                Optional.of(new MailComposer.Pdf(fileName, pdf))), "the slip", email);
    }

    /** Stored is as good as sent: the outbox delivers it, across relay outages and restarts. */
    private void queue(Supplier<OutgoingMail> mail, String what, String email) throws DeliveryException {
        try {
            store.queue(mail.get());
        } catch (RuntimeException e) {
            throw new DeliveryException(what + " could not be queued for " + email + ": " + e.getMessage(), e);
        }
    }
}
