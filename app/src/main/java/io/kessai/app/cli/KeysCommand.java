package io.kessai.app.cli;

import io.kessai.app.UsageException;
import io.kessai.card.Bytes;
import io.kessai.crypto.envelope.CardSettlementInformation;
import io.kessai.crypto.envelope.KeyScheme;
import io.kessai.crypto.hsm.HsmException;
import io.kessai.crypto.hsm.KeyInfo;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.MasterKey;
import io.kessai.crypto.hsm.ReaderKeyMaterial;
import io.kessai.crypto.hsm.ReaderRecord;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.reader.CardReader;
import io.kessai.reader.ReaderException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kessai keys …}: the software HSM's key store. Prints names, IDs and check values, never keys. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "The software HSM's key store: BDKs, zone PIN keys, reader key injection.",
        subcommands = {KeysCommand.Create.class, KeysCommand.GenerateBdk.class, KeysCommand.GenerateZpk.class,
            KeysCommand.ImportZpk.class, KeysCommand.Inject.class, KeysCommand.ListKeys.class})
public final class KeysCommand {

    static KeyType keyType(String option, String name, boolean bdk) {
        KeyType type = KeyType.fromCliName(name).orElse(null);
        if (type == null || (bdk ? !type.isBdk() : !type.isZpk())) {
            throw new UsageException(option + ": must be one of "
                    + (bdk ? "bdk-aes128, bdk-aes192, bdk-aes256, bdk-tdes" : "zpk-tdes, zpk-aes128, zpk-aes256")
                    + ", got '" + name + "'");
        }
        return type;
    }

    static void printKey(PrintWriter out, KeyInfo info) {
        out.println("name: " + info.name());
        out.println("type: " + info.type().cliName());
        if (!info.keyId().isEmpty()) {
            out.println("key-id: " + info.keyId());
        }
        out.println("kcv: " + info.checkValue());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates an empty key store; creates the master key file too when it does not exist.")
    static final class Create implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KeyStoreOptions options;

        @Override
        public Integer call() throws HsmException {
            PrintWriter out = spec.commandLine().getOut();
            Path masterFile = options.masterKeyFile();
            boolean fromEnvironment = System.getenv(MasterKey.ENV_VARIABLE) != null;
            MasterKey masterKey;
            if (!fromEnvironment && masterFile != null && !Files.exists(masterFile)) {
                masterKey = MasterKey.generateInto(masterFile, new SecureRandom());
                out.println("master-key-file: " + masterFile + " (created, mode 0600)");
            } else {
                masterKey = options.masterKey();
            }
            try (SoftwareHsm hsm = SoftwareHsm.create(options.store, masterKey)) {
                out.println("store: " + options.store);
            }
            return 0;
        }
    }

    @Command(name = "generate-bdk", mixinStandardHelpOptions = true, description = "Generates a base derivation key.")
    static final class GenerateBdk implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KeyStoreOptions options;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--type", defaultValue = "bdk-aes128",
                description = "bdk-aes128, bdk-aes192, bdk-aes256 or bdk-tdes (default: ${DEFAULT-VALUE}).")
        String type;

        @Override
        public Integer call() throws HsmException {
            KeyScheme scheme = keyType("--type", type, true).dukptScheme().orElseThrow();
            try (SoftwareHsm hsm = options.open()) {
                printKey(spec.commandLine().getOut(), hsm.generateBdk(name, scheme));
            }
            return 0;
        }
    }

    @Command(name = "generate-zpk", mixinStandardHelpOptions = true, description = "Generates a zone PIN key.")
    static final class GenerateZpk implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KeyStoreOptions options;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--type", defaultValue = "zpk-aes128",
                description = "zpk-tdes, zpk-aes128 or zpk-aes256 (default: ${DEFAULT-VALUE}).")
        String type;

        @Override
        public Integer call() throws HsmException {
            KeyType keyType = keyType("--type", type, false);
            try (SoftwareHsm hsm = options.open()) {
                printKey(spec.commandLine().getOut(), hsm.generateZpk(name, keyType));
            }
            return 0;
        }
    }

    @Command(name = "import-zpk", mixinStandardHelpOptions = true,
            description = {"Imports a clear zone PIN key shared with an issuer.",
                "For development and tests: production loads keys as components under dual control."})
    static final class ImportZpk implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KeyStoreOptions options;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--type", required = true, description = "zpk-tdes, zpk-aes128 or zpk-aes256.") String type;
        @Option(names = "--key", required = true, paramLabel = "HEX") String keyHex;

        @Override
        public Integer call() throws HsmException {
            KeyType keyType = keyType("--type", type, false);
            byte[] key = HexArgument.decode("--key", keyHex, keyType.keyBytes());
            try (SoftwareHsm hsm = options.open()) {
                printKey(spec.commandLine().getOut(), hsm.importZpk(name, keyType, key));
            } finally {
                Bytes.wipe(key);
            }
            return 0;
        }
    }

    @Command(name = "inject", mixinStandardHelpOptions = true,
            description = "Injects a reader: derives its initial key from a BDK and writes the reader's key file.")
    static final class Inject implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KeyStoreOptions options;
        @Option(names = "--bdk", required = true, paramLabel = "NAME") String bdkName;
        @Option(names = "--reader-serial", required = true, paramLabel = "SERIAL") String serial;
        @Option(names = "--merchant", required = true, paramLabel = "ID", description = "Merchant ID (ISO 8583 DE 42, up to 15).")
        String merchantId;
        @Option(names = "--terminal", required = true, paramLabel = "ID", description = "Terminal ID (DE 41, up to 8).")
        String terminalId;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The reader key file to write (mode 0600).")
        Path out;

        @Override
        public Integer call() throws HsmException, ReaderException {
            if (Files.exists(out)) {
                throw new UsageException("--out: " + out + " already exists: not overwritten");
            }
            // Checked before the HSM records the injection, so a typo does not burn the serial.
            CardSettlementInformation.requireText("--merchant", merchantId, CardSettlementInformation.MAX_MERCHANT_ID_CHARS);
            CardSettlementInformation.requireText("--terminal", terminalId, CardSettlementInformation.MAX_TERMINAL_ID_CHARS);
            try (SoftwareHsm hsm = options.open()) {
                ReaderKeyMaterial material = hsm.injectReader(bdkName, serial);
                try {
                    CardReader.provision(out, material, merchantId, terminalId);
                } finally {
                    material.destroy();
                }
                PrintWriter printer = spec.commandLine().getOut();
                printer.println("reader: " + material.readerSerial());
                printer.println("scheme: " + material.scheme());
                printer.println("initial-key-id: " + material.initialKeyIdHex());
                printer.println("kcv: " + material.checkValue());
                printer.println("key-file: " + out);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists keys and injected readers (no key material).")
    static final class ListKeys implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin KeyStoreOptions options;

        @Override
        public Integer call() throws HsmException {
            PrintWriter out = spec.commandLine().getOut();
            try (SoftwareHsm hsm = options.open()) {
                for (KeyInfo info : hsm.keys()) {
                    out.println("key " + info.name() + " " + info.type().cliName() + " id=" + (info.keyId().isEmpty() ? "-" : info.keyId())
                            + " kcv=" + info.checkValue() + " created=" + info.created());
                }
                for (ReaderRecord reader : hsm.readers()) {
                    out.println("reader " + reader.serial() + " bdk=" + reader.bdkName() + " ikid=" + reader.initialKeyId()
                            + " kcv=" + reader.checkValue() + " injected=" + reader.injected());
                }
            }
            return 0;
        }
    }
}
