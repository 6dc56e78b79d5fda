package io.kessai.center.http;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Where the HTTPS server's key and certificate come from. There is no plain-HTTP choice. */
public sealed interface TlsConfig {
    /**
     * A self-signed certificate made on first start and kept in {@code directory} for later starts
     * (development, tests, a private network whose clients pin the certificate).
     *
     * @param extraNames host names or IP addresses to put in the certificate besides localhost,
     *     127.0.0.1, ::1 and this machine's host name
     */
    record SelfSigned(Path directory, List<String> extraNames) implements TlsConfig {
        public SelfSigned {
            Objects.requireNonNull(directory, "directory");
            extraNames = List.copyOf(extraNames);
        }

        public SelfSigned(Path directory) {
            this(directory, List.of());
        }
    }

    /** A PKCS #12 file with exactly one private key and its certificate chain (production). */
    record Pkcs12File(Path file, char[] password) implements TlsConfig {
        public Pkcs12File {
            Objects.requireNonNull(file, "file");
            password = password.clone();
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public String toString() {
            return "Pkcs12File[file=" + file + ", password=***]";
        }
    }
}
