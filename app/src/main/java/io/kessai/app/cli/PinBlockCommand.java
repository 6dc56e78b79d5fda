package io.kessai.app.cli;

import io.kessai.app.UsageException;
import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import io.kessai.crypto.pin.PinBlockException;
import io.kessai.crypto.pin.PinBlockFormat;
import io.kessai.crypto.pin.PinBlocks;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kessai pinblock encode|decode}: ISO 9564-1 formats 0, 3 and 4, for tests and troubleshooting.
 * A developer tool: it sees clear PINs by design, so it is never used by the center itself.
 */
@Command(name = "pinblock", description = "ISO 9564-1 PIN blocks, formats 0, 3 and 4.", mixinStandardHelpOptions = true,
        subcommands = {PinBlockCommand.Encode.class, PinBlockCommand.Decode.class})
public final class PinBlockCommand {
    private static final int ISO0_BLOCK_BYTES = 8;
    private static final int ISO4_BLOCK_BYTES = 16;
    /** Format 4: the 8 random bytes of the PIN field (ISO 9564-1 §9.4). */
    private static final int ISO4_RANDOM_BYTES = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    static PinBlockFormat format(int number) {
        try {
            return PinBlockFormat.fromNumber(number);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format: must be 0, 3 or 4, got " + number);
        }
    }

    static byte[] tdesKey(String hex) {
        return HexArgument.decode("--key", hex, 16, 24);
    }

    static byte[] aesKey(String hex) {
        return HexArgument.decode("--key", hex, 16, 24, 32);
    }

    static char[] digits(String option, String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UsageException(option + ": must be digits only");
        }
        return value.toCharArray();
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "Prints the PIN block in hex: clear, or enciphered when --key is given (format 4 needs a key).")
    static final class Encode implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--format", required = true, paramLabel = "0|3|4") int formatNumber;
        @Option(names = "--pin", required = true, paramLabel = "DIGITS", description = "4 to 12 digits.") String pinText;
        @Option(names = "--pan", required = true, paramLabel = "DIGITS") String pan;
        @Option(names = "--key", paramLabel = "HEX",
                description = "Formats 0/3: a TDES key (16 or 24 bytes). Format 4: an AES key (16, 24 or 32 bytes).")
        String keyHex;
        @Option(names = "--random", paramLabel = "HEX",
                description = {"The random fill, for repeatable test blocks (default: from a secure random source).",
                    "Format 3: " + PinBlocks.ISO_3_RANDOM_FILL_BYTES + " bytes, one per fill nibble (A-F chosen by value mod 6).",
                    "Format 4: " + ISO4_RANDOM_BYTES + " bytes."})
        String randomHex;

        @Override
        public Integer call() {
            PinBlockFormat format = format(formatNumber);
            digits("--pan", pan);
            char[] pin = digits("--pin", pinText);
            int randomBytes = format == PinBlockFormat.ISO_3 ? PinBlocks.ISO_3_RANDOM_FILL_BYTES : ISO4_RANDOM_BYTES;
            byte[] random = randomHex == null ? freshRandom(randomBytes) : HexArgument.decode("--random", randomHex, randomBytes);
            byte[] key = null;
            byte[] block = null;
            try {
                block = switch (format) {
                    case ISO_0, ISO_3 -> {
                        byte[] clear = format == PinBlockFormat.ISO_0
                                ? PinBlocks.encodeIso0(pin, pan)
                                : PinBlocks.encodeIso3(pin, pan, random);
                        if (keyHex == null) {
                            yield clear;
                        }
                        key = tdesKey(keyHex);
                        byte[] enciphered = PinBlocks.encipherTdes(key, clear);
                        Bytes.wipe(clear);
                        yield enciphered;
                    }
                    case ISO_4 -> {
                        if (keyHex == null) {
                            throw new UsageException("--key: format 4 is only defined enciphered, give an AES key");
                        }
                        key = aesKey(keyHex);
                        yield PinBlocks.encipherIso4(key, pin, pan, random);
                    }
                };
                spec.commandLine().getOut().println(Hex.encode(block));
                return 0;
            } finally {
                Bytes.wipe(pin);
                Bytes.wipe(key, block, random);
            }
        }

        private static byte[] freshRandom(int bytes) {
            byte[] random = new byte[bytes];
            RANDOM.nextBytes(random);
            return random;
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Prints the PIN held in a block (deciphered first when --key is given; format 4 needs a key).")
    static final class Decode implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--format", required = true, paramLabel = "0|3|4") int formatNumber;
        @Option(names = "--block", required = true, paramLabel = "HEX") String blockHex;
        @Option(names = "--pan", required = true, paramLabel = "DIGITS") String pan;
        @Option(names = "--key", paramLabel = "HEX") String keyHex;

        @Override
        public Integer call() throws PinBlockException {
            PinBlockFormat format = format(formatNumber);
            digits("--pan", pan);
            byte[] key = null;
            byte[] clear = null;
            char[] pin = null;
            try {
                switch (format) {
                    case ISO_0, ISO_3 -> {
                        byte[] block = HexArgument.decode("--block", blockHex, ISO0_BLOCK_BYTES);
                        if (keyHex != null) {
                            key = tdesKey(keyHex);
                            clear = PinBlocks.decipherTdes(key, block);
                        } else {
                            clear = block;
                        }
                        pin = format == PinBlockFormat.ISO_0 ? PinBlocks.decodeIso0(clear, pan) : PinBlocks.decodeIso3(clear, pan);
                    }
                    case ISO_4 -> {
                        if (keyHex == null) {
                            throw new UsageException("--key: format 4 is only defined enciphered, give the AES key");
                        }
                        key = aesKey(keyHex);
                        byte[] block = HexArgument.decode("--block", blockHex, ISO4_BLOCK_BYTES);
                        pin = PinBlocks.decipherIso4(key, block, pan);
                    }
                }
                spec.commandLine().getOut().println(new String(pin));
                return 0;
            } finally {
                Bytes.wipe(pin);
                Bytes.wipe(key, clear);
            }
        }
    }
}
