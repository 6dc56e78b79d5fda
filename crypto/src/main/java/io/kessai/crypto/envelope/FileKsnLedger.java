package io.kessai.crypto.envelope;

import io.kessai.card.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A KSN ledger in a text file, one "scheme:KSN" per line, appended and forced to disk before a KSN
 * counts as used. For the command line ({@code kessai envelope open --ksn-ledger}), not for the center.
 */
public final class FileKsnLedger implements KsnLedger {
    private final Path file;
    private final Set<String> used = new HashSet<>();

    public FileKsnLedger(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (!line.isBlank()) {
                    used.add(line.strip());
                }
            }
        }
    }

    @Override
    public synchronized boolean firstUse(KeyScheme scheme, byte[] ksn) throws EnvelopeException {
        String entry = scheme.code() + ":" + Hex.encode(ksn);
        if (used.contains(entry)) {
            return false;
        }
        try {
            Files.writeString(file, entry + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new EnvelopeException(EnvelopeException.Reason.LEDGER_FAILURE,
                    "cannot record the KSN in " + file + ": " + e.getMessage(), e);
        }
        used.add(entry);
        return true;
    }
}
