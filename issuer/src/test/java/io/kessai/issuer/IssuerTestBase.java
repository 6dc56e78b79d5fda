package io.kessai.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.card.CardDataException;
import io.kessai.card.Pan;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.db.Database;
import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.IsoMessage;
import io.kessai.issuer.store.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real PostgreSQL for the whole test run (started by the first class that needs it, stopped when
 * JUnit closes its root store); per test a schema, a data directory (keys) and an issuer host of its
 * own, with the test card base loaded and the test zone PIN key imported, on a real TCP port.
 */
@ExtendWith(IssuerTestBase.ShareDatabase.class)
abstract class IssuerTestBase {
    static final Clock TODAY = Clock.fixed(Instant.parse("2026-01-15T03:00:00Z"), ZoneId.of("Asia/Tokyo"));
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    static Database database;

    @TempDir Path dir;
    Schema schema;
    Path accountsFile;
    IssuerHost host;
    final Requests requests = new Requests();

    /** Gives each test class the run's one PostgreSQL, starting it the first time. */
    static final class ShareDatabase implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            database = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .computeIfAbsent(SharedDatabase.class, key -> new SharedDatabase(), SharedDatabase.class)
                    .database();
        }
    }

    /** The run's PostgreSQL in a temporary directory; closed (and deleted) with JUnit's root store. */
    static final class SharedDatabase implements AutoCloseable {
        private static final int POOL_SIZE = 8;
        private final Path directory;
        private final Database database;

        SharedDatabase() {
            try {
                directory = Files.createTempDirectory("issuer-test-postgres");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            database = Database.embedded(directory.resolve("postgres"), 0, POOL_SIZE);
        }

        Database database() {
            return database;
        }

        @Override
        public void close() throws IOException {
            database.close();
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @BeforeEach
    void startHost() throws Exception {
        schema = new Schema("issuer_test_" + SCHEMAS.incrementAndGet());
        accountsFile = TestCards.write(dir.resolve("accounts.csv"), TestCards.lines());
        host = IssuerHost.start(config().build(), database);
    }

    @AfterEach
    void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    IssuerConfig.Builder config() {
        return IssuerConfig.builder(dir.resolve("data"))
                .schema(schema)
                .accountsFile(accountsFile)
                .zonePinKey(new IssuerConfig.ZonePinKey(KeyType.ZPK_TDES, TestCards.ZPK.clone()))
                .clock(TODAY);
    }

    void restart(IssuerConfig config) throws Exception {
        host.close();
        host = IssuerHost.start(config, database);
    }

    TestAcquirer acquirer() throws Exception {
        return new TestAcquirer(host.port());
    }

    AccountView account(String pan) throws CardDataException {
        return host.account(Pan.of(pan)).orElseThrow();
    }

    static void assertAnswer(IsoMessage response, String mti, String responseCode) {
        assertThat(response.mti()).isEqualTo(mti);
        assertThat(response.responseCode()).as("DE 39 of " + mti).isEqualTo(responseCode);
    }

    static String approvalCode(IsoMessage response) {
        return response.hasField(DataElement.AUTHORIZATION_ID_RESPONSE)
                ? response.get(DataElement.AUTHORIZATION_ID_RESPONSE) : null;
    }
}
