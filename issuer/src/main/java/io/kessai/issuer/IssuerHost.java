package io.kessai.issuer;

import io.kessai.card.Bytes;
import io.kessai.card.Pan;
import io.kessai.db.Database;
import io.kessai.db.DatabaseException;
import io.kessai.issuer.decision.IssuerEngine;
import io.kessai.issuer.fault.FaultPlan;
import io.kessai.issuer.keys.IssuerKeys;
import io.kessai.issuer.ledger.Account;
import io.kessai.issuer.ledger.Ledger;
import io.kessai.issuer.ledger.PanKey;
import io.kessai.issuer.net.IssuerLink;
import io.kessai.issuer.store.IssuerStore;
import io.kessai.issuer.store.JournalWriter;
import io.kessai.issuer.store.Schema;
import io.kessai.issuer.store.StoredAccount;
import io.kessai.issuer.store.Totals;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer host, assembled: keys, store, ledger rebuilt from the journal, accounts file, journal
 * writer, engine, ISO 8583 server. {@link #start} returns once it listens; {@link #close} stops
 * accepting, lets answers in flight go out, commits what is queued and closes the store.
 */
public final class IssuerHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IssuerHost.class);
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final IssuerConfig config;
    private final Database database;
    private final boolean ownsDatabase;
    private final IssuerKeys keys;
    private final IssuerStore store;
    private final JournalWriter journal;
    private final IssuerEngine engine;
    private final IssuerLink link;
    private final AccountLoader.Result loaded;
    private final long replayedEntries;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable failure;

    private IssuerHost(IssuerConfig config, Database database, boolean ownsDatabase, IssuerKeys keys, IssuerStore store,
            JournalWriter journal, IssuerEngine engine, IssuerLink link, AccountLoader.Result loaded, long replayedEntries) {
        this.config = config;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.keys = keys;
        this.store = store;
        this.journal = journal;
        this.engine = engine;
        this.link = link;
        this.loaded = loaded;
        this.replayedEntries = replayedEntries;
    }

    /** Starts with the store the configuration names; closing the host closes it. */
    public static IssuerHost start(IssuerConfig config) throws IssuerException {
        Database database;
        try {
            database = DatabaseLocation.open(config.database());
        } catch (DatabaseException e) {
            throw new IssuerException(e.getMessage(), e);
        }
        try {
            return start(config, database, true);
        } catch (IssuerException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Starts on a database the caller owns (tests share one server between hosts and restarts). */
    public static IssuerHost start(IssuerConfig config, Database database) throws IssuerException {
        return start(config, database, false);
    }

    private static IssuerHost start(IssuerConfig config, Database database, boolean ownsDatabase) throws IssuerException {
        IssuerKeys keys = IssuerKeys.openOrCreate(config.dataDirectory().resolve("keys"), config.masterKeyFromEnvironment());
        JournalWriter journal = null;
        try {
            if (config.zonePinKey() != null) {
                keys.importZonePinKey(config.zonePinKey().type(), config.zonePinKey().clearKey());
            }
            if (keys.zonePinKey().isEmpty()) {
                LOG.warn("no zone PIN key in {}: PIN transactions are declined 96 (start with --zpk)", keys.directory());
            }
            IssuerStore store = new IssuerStore(database, config.schema());
            store.migrate();
            Ledger ledger = new Ledger(config.ledgerLimits());
            for (StoredAccount account : store.accounts()) {
                ledger.putAccount(account.key(), account.terms());
            }
            long replayStartNanos = System.nanoTime();
            long replayed = store.replay(ledger);
            LOG.info("{} journal entries replayed in {} ms", replayed, (System.nanoTime() - replayStartNanos) / NANOS_PER_MILLI);
            AccountLoader.Result loaded = config.accountsFile() == null
                    ? new AccountLoader.Result(0, 0, ledger.accounts().size())
                    : AccountLoader.load(config.accountsFile(), keys, store, ledger);
            IssuerHost[] self = new IssuerHost[1];
            journal = new JournalWriter(database.dataSource(), config.schema(), cause -> {
                if (self[0] != null) {
                    self[0].fail(cause);
                }
            });
            IssuerEngine engine = new IssuerEngine(ledger, keys.hsm(), IssuerKeys.ZPK_NAME, IssuerKeys.PVK_NAME,
                    keys.panIndex(), journal, new FaultPlan(config.trafficFaults(), config.faultSeed()), config.clock());
            IssuerLink link = IssuerLink.start(engine, config.bindHost(), config.port(), config.lengthHeader(),
                    config.maxInFlightPerConnection(), config.handlerTimeoutMillis());
            IssuerHost host = new IssuerHost(config, database, ownsDatabase, keys, store, journal, engine, link, loaded, replayed);
            self[0] = host;
            LOG.info("issuer host listening on {}:{}; {} accounts ({} added, {} updated), {} journal entries replayed, "
                    + "store: {} schema {}", config.bindHost(), link.port(), ledger.accounts().size(), loaded.added(),
                    loaded.updated(), replayed, database.description(), config.schema().name());
            return host;
        } catch (IOException e) {
            closeAfterFailedStart(journal, keys);
            throw new IssuerException("cannot listen on " + config.bindHost() + ":" + config.port() + ": " + e.getMessage(), e);
        } catch (DatabaseException e) {
            closeAfterFailedStart(journal, keys);
            throw new IssuerException(e.getMessage(), e);
        } catch (IssuerException | RuntimeException e) {
            closeAfterFailedStart(journal, keys);
            throw e;
        } finally {
            if (config.zonePinKey() != null) {
                Bytes.wipe(config.zonePinKey().clearKey());
            }
        }
    }

    private static void closeAfterFailedStart(JournalWriter journal, IssuerKeys keys) {
        if (journal != null) {
            journal.close();
        }
        keys.close();
    }

    /** The journal failed: stop serving at once (from another thread: the journal thread is the caller). */
    private void fail(Throwable cause) {
        failure = cause;
        Thread.ofPlatform().name("issuer-stop").daemon(true).start(this::close);
    }

    public int port() {
        return link.port();
    }

    public String databaseDescription() {
        return database.description() + ", schema " + config.schema().name();
    }

    public int accountCount() {
        return engine.ledger().accounts().size();
    }

    public int accountsAdded() {
        return loaded.added();
    }

    public int accountsUpdated() {
        return loaded.updated();
    }

    public long replayedEntries() {
        return replayedEntries;
    }

    public int connectionCount() {
        return link.connectionCount();
    }

    public IssuerConfig config() {
        return config;
    }

    /** Entries and batches the journal has committed since start: mean batch size for benchmarks. */
    public long committedEntries() {
        return journal.committedEntries();
    }

    public long committedBatches() {
        return journal.committedBatches();
    }

    /** The account of a card, read under the decision lock (a consistent snapshot). */
    public Optional<AccountView> account(Pan pan) {
        PanKey key = keys.panIndex().keyOf(pan);
        AccountView[] view = new AccountView[1];
        engine.underDecisionLock(() -> {
            Account account = engine.ledger().account(key);
            if (account != null) {
                view[0] = new AccountView(account.maskedPan(), account.status().code(), account.kind().code(),
                        account.currency(), account.limitMinor(), account.heldMinor(), account.postedMinor(),
                        account.openToBuyMinor(), account.pinFailures());
            }
        });
        return Optional.ofNullable(view[0]);
    }

    public Totals totals() {
        return Totals.query(database, store.schema());
    }

    /**
     * The totals of a store, running host or not: an embedded store a host is serving is joined, not
     * started a second time.
     */
    public static Totals totals(DatabaseLocation location, Schema schema) throws IssuerException {
        try (Database database = DatabaseLocation.openShared(location)) {
            boolean exists = database.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = :schema"
                            + " AND table_name = 'journal'")
                    .bind("schema", schema.name()).mapTo(Long.class).one()) > 0;
            if (!exists) {
                throw new IssuerException("no issuer store in schema " + schema.name() + " of " + database.description());
            }
            return Totals.query(database, schema);
        } catch (DatabaseException e) {
            throw new IssuerException(e.getMessage(), e);
        }
    }

    /** Waits until the host has stopped (closed, or failed); true if it did within the time. */
    public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    /** Why the host stopped by itself (a journal failure), or null. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            link.close();
            journal.close();
            keys.close();
            if (ownsDatabase) {
                database.close();
            }
            LOG.info("issuer host on port {} stopped", link.port());
        } finally {
            stopped.countDown();
        }
    }
}
