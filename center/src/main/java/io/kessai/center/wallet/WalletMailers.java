package io.kessai.center.wallet;

/** Where the wallet's mail goes: one-time codes and slips. Tests pass their own to read the codes. */
public record WalletMailers(OneTimeCodeSender codes, ReceiptSender receipts) {
    public static WalletMailers of(WalletSettings settings) {
        MailSender mail = new MailSender(settings.smtp(), settings.maildrop(), settings.mailFrom());
        return new WalletMailers(mail, mail);
    }
}
