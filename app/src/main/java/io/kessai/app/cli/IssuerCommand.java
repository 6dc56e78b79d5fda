package io.kessai.app.cli;

import io.kessai.app.RefusedException;
import io.kessai.app.bench.TemporaryDirectories;
import io.kessai.app.UsageException;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.MasterKey;
import io.kessai.iso8583.link.LengthHeader;
import io.kessai.issuer.DatabaseLocation;
import io.kessai.issuer.IssuerConfig;
import io.kessai.issuer.IssuerException;
import io.kessai.issuer.IssuerHost;
import io.kessai.issuer.account.AccountsFileException;
import io.kessai.issuer.fault.TrafficFault;
import io.kessai.issuer.load.IssuerBench;
import io.kessai.issuer.load.LoadReport;
import io.kessai.issuer.load.RoundTripLoad;
import io.kessai.issuer.store.Schema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kessai issuer}: runs the issuer host (a card company's ISO 8583 host) until stopped;
 * {@code issuer totals} prints its totals for reconciliation; {@code issuer bench} measures round trips.
 * See docs/issuer.md.
 */
@Command(name = "issuer", mixinStandardHelpOptions = true,
        description = {"The issuer host: a card company's ISO 8583 server with card accounts (docs/issuer.md).",
            "Runs until Ctrl-C: stops accepting, lets answers in flight go out, closes the store."},
        subcommands = {IssuerCommand.TotalsCommand.class, IssuerCommand.BenchCommand.class})
public final class IssuerCommand implements Callable<Integer> {
    static final String DEFAULT_DATA = "issuer-data";
    static final String DB_PASSWORD_ENV = "KESSAI_DB_PASSWORD";
    private static final int MAX_PORT = 65_535;
    private static final long WAIT_STEP_SECONDS = 3_600;

    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Option(names = "--port", paramLabel = "N", description = "TCP port to listen on (0: any free port).") Integer port;
    @Option(names = "--accounts", paramLabel = "FILE", description = "The accounts file, loaded at start (docs/issuer.md).")
    Path accounts;
    @Option(names = "--zpk", paramLabel = "tdes:HEX|aes:HEX",
            description = "Zone PIN key shared with the center, imported into the issuer's key store (test keys only).")
    String zpk;
    @Option(names = "--bind", defaultValue = IssuerConfig.DEFAULT_BIND_HOST, paramLabel = "HOST",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bindHost;
    @Option(names = "--length-header", defaultValue = "binary2", paramLabel = "binary2|bcd2|ascii4",
            description = "Length header in front of each message (default: ${DEFAULT-VALUE}).")
    String lengthHeader;
    @Option(names = "--fault", paramLabel = "KIND@PERCENT",
            description = "Put a fault on a share of all answers: delay:MS@P, drop@P, close@P, garbage@P (repeatable).")
    List<String> faults = new ArrayList<>();
    @Option(names = "--fault-seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the fault draw, so a run repeats (default: ${DEFAULT-VALUE}).")
    long faultSeed;

    @Override
    public Integer call() throws InterruptedException {
        if (port == null) {
            throw new UsageException("--port: required (0 for any free port)");
        }
        if (port < 0 || port > MAX_PORT) {
            throw new UsageException("--port: must be 0.." + MAX_PORT + ", got " + port);
        }
        if (accounts == null) {
            throw new UsageException("--accounts: required");
        }
        IssuerConfig config = IssuerConfig.builder(store.dataDirectory())
                .database(store.location())
                .schema(store.schema())
                .accountsFile(accounts)
                .bindHost(bindHost)
                .port(port)
                .lengthHeader(lengthHeader(lengthHeader))
                .zonePinKey(zpk == null ? null : zonePinKey(zpk))
                .masterKeyFromEnvironment(System.getenv(MasterKey.ENV_VARIABLE))
                .trafficFaults(trafficFaults(faults))
                .faultSeed(faultSeed)
                .build();
        IssuerHost host = start(config);
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening: " + bindHost + ":" + host.port());
        out.println("data: " + store.dataDirectory().toAbsolutePath());
        out.println("store: " + host.databaseDescription());
        out.println("accounts: " + host.accountCount() + " (" + host.accountsAdded() + " added, " + host.accountsUpdated()
                + " updated)");
        out.println("journal-entries-replayed: " + host.replayedEntries());
        out.flush();
        Thread stopper = new Thread(host::close, "issuer-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        while (!host.awaitStop(WAIT_STEP_SECONDS, TimeUnit.SECONDS)) {
            // Runs until the shutdown hook (Ctrl-C, SIGTERM) or a journal failure stops the host.
        }
        if (host.failure() != null) {
            throw new RefusedException("stopped: " + host.failure().getMessage());
        }
        return 0;
    }

    private static IssuerHost start(IssuerConfig config) {
        try {
            return IssuerHost.start(config);
        } catch (IssuerException e) {
            throw refusalOrUsage(e);
        }
    }

    /** A bad accounts file is bad input (exit 2); anything else that stops the start is a refusal (exit 1). */
    static RuntimeException refusalOrUsage(IssuerException e) {
        return e.getCause() instanceof AccountsFileException
                ? new UsageException("--accounts: " + e.getMessage())
                : new RefusedException(e.getMessage());
    }

    static LengthHeader lengthHeader(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "binary2" -> LengthHeader.BINARY_2;
            case "bcd2" -> LengthHeader.BCD_2;
            case "ascii4" -> LengthHeader.ASCII_4;
            default -> throw new UsageException("--length-header: must be binary2, bcd2 or ascii4, got '" + name + "'");
        };
    }

    /** {@code tdes:HEX} (16 bytes) or {@code aes:HEX} (16 or 32 bytes). The key is never echoed. */
    static IssuerConfig.ZonePinKey zonePinKey(String value) {
        int colon = value.indexOf(':');
        String cipher = colon < 0 ? "" : value.substring(0, colon).toLowerCase(Locale.ROOT);
        String hex = colon < 0 ? "" : value.substring(colon + 1);
        return switch (cipher) {
            case "tdes" -> new IssuerConfig.ZonePinKey(KeyType.ZPK_TDES,
                    HexArgument.decode("--zpk", hex, KeyType.ZPK_TDES.keyBytes()));
            case "aes" -> {
                byte[] key = HexArgument.decode("--zpk", hex, KeyType.ZPK_AES128.keyBytes(), KeyType.ZPK_AES256.keyBytes());
                yield new IssuerConfig.ZonePinKey(key.length == KeyType.ZPK_AES128.keyBytes() ? KeyType.ZPK_AES128
                        : KeyType.ZPK_AES256, key);
            }
            default -> throw new UsageException("--zpk: must be tdes:HEX or aes:HEX");
        };
    }

    static List<TrafficFault> trafficFaults(List<String> specs) {
        List<TrafficFault> parsed = new ArrayList<>();
        for (String spec : specs) {
            try {
                parsed.add(TrafficFault.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--fault: " + e.getMessage());
            }
        }
        return parsed;
    }

    /** Where the issuer keeps its keys and, unless --db-url is given, its embedded PostgreSQL. */
    static final class StoreOptions {
        @Option(names = "--data", paramLabel = "DIR",
                description = "Data directory: keys (keys/) and the embedded PostgreSQL (postgres/) (default: ./"
                        + DEFAULT_DATA + ").")
        Path data;
        @Option(names = "--db-url", paramLabel = "URL", description = "External PostgreSQL (jdbc:postgresql://…) instead of the embedded one.")
        String dbUrl;
        @Option(names = "--db-user", paramLabel = "USER", description = "User for --db-url.") String dbUser;
        @Option(names = "--db-password", paramLabel = "PASSWORD",
                description = "Password for --db-url (default: $" + DB_PASSWORD_ENV + ").")
        String dbPassword;
        @Option(names = "--schema", defaultValue = Schema.DEFAULT_NAME, paramLabel = "NAME",
                description = "Schema of this issuer's tables, so several issuers can share one PostgreSQL (default: ${DEFAULT-VALUE}).")
        String schema;

        Path dataDirectory() {
            return data != null ? data : Path.of(DEFAULT_DATA);
        }

        DatabaseLocation location() {
            if (dbUrl == null) {
                if (dbUser != null || dbPassword != null) {
                    throw new UsageException("--db-user and --db-password go with --db-url");
                }
                return new DatabaseLocation.Embedded(dataDirectory());
            }
            if (!dbUrl.startsWith("jdbc:postgresql:")) {
                throw new UsageException("--db-url: must start with jdbc:postgresql:");
            }
            String password = dbPassword != null ? dbPassword : System.getenv(DB_PASSWORD_ENV);
            return new DatabaseLocation.External(dbUrl, dbUser == null ? "" : dbUser, password == null ? "" : password);
        }

        Schema schema() {
            try {
                return new Schema(schema);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--schema: " + e.getMessage());
            }
        }
    }

    @Command(name = "totals", mixinStandardHelpOptions = true,
            description = {"Prints the issuer's totals for reconciliation, per currency, one key: value per line:",
                "authorizations approved and declined, financial (0200), open holds, completions, reversals (counts and",
                "amounts in minor units), posted amount. Works while the host runs."})
    static final class TotalsCommand implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;

        @Override
        public Integer call() {
            try {
                PrintWriter out = spec.commandLine().getOut();
                out.println("schema: " + store.schema().name());
                IssuerHost.totals(store.location(), store.schema()).lines().forEach(out::println);
                return 0;
            } catch (IssuerException e) {
                throw new RefusedException(e.getMessage());
            }
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"Round trips on loopback: a client, one connection, pipelined, to an issuer host with its durable",
                "store on (embedded PostgreSQL, every answer after its journal commit). Prints authorizations per second."})
    static final class BenchCommand implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--authorizations", defaultValue = "1000000", paramLabel = "N",
                description = "Measured authorizations (default: ${DEFAULT-VALUE}).")
        int authorizations;
        @Option(names = "--warmup", defaultValue = "200000", paramLabel = "N",
                description = "Authorizations sent first and not measured (default: ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--window", defaultValue = "8192", paramLabel = "N",
                description = "Requests in flight on the connection (default: ${DEFAULT-VALUE}).")
        int window;
        @Option(names = "--cards", defaultValue = "10000", paramLabel = "N", description = "Card accounts (default: ${DEFAULT-VALUE}).")
        int cards;
        @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: a temporary one, deleted after).")
        Path data;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (authorizations < 1 || warmup < 0 || cards < 1) {
                throw new UsageException("--authorizations and --cards must be at least 1, --warmup at least 0");
            }
            if (window < 1 || window > RoundTripLoad.MAX_WINDOW) {
                throw new UsageException("--window: must be 1.." + RoundTripLoad.MAX_WINDOW);
            }
            Path directory = data != null ? data : Files.createTempDirectory("kessai-issuer-bench");
            try {
                LoadReport report = IssuerBench.run(directory, cards, warmup, authorizations, window);
                PrintWriter out = spec.commandLine().getOut();
                out.println("processors: " + Runtime.getRuntime().availableProcessors());
                out.println("durable-store: embedded PostgreSQL, synchronous_commit on, answer after commit");
                report.lines().forEach(out::println);
                return 0;
            } catch (IssuerException e) {
                throw new RefusedException(e.getMessage());
            } finally {
                if (data == null) {
                    TemporaryDirectories.deleteTree(directory);
                }
            }
        }
    }
}
