package io.kessai.app.cli;

import io.kessai.app.UsageException;
import io.kessai.card.Bytes;
import io.kessai.card.CardDataException;
import io.kessai.card.CardRead;
import io.kessai.card.Hex;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.reader.CardReader;
import io.kessai.reader.ReaderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kessai reader seal}: the reader's S204/S405, sealing card data, amount and PIN. */
@Command(name = "reader", mixinStandardHelpOptions = true, description = "The card reader: seal card settlement information.",
        subcommands = ReaderCommand.Seal.class)
public final class ReaderCommand {

    static long amountMinor(String text) {
        if (text.isEmpty() || text.length() > 12 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UsageException("--amount: must be 1 to 12 digits of minor units (JPY: yen), got '" + text + "'");
        }
        long amount = Long.parseLong(text);
        if (amount == 0) {
            throw new UsageException("--amount: must be more than 0");
        }
        return amount;
    }

    static Currency currency(String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--currency: '" + code + "' is not an ISO 4217 currency code");
        }
    }

    @Command(name = "seal", mixinStandardHelpOptions = true,
            description = {"Seals a card read, an amount and an optional PIN with the reader's next DUKPT key.",
                "Prints the envelope in hex (or armored with --armor), or writes it to --out."})
    static final class Seal implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CardInput card;

        @Option(names = "--reader", required = true, paramLabel = "FILE", description = "The reader key file.") Path readerFile;
        @Option(names = "--amount", required = true, paramLabel = "N", description = "Amount in minor units (JPY: yen).") String amount;
        @Option(names = "--currency", defaultValue = "JPY", paramLabel = "CODE", description = "ISO 4217 (default: ${DEFAULT-VALUE}).")
        String currencyCode;
        @Option(names = "--pin", paramLabel = "DIGITS", description = "The PIN as typed on the keypad (4-12 digits).") String pin;
        @Option(names = "--local-time", paramLabel = "yyyy-MM-ddTHH:mm:ss", description = "The reader's clock (default: now).")
        String localTime;
        @Option(names = "--armor", description = "Armored text for e-mail bodies instead of hex.") boolean armor;
        @Option(names = "--out", paramLabel = "FILE", description = "Write the envelope here (binary, or text with --armor).")
        Path out;

        @Override
        public Integer call() throws ReaderException, CardDataException, IOException {
            long amountMinor = amountMinor(amount);
            Currency currency = currency(currencyCode);
            LocalDateTime at = localTime();
            char[] pinDigits = pin == null ? null : PinBlockCommand.digits("--pin", pin);
            CardReader reader = CardReader.load(readerFile);
            CardRead read = card.read();
            try {
                SealedEnvelope envelope = reader.seal(read, amountMinor, currency, pinDigits, at);
                if (out != null) {
                    Files.write(out, armor ? envelope.toArmored().getBytes(StandardCharsets.US_ASCII) : envelope.toBytes());
                } else {
                    spec.commandLine().getOut().print(armor ? envelope.toArmored() : Hex.encode(envelope.toBytes()) + "\n");
                }
                spec.commandLine().getErr().println("sealed: KSN " + envelope.ksnHex() + ", reader " + reader.serial());
            } finally {
                Bytes.wipe(pinDigits);
                read.destroy();
            }
            return 0;
        }

        private LocalDateTime localTime() {
            if (localTime == null) {
                return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
            }
            try {
                return LocalDateTime.parse(localTime);
            } catch (DateTimeParseException e) {
                throw new UsageException("--local-time: '" + localTime + "' is not yyyy-MM-ddTHH:mm:ss");
            }
        }
    }
}
