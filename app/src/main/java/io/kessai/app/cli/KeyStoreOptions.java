package io.kessai.app.cli;

import io.kessai.app.UsageException;
import io.kessai.crypto.hsm.HsmException;
import io.kessai.crypto.hsm.MasterKey;
import io.kessai.crypto.hsm.SoftwareHsm;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every key-store command shares: which store, and where its master key comes from. */
final class KeyStoreOptions {
    static final String MASTER_KEY_FILE_ENV = "KESSAI_MASTER_KEY_FILE";

    @Option(names = "--store", required = true, paramLabel = "FILE", description = "The key-store file.")
    Path store;

    @Option(names = "--master-key-file", paramLabel = "FILE",
            description = "File with the 64-hex-digit master key, mode 0600 (default: $" + MASTER_KEY_FILE_ENV
                    + "; $" + MasterKey.ENV_VARIABLE + " wins over both).")
    Path masterKeyFile;

    Path masterKeyFile() {
        if (masterKeyFile != null) {
            return masterKeyFile;
        }
        String fromEnvironment = System.getenv(MASTER_KEY_FILE_ENV);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
    }

    MasterKey masterKey() throws HsmException {
        return MasterKey.load(System.getenv(MasterKey.ENV_VARIABLE), masterKeyFile());
    }

    SoftwareHsm open() throws HsmException {
        return SoftwareHsm.open(store, masterKey());
    }

    static UsageException usage(String message) {
        return new UsageException(message);
    }
}
