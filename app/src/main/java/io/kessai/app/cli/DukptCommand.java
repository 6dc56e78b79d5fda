package io.kessai.app.cli;

import io.kessai.app.UsageException;
import io.kessai.card.Bytes;
import io.kessai.card.Hex;
import io.kessai.crypto.dukpt.Dukpt;
import io.kessai.crypto.dukpt.DukptException;
import io.kessai.crypto.dukpt.DukptKeyPurpose;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kessai dukpt derive}: the host-side key for a BDK and a KSN, for tests and key ceremonies. */
@Command(name = "dukpt", description = "DUKPT key derivation (ANSI X9.24-1 TDES, X9.24-3 AES).",
        subcommands = DukptCommand.Derive.class, mixinStandardHelpOptions = true)
public final class DukptCommand {

    @Command(name = "derive", mixinStandardHelpOptions = true,
            description = {"Prints a DUKPT key in hex: AES DUKPT for a 12-byte KSN, TDES DUKPT for a 10-byte KSN.",
                "Keys printed here are in the clear: use test keys only."})
    static final class Derive implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--bdk", required = true, paramLabel = "HEX",
                description = "Base derivation key: 16 bytes (TDES, AES-128), 24 (AES-192) or 32 (AES-256).")
        String bdkHex;

        @Option(names = "--ksn", required = true, paramLabel = "HEX", description = "Key serial number, 10 or 12 bytes.")
        String ksnHex;

        @Option(names = "--key", paramLabel = "KIND", defaultValue = "transaction",
                description = "transaction|pin|mac|mac-response|data|data-response (default: ${DEFAULT-VALUE}).")
        String keyName;

        @Override
        public Integer call() {
            DukptKeyPurpose purpose;
            try {
                purpose = DukptKeyPurpose.fromCliName(keyName);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--key: " + e.getMessage());
            }
            byte[] ksn = HexArgument.decode("--ksn", ksnHex, 10, 12);
            byte[] bdk = HexArgument.decode("--bdk", bdkHex, ksn.length == 10 ? new int[] {16} : new int[] {16, 24, 32});
            byte[] key = null;
            try {
                key = Dukpt.hostKey(bdk, ksn, purpose);
                spec.commandLine().getOut().println(Hex.encode(key));
            } catch (DukptException e) {
                throw new UsageException("--ksn: " + e.getMessage());
            } finally {
                Bytes.wipe(bdk, key);
            }
            return 0;
        }
    }
}
