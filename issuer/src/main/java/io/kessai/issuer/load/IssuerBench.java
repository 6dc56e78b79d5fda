package io.kessai.issuer.load;

import io.kessai.card.Luhn;
import io.kessai.issuer.IssuerConfig;
import io.kessai.issuer.IssuerException;
import io.kessai.issuer.IssuerHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The issuer round-trip benchmark, in one process: an issuer host with its durable store on (embedded
 * PostgreSQL in {@code dataDirectory}, journal committed with synchronous_commit on before any answer)
 * and the {@link RoundTripLoad} client on loopback. Client, host and PostgreSQL share the machine.
 */
public final class IssuerBench {
    public static final long CARD_LIMIT_MINOR = 999_999_999_999L;
    private static final String BIN = "999999";
    private static final int PAN_BODY_DIGITS = 15;

    private IssuerBench() {}

    /** Test cards {@code 999999…}: credit, active, limit high enough for any run. */
    public static List<String> cards(int count) {
        List<String> pans = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String body = BIN + String.format("%0" + (PAN_BODY_DIGITS - BIN.length()) + "d", i);
            pans.add(body + Luhn.checkDigit(body));
        }
        return pans;
    }

    public static LoadReport run(Path dataDirectory, int cards, int warmup, int count, int window)
            throws IssuerException, IOException, InterruptedException {
        List<String> pans = cards(cards);
        Path accounts = dataDirectory.resolve("bench-accounts.csv");
        Files.createDirectories(dataDirectory);
        List<String> lines = new ArrayList<>(pans.size() + 1);
        lines.add("pan,expiry,status,kind,limit_minor,currency,issuer_code");
        for (String pan : pans) {
            lines.add(pan + ",4912,active,credit," + CARD_LIMIT_MINOR + ",392,BENCH");
        }
        Files.write(accounts, lines);
        IssuerConfig config = IssuerConfig.builder(dataDirectory).accountsFile(accounts).build();
        try (IssuerHost host = IssuerHost.start(config)) {
            long batchesBefore = host.committedBatches();
            long entriesBefore = host.committedEntries();
            // Each request of an earlier run left one journal entry: numbering on from there repeats no key.
            LoadReport report = new RoundTripLoad(config.bindHost(), host.port(), pans, window)
                    .run(host.replayedEntries(), warmup, count);
            return new LoadReport(report.authorizations(), report.approved(), report.declined(), report.elapsedNanos(),
                    report.latencyP50Micros(), report.latencyP99Micros(), report.latencyMaxMicros(), window,
                    host.committedBatches() - batchesBefore, host.committedEntries() - entriesBefore);
        }
    }
}
