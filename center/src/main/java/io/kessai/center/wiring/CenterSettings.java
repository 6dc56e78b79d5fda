package io.kessai.center.wiring;

import io.kessai.center.admin.AdminToken;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.wallet.WalletSettings;
import io.kessai.center.http.HttpServerConfig;
import io.kessai.center.mail.MailSettings;
import io.kessai.center.ops.BatchCommitter;
import io.kessai.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a center node needs, read from {@code KESSAI_*} variables (the environment, or a config
 * file of the same names: docs/configuration.md). Errors name the variable.
 *
 * @param database empty: an embedded PostgreSQL in {@code <dataDirectory>/postgres}
 * @param keyStore the software HSM's key store; its master key from KESSAI_MASTER_KEY[_FILE]
 * @param recoveryGrace how long a payment may wait for its issuer's answer untouched before any node
 *     treats it as orphaned by a crashed node (answers "unavailable", reverses); longer than every
 *     issuer timeout, so that a live node always finishes its own payments first
 * @param singleNode no other node shares the database: at start, every payment still waiting for an
 *     issuer was left by this node's last run and is taken over at once, whatever its age
 * @param mail empty: no e-mail channel (KESSAI_MAIL_ENABLED is not true)
 */
public record CenterSettings(
        Path dataDirectory,
        Optional<ExternalDatabase> database,
        int databasePoolSize,
        Path keyStore,
        Optional<String> masterKeyHex,
        Path masterKeyFile,
        AdminToken adminToken,
        HttpServerConfig http,
        String panKeyName,
        String panIndexKeyName,
        Duration registryPollInterval,
        Duration recoveryGrace,
        boolean singleNode,
        WalletSettings wallet,
        Optional<MailSettings> mail) {

    public record ExternalDatabase(String url, String user, String password) {
        @Override
        public String toString() {
            return "ExternalDatabase[" + url + ", " + user + ", password ***]";
        }
    }

    public static final String DEFAULT_PAN_KEY = "pan-dek";
    public static final String DEFAULT_PAN_INDEX_KEY = "pan-index";
    private static final int MAX_POOL = 200;
    /** Group commits that keep their writers' connections: journal, mail, wallet request moves, advice acknowledgements. */
    private static final int GROUP_COMMITS = 4;
    /** Connections left for everything else (API reads, pollers, recovery) when every writer holds its own. */
    private static final int MIN_READ_CONNECTIONS = 4;
    /** Below this, the writers' connections (ADR 0021) would leave the reads waiting for the pool. */
    static final int MIN_POOL = GROUP_COMMITS * BatchCommitter.WRITERS + MIN_READ_CONNECTIONS;
    private static final int MAX_POLL_SECONDS = 3_600;
    /** The longest issuer response timeout the registry allows (120 s) plus a margin. */
    private static final int DEFAULT_RECOVERY_GRACE_SECONDS = 150;
    private static final int MAX_RECOVERY_GRACE_SECONDS = 3_600;

    public static CenterSettings from(ConfigValues values) {
        Path data = Path.of(values.string("KESSAI_DATA_DIR").orElse("kessai-data/center"));
        Optional<ExternalDatabase> database = values.string("KESSAI_DB_URL").map(url -> new ExternalDatabase(url,
                values.string("KESSAI_DB_USER").orElseThrow(() -> new IllegalArgumentException("KESSAI_DB_URL is set: set KESSAI_DB_USER too")),
                values.secret("KESSAI_DB_PASSWORD").orElse("")));
        return new CenterSettings(
                data,
                database,
                values.integer("KESSAI_DB_POOL_SIZE", Database.DEFAULT_POOL_SIZE, MIN_POOL, MAX_POOL),
                Path.of(values.string("KESSAI_KEY_STORE").orElse(data.resolve("keys.kks").toString())),
                values.string("KESSAI_MASTER_KEY"),
                Path.of(values.string("KESSAI_MASTER_KEY_FILE").orElse(data.resolve("master.key").toString())),
                AdminToken.fromEnvironment(values, data),
                HttpServerConfig.fromEnvironment(values, data),
                values.string("KESSAI_PAN_KEY").orElse(DEFAULT_PAN_KEY),
                values.string("KESSAI_PAN_INDEX_KEY").orElse(DEFAULT_PAN_INDEX_KEY),
                Duration.ofSeconds(values.integer("KESSAI_REGISTRY_POLL_SECONDS", 2, 1, MAX_POLL_SECONDS)),
                Duration.ofSeconds(values.integer("KESSAI_RECOVERY_GRACE_SECONDS", DEFAULT_RECOVERY_GRACE_SECONDS, 0,
                        MAX_RECOVERY_GRACE_SECONDS)),
                values.bool("KESSAI_SINGLE_NODE", false),
                WalletSettings.from(values, data),
                MailSettings.fromEnvironment(values));
    }
}
