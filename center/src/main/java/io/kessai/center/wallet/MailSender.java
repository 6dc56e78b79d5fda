package io.kessai.center.wallet;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/**
 * The built-in sender of one-time codes and receipts: e-mail through an SMTP server (Angus Mail), or,
 * when no SMTP server is configured ({@code ./kessai up}), each message written as an RFC 5322 file into
 * a mail drop directory, the way development mail backends do. Timeouts bound every SMTP exchange.
 */
public final class MailSender implements OneTimeCodeSender, ReceiptSender {
    static final int SMTP_TIMEOUT_MILLIS = 10_000;
    private static final String UTF8 = "UTF-8";

    private final Optional<WalletSettings.Smtp> smtp;
    private final Path maildrop;
    private final String from;
    private final Session session;

    public MailSender(Optional<WalletSettings.Smtp> smtp, Path maildrop, String from) {
        this.smtp = smtp;
        this.maildrop = maildrop;
        this.from = from;
        Properties properties = new Properties();
        smtp.ifPresent(s -> {
            properties.put("mail.smtp.host", s.host());
            properties.put("mail.smtp.port", Integer.toString(s.port()));
            properties.put("mail.smtp.connectiontimeout", Integer.toString(SMTP_TIMEOUT_MILLIS));
            properties.put("mail.smtp.timeout", Integer.toString(SMTP_TIMEOUT_MILLIS));
            properties.put("mail.smtp.writetimeout", Integer.toString(SMTP_TIMEOUT_MILLIS));
            properties.put("mail.smtp.starttls.enable", Boolean.toString(s.startTls()));
        });
        this.session = Session.getInstance(properties);
    }

    @Override
    public void sendOneTimeCode(String phone, String email, String code, Duration validFor) throws DeliveryException {
        String text = oneTimeCodeText(phone, code, validFor);
        try {
            MimeMessage message = base(email, ONE_TIME_CODE_SUBJECT);
            message.setText(text, UTF8);
            deliver(message);
        } catch (MessagingException | IOException e) {
            throw new DeliveryException("the verification code could not be sent to " + email + ": " + e.getMessage(), e);
        }
    }

    /** Subject of the one-time code mail, whichever transport sends it. */
    public static final String ONE_TIME_CODE_SUBJECT = "Kessai 確認コード / verification code";

    /** Text of the one-time code mail, in Japanese and English, whichever transport sends it. */
    public static String oneTimeCodeText(String phone, String code, Duration validFor) {
        return "Kessai の確認コード / Your Kessai verification code: " + code + "\r\n\r\n"
                + "電話番号 " + phone + " の登録に使います。" + validFor.toMinutes() + " 分間有効です。\r\n"
                + "It confirms phone number " + phone + " and is valid for " + validFor.toMinutes() + " minutes.\r\n"
                + "心当たりがなければ、このメールは無視してください。 If you did not ask for it, ignore this message.\r\n";
    }

    @Override
    public void sendReceipt(String email, String subject, String text, byte[] pdf, String fileName) throws DeliveryException {
        try {
            MimeMessage message = base(email, subject);
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, UTF8);
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
            attachment.setFileName(fileName);
            MimeMultipart multipart = new MimeMultipart();
            multipart.addBodyPart(body);
            multipart.addBodyPart(attachment);
            message.setContent(multipart);
            deliver(message);
        } catch (MessagingException | IOException e) {
            throw new DeliveryException("the slip could not be sent to " + email + ": " + e.getMessage(), e);
        }
    }

    private MimeMessage base(String to, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(subject, UTF8);
        message.setSentDate(new Date());
        return message;
    }

    private void deliver(MimeMessage message) throws MessagingException, IOException {
        message.saveChanges();
        if (smtp.isPresent()) {
            Transport.send(message);
            return;
        }
        Files.createDirectories(maildrop);
        String name = System.currentTimeMillis() + "-" + Secrets.digits(8) + ".eml";
        try (OutputStream out = Files.newOutputStream(maildrop.resolve(name), StandardOpenOption.CREATE_NEW)) {
            message.writeTo(out);
        }
    }
}
