package io.kessai.app.cli;

import io.kessai.app.RefusedException;
import io.kessai.app.UsageException;
import io.kessai.card.Hex;
import io.kessai.crypto.envelope.CardSettlementInformation;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.FileKsnLedger;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.hsm.HsmException;
import io.kessai.crypto.hsm.OpenedEnvelope;
import io.kessai.crypto.hsm.SoftwareHsm;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kessai envelope open}: what the center does first with an envelope (S801–S802), printed masked. */
@Command(name = "envelope", mixinStandardHelpOptions = true, description = "Sealed envelopes: open and inspect.",
        subcommands = EnvelopeCommand.Open.class)
public final class EnvelopeCommand {
    /** An envelope is a few hundred bytes; anything much larger is not one. */
    private static final int MAX_INPUT_BYTES = 64 * 1024;

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = {"Verifies an envelope's MAC with the key store, decrypts it and prints it with the PAN masked.",
                "Reads binary, armored text or hex from --in, or from standard input."})
    static final class Open implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KeyStoreOptions options;

        @Option(names = "--in", paramLabel = "FILE", description = "The envelope (default: standard input).") Path in;
        @Option(names = "--ksn-ledger", paramLabel = "FILE",
                description = "Record the KSN here and refuse it if it is already there (a replay).")
        Path ledgerFile;

        @Override
        public Integer call() throws HsmException, IOException {
            byte[] input = readInput();
            PrintWriter out = spec.commandLine().getOut();
            try (SoftwareHsm hsm = options.open()) {
                SealedEnvelope envelope = SealedEnvelope.parseAny(hexOrAsIs(input));
                OpenedEnvelope opened = hsm.openEnvelope(envelope);
                try {
                    if (ledgerFile != null) {
                        new FileKsnLedger(ledgerFile).requireFirstUse(opened.scheme(), opened.ksn());
                    }
                    print(out, opened);
                } finally {
                    opened.destroy();
                }
            } catch (EnvelopeException e) {
                throw new RefusedException("refused (" + e.reason() + "): " + e.getMessage());
            }
            return 0;
        }

        private void print(PrintWriter out, OpenedEnvelope opened) {
            CardSettlementInformation info = opened.information();
            out.println("ksn: " + opened.ksnHex());
            out.println("scheme: " + opened.scheme());
            out.println("mac: verified");
            out.println("reader: " + info.readerSerial());
            out.println("merchant: " + info.merchantId());
            out.println("terminal: " + info.terminalId());
            out.println("local-time: " + info.localDateTime());
            out.println("sequence: " + info.sequenceNumber());
            out.println("amount: " + info.amountMinor() + " " + info.currency().getCurrencyCode());
            out.println("pin-block: " + info.pinBlock().map(p -> p.format() + " (enciphered under the reader's PIN key)").orElse("none"));
            new CardPrinter(out, Clock.systemDefaultZone()).print(info.cardRead());
        }

        private byte[] readInput() throws IOException {
            byte[] bytes = in == null ? System.in.readNBytes(MAX_INPUT_BYTES + 1) : readFile(in);
            if (bytes.length > MAX_INPUT_BYTES) {
                throw new UsageException((in == null ? "standard input" : "--in") + ": more than " + MAX_INPUT_BYTES + " bytes: not an envelope");
            }
            return bytes;
        }

        private static byte[] readFile(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("--in: " + file + " is not a file");
            }
            if (Files.size(file) > MAX_INPUT_BYTES) {
                throw new UsageException("--in: " + file + " is more than " + MAX_INPUT_BYTES + " bytes: not an envelope");
            }
            return Files.readAllBytes(file);
        }

        /** `kessai reader seal` prints hex by default, so hex text is accepted as well. */
        private static byte[] hexOrAsIs(byte[] input) {
            String text = new String(input, StandardCharsets.US_ASCII).strip();
            if (!text.isEmpty() && Hex.isHex(text) && text.length() % 2 == 0) {
                return Hex.decode(text);
            }
            return input;
        }
    }
}
