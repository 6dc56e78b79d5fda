package io.kessai.issuer;

import io.kessai.crypto.hsm.KeyType;
import io.kessai.iso8583.link.LengthHeader;
import io.kessai.issuer.fault.TrafficFault;
import io.kessai.issuer.ledger.LedgerLimits;
import io.kessai.issuer.store.Schema;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Everything the issuer host is told at start. Build with {@link #builder(Path)}.
 *
 * @param dataDirectory keys ({@code keys/}) and, when embedded, PostgreSQL ({@code postgres/})
 * @param database where the store is
 * @param accountsFile loaded at start, or null to serve what the store holds
 * @param zonePinKey the zone PIN key to import, or null to use the stored one (if any)
 * @param masterKeyFromEnvironment {@code $KESSAI_MASTER_KEY}, or null to use {@code keys/master.key}
 * @param maxInFlightPerConnection requests of one connection decided and not yet answered; a
 *     pipelining client needs enough of them to cover a group commit
 * @param handlerTimeoutMillis an answer not released by then is not sent (a delay fault longer than
 *     this is a drop)
 * @param faultSeed seeds the draw of traffic faults, so a test run repeats
 */
public record IssuerConfig(
        Path dataDirectory, DatabaseLocation database, Schema schema, Path accountsFile, String bindHost, int port,
        LengthHeader lengthHeader, ZonePinKey zonePinKey, String masterKeyFromEnvironment,
        List<TrafficFault> trafficFaults, long faultSeed, LedgerLimits ledgerLimits, int maxInFlightPerConnection,
        int handlerTimeoutMillis, Clock clock) {

    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION = 8_192;
    public static final int DEFAULT_HANDLER_TIMEOUT_MILLIS = 60_000;

    /** A clear zone PIN key to import (development and tests; see {@code Hsm.importZpk}). */
    public record ZonePinKey(KeyType type, byte[] clearKey) {
        public ZonePinKey {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(clearKey, "clearKey");
        }

        @Override
        public String toString() {
            return "ZonePinKey[" + type.cliName() + "]";
        }
    }

    public IssuerConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(lengthHeader, "lengthHeader");
        trafficFaults = List.copyOf(trafficFaults);
        Objects.requireNonNull(ledgerLimits, "ledgerLimits");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /** Defaults: embedded PostgreSQL in the data directory, schema "issuer", loopback, any port, binary length header. */
    public static final class Builder {
        private final Path dataDirectory;
        private DatabaseLocation database;
        private Schema schema = Schema.defaultSchema();
        private Path accountsFile;
        private String bindHost = DEFAULT_BIND_HOST;
        private int port;
        private LengthHeader lengthHeader = LengthHeader.BINARY_2;
        private ZonePinKey zonePinKey;
        private String masterKeyFromEnvironment;
        private List<TrafficFault> trafficFaults = List.of();
        private long faultSeed = 1;
        private LedgerLimits ledgerLimits = LedgerLimits.DEFAULT;
        private int maxInFlightPerConnection = DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION;
        private int handlerTimeoutMillis = DEFAULT_HANDLER_TIMEOUT_MILLIS;
        private Clock clock = Clock.systemDefaultZone();

        private Builder(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            this.database = new DatabaseLocation.Embedded(dataDirectory);
        }

        public Builder database(DatabaseLocation value) {
            this.database = value;
            return this;
        }

        public Builder schema(Schema value) {
            this.schema = value;
            return this;
        }

        public Builder accountsFile(Path value) {
            this.accountsFile = value;
            return this;
        }

        public Builder bindHost(String value) {
            this.bindHost = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder lengthHeader(LengthHeader value) {
            this.lengthHeader = value;
            return this;
        }

        public Builder zonePinKey(ZonePinKey value) {
            this.zonePinKey = value;
            return this;
        }

        public Builder masterKeyFromEnvironment(String value) {
            this.masterKeyFromEnvironment = value;
            return this;
        }

        public Builder trafficFaults(List<TrafficFault> value) {
            this.trafficFaults = value;
            return this;
        }

        public Builder faultSeed(long value) {
            this.faultSeed = value;
            return this;
        }

        public Builder ledgerLimits(LedgerLimits value) {
            this.ledgerLimits = value;
            return this;
        }

        public Builder maxInFlightPerConnection(int value) {
            this.maxInFlightPerConnection = value;
            return this;
        }

        public Builder handlerTimeoutMillis(int value) {
            this.handlerTimeoutMillis = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public IssuerConfig build() {
            return new IssuerConfig(dataDirectory, database, schema, accountsFile, bindHost, port, lengthHeader,
                    zonePinKey, masterKeyFromEnvironment, trafficFaults, faultSeed, ledgerLimits,
                    maxInFlightPerConnection, handlerTimeoutMillis, clock);
        }
    }
}
