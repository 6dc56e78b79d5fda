package io.kessai.app.cli;

import io.kessai.app.UsageException;
import io.kessai.card.Bytes;
import io.kessai.card.CardDataException;
import io.kessai.card.Track2;
import io.kessai.card.TrackRead;
import io.kessai.crypto.envelope.PaymentOutcome;
import io.kessai.crypto.envelope.PaymentResult;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.phone.CenterAnswer;
import io.kessai.phone.CenterClient;
import io.kessai.phone.CenterClientException;
import io.kessai.phone.CenterTrust;
import io.kessai.phone.Outbox;
import io.kessai.phone.mail.MailAccount;
import io.kessai.phone.mail.MailCenterClient;
import io.kessai.reader.CardReader;
import io.kessai.reader.ReaderException;
import java.io.Console;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kessai terminal pay}: seed 000's reader and phone (S201–S214, S401–S415, S601–S622) in one
 * command: seal at the reader, transfer into the phone's outbox, send to the center, verify the sealed
 * result at the reader, answer the additional items, wipe.
 */
@Command(name = "terminal", mixinStandardHelpOptions = true, description = "A card reader and its phone, for payments.",
        subcommands = TerminalCommand.Pay.class)
public final class TerminalCommand {
    /** The reader keeps a sealed copy; a damaged transfer is retried this many times (S409–S411). */
    static final int MAX_TRANSFERS = 3;
    /** A wrong PIN may be entered again this many times before the reader gives up. */
    static final int MAX_PIN_ENTRIES = 3;
    static final Path DEFAULT_CENTER_CERTIFICATE = Path.of("kessai-data", "center", "tls", "https.crt");

    @Command(name = "pay", mixinStandardHelpOptions = true,
            description = {"Pays with a card at a reader: prints APPROVED code=… payment=…, DECLINED reason=…, REENTER reason=… or UNAVAILABLE.",
                "Exit code 0 when approved, 1 otherwise."})
    static final class Pay implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--reader", required = true, paramLabel = "FILE", description = "The reader key file.") Path readerFile;
        @Option(names = "--track2", required = true, paramLabel = "TRACK", description = "The card's track 2 (as swiped).") String track2;
        @Option(names = "--amount", required = true, paramLabel = "N", description = "Minor units (JPY: yen).") String amount;
        @Option(names = "--currency", defaultValue = "JPY", paramLabel = "CODE") String currencyCode;
        @Option(names = "--pin", paramLabel = "DIGITS", description = "The PIN typed on the reader's keypad.") String pin;
        @Option(names = "--center", defaultValue = "https://localhost:8443", paramLabel = "URL",
                description = "The center (default: ${DEFAULT-VALUE}).") URI center;
        @Option(names = "--center-cert", paramLabel = "PEM",
                description = "Trust exactly this certificate (default: kessai-data/center/tls/https.crt when it exists, else the system's CAs).")
        Path centerCertificate;
        @Option(names = "--payment-method", defaultValue = "10", paramLabel = "CODE",
                description = "支払区分 for the additional items: 10 lump sum, 21 bonus, 31 bonus + installments, 61 installments, 80 revolving.")
        String paymentMethod;
        @Option(names = "--installments", paramLabel = "N") String installments;
        @Option(names = "--email", paramLabel = "ADDRESS", description = "Where the receipt goes.") String email;
        @Option(names = "--item", paramLabel = "KEY=VALUE", description = "An answer to one of the merchant's own questions.")
        Map<String, String> items = new LinkedHashMap<>();
        @Option(names = "--timeout-seconds", defaultValue = "60", paramLabel = "S") int timeoutSeconds;
        @Option(names = "--via", defaultValue = "https", paramLabel = "CHANNEL",
                description = "https (default) or email: send the envelope as a mail over SMTP and read the result mail over IMAP.")
        String via;
        @Option(names = "--phone-address", paramLabel = "ADDRESS",
                description = "With --via email: the phone's own address, as registered for the reader.") String phoneAddress;
        @Option(names = "--mail-password", paramLabel = "SECRET",
                description = "With --via email: the phone mailbox's IMAP password (default: the address, as the kessai up demo mailbox has it).")
        String mailPassword;
        @Option(names = "--center-address", defaultValue = "pay@kessai.localhost", paramLabel = "ADDRESS",
                description = "With --via email: the center's address (default: ${DEFAULT-VALUE}).") String centerAddress;
        @Option(names = "--smtp", defaultValue = "localhost:2525", paramLabel = "HOST:PORT",
                description = "With --via email: where the phone sends mail (default: ${DEFAULT-VALUE}, the center's own listener).")
        String smtp;
        @Option(names = "--plain-smtp", description = "With --via email: no STARTTLS even when a center certificate is known.")
        boolean plainSmtp;
        @Option(names = "--imap", defaultValue = "localhost:1143", paramLabel = "HOST:PORT",
                description = "With --via email: the phone's IMAP mailbox (default: ${DEFAULT-VALUE}, the kessai up demo mailbox).")
        String imap;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            long amountMinor = ReaderCommand.amountMinor(amount);
            Currency currency = ReaderCommand.currency(currencyCode);
            CardReader reader = CardReader.load(readerFile);
            PhoneTransport phone = transport();
            Outbox outbox = new Outbox(Outbox.DEFAULT_CAPACITY);
            char[] pinDigits = pin == null ? null : PinBlockCommand.digits("--pin", pin);
            try {
                for (int entry = 1; ; entry++) {
                    PaymentResult result = payOnce(reader, outbox, phone, amountMinor, currency, pinDigits, out);
                    if (result.outcome() == PaymentOutcome.REENTER && entry < MAX_PIN_ENTRIES) {
                        Optional<char[]> again = askPinAgain(result.reason());
                        if (again.isPresent()) {
                            Bytes.wipe(pinDigits);
                            pinDigits = again.get();
                            continue;
                        }
                    }
                    return result.outcome() == PaymentOutcome.APPROVED ? 0 : 1;
                }
            } finally {
                Bytes.wipe(pinDigits);
            }
        }

        private PhoneTransport transport() throws Exception {
            Duration timeout = Duration.ofSeconds(timeoutSeconds);
            return switch (via.toLowerCase(java.util.Locale.ROOT)) {
                case "https" -> PhoneTransport.https(new CenterClient(center, trust(), timeout));
                case "email" -> {
                    if (phoneAddress == null) {
                        throw new UsageException("--via email needs --phone-address, the phone address registered for the reader");
                    }
                    HostPort smtpAt = HostPort.parse("--smtp", smtp);
                    HostPort imapAt = HostPort.parse("--imap", imap);
                    yield PhoneTransport.email(new MailCenterClient(new MailAccount(phoneAddress, centerAddress, smtpAt.host(), smtpAt.port(),
                            imapAt.host(), imapAt.port(), phoneAddress, mailPassword == null ? phoneAddress : mailPassword, smtpTls()),
                            timeout));
                }
                default -> throw new UsageException("--via must be https or email, got '" + via + "'");
            };
        }

        private PaymentResult payOnce(CardReader reader, Outbox outbox, PhoneTransport phone, long amountMinor, Currency currency,
                char[] pinDigits, PrintWriter out) throws Exception {
            // S202–S204 / S401–S405: swipe, amount and PIN at the keypad, seal; the reader wipes the clear card read.
            SealedEnvelope envelope = reader.seal(card(), amountMinor, currency, pinDigits,
                    LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
            // S406–S411: into the phone's outbox, re-transferred from the reader's sealed copy if damaged.
            SealedEnvelope inOutbox = transfer(reader, outbox, envelope);
            // S611–S612: to the center and back.
            PhoneTransport.Verified verified;
            try {
                verified = phone.send(inOutbox, reader);
            } catch (CenterClientException e) {
                spec.commandLine().getErr().println("kessai terminal pay: " + e.code() + ": " + e.getMessage());
                out.println("UNAVAILABLE reason=" + e.code());
                return new PaymentResult(PaymentOutcome.UNAVAILABLE, "91", Optional.empty(), e.code(), "none", amountMinor,
                        currency.getCurrencyCode());
            } catch (PhoneTransport.ForgedResultException e) {
                // S613–S615: the reader believes only a result sealed under its own key.
                spec.commandLine().getErr().println("kessai terminal pay: the result does not verify at the reader: " + e.getMessage());
                out.println("UNAVAILABLE reason=forged_result");
                return new PaymentResult(PaymentOutcome.UNAVAILABLE, "91", Optional.empty(), "forged_result", e.paymentId(),
                        amountMinor, currency.getCurrencyCode());
            }
            outbox.sent(inOutbox);
            PaymentResult result = verified.result();
            CenterAnswer answer = verified.answer();
            out.println(describe(result, answer));
            if (result.outcome() == PaymentOutcome.APPROVED && phone.asksForItems(answer)) {
                // S619–S622: the additional items, answered from the command line.
                boolean acknowledged = answerItems(phone, answer);
                out.println("COMPLETED payment=" + answer.paymentId() + " issuer_acknowledged=" + acknowledged);
            }
            return result;
        }

        private boolean answerItems(PhoneTransport phone, CenterAnswer answer) throws CenterClientException {
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("payment_method", paymentMethod);
            if (installments != null) {
                answers.put("installments", installments);
            }
            if (email != null) {
                answers.put("customer_email", email);
            }
            answers.putAll(items);
            return phone.answer(answer.paymentId(), answers);
        }

        private static String describe(PaymentResult result, CenterAnswer answer) {
            return switch (result.outcome()) {
                case APPROVED -> "APPROVED code=" + result.approvalCode().orElseThrow() + " payment=" + result.paymentId();
                case DECLINED -> "DECLINED reason=" + result.reason() + " payment=" + result.paymentId() + " (" + answer.messageEn() + ")";
                case REENTER -> "REENTER reason=" + result.reason() + " payment=" + result.paymentId() + " (" + answer.messageEn() + ")";
                case UNAVAILABLE -> "UNAVAILABLE payment=" + result.paymentId() + " (" + answer.messageEn() + ")";
            };
        }

        private SealedEnvelope transfer(CardReader reader, Outbox outbox, SealedEnvelope sealed) throws ReaderException {
            if (!outbox.grantTransfer()) {
                throw new ReaderException("the phone's outbox is full");
            }
            String lastReason = "";
            for (int attempt = 1; attempt <= MAX_TRANSFERS; attempt++) {
                SealedEnvelope copy = reader.pendingEnvelope(sealed.ksn()).orElseThrow();
                Outbox.Transfer transfer = outbox.receive(copy.toBytes());
                if (transfer instanceof Outbox.Transfer.Accepted accepted) {
                    return accepted.envelope();
                }
                lastReason = ((Outbox.Transfer.Retransfer) transfer).reason();
            }
            throw new ReaderException("the phone refused the envelope " + MAX_TRANSFERS + " times: " + lastReason);
        }

        private TrackRead card() throws CardDataException {
            return TrackRead.of(Track2.parse(track2), Optional.empty());
        }

        private Optional<char[]> askPinAgain(String reason) {
            Console console = System.console();
            if (console == null || !"wrong_pin".equals(reason)) {
                return Optional.empty();
            }
            char[] entered = console.readPassword("PIN (again): ");
            if (entered == null || entered.length == 0) {
                return Optional.empty();
            }
            return Optional.of(entered);
        }

        /** STARTTLS to the center's listener, pinned to its certificate, when there is one to pin (--center-cert or the default). */
        private Optional<SSLContext> smtpTls() throws Exception {
            boolean pinned = centerCertificate != null || Files.isRegularFile(DEFAULT_CENTER_CERTIFICATE);
            return plainSmtp || !pinned ? Optional.empty() : Optional.of(trust());
        }

        private SSLContext trust() throws Exception {
            Path pem = centerCertificate;
            if (pem == null && Files.isRegularFile(DEFAULT_CENTER_CERTIFICATE)) {
                pem = DEFAULT_CENTER_CERTIFICATE;
            }
            if (pem == null) {
                return CenterTrust.system();
            }
            if (!Files.isRegularFile(pem)) {
                throw new UsageException("--center-cert: " + pem + " is not a file");
            }
            return CenterTrust.pinned(pem);
        }
    }

}
