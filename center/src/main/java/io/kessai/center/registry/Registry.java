package io.kessai.center.registry;

import io.kessai.center.http.CardDataRedactor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The center's registry: merchants, readers, issuers, routes and the DE 39 table, stored in PostgreSQL
 * (schema {@value #SCHEMA}) and served from an immutable in-memory {@link RegistrySnapshot}.
 *
 * <p>A change is validated (a specific {@link RegistryException} if wrong, and nothing changes), written
 * in one transaction with its audit row, and then the snapshot is rebuilt before the call returns: the
 * next payment already sees it, with no restart. Listeners hear of it afterwards, in order, on the
 * registry's own thread. Other nodes sharing the database see it within one polling interval
 * ({@link #startPolling}).
 */
public final class Registry implements AutoCloseable {
    public static final String SCHEMA = "center";
    /** Flyway location of the center's migrations: V1 is the registry, V2 on belong to the journal. */
    public static final String MIGRATIONS = "classpath:db/center";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    static final int MAX_LISTENERS = 64;
    /** How long close() lets queued listener calls finish. */
    static final Duration LISTENER_DRAIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
    private static final Logger AUDIT = LoggerFactory.getLogger("io.kessai.center.registry.audit");

    private final Jdbi jdbi;
    private final ZpkCatalog zpks;
    private final AtomicReference<RegistrySnapshot> current;
    private final Object publishLock = new Object();
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("registry-listeners").factory());
    private volatile Thread poller;

    private Registry(Jdbi jdbi, ZpkCatalog zpks, RegistrySnapshot initial) {
        this.jdbi = jdbi;
        this.zpks = zpks;
        this.current = new AtomicReference<>(initial);
    }

    /** Loads the registry; the schema must be migrated ({@link #SCHEMA}, {@link #MIGRATIONS}). */
    public static Registry open(Jdbi jdbi, ZpkCatalog zpks) {
        Objects.requireNonNull(zpks, "zpks");
        RegistrySnapshot initial = RegistryStore.load(jdbi);
        LOG.info("registry loaded at generation {}: {} merchants, {} readers, {} issuers, {} routes, {} response codes",
                initial.generation(), initial.merchants().size(), initial.readers().size(), initial.issuers().size(),
                initial.routes().size(), initial.responseCodeRules().size());
        return new Registry(jdbi, zpks, initial);
    }

    /** What is in effect now. Cheap; take one per payment and use it throughout. */
    public RegistrySnapshot snapshot() {
        return current.get();
    }

    public void addListener(RegistryListener listener) {
        if (listeners.size() >= MAX_LISTENERS) {
            throw new IllegalStateException("more than " + MAX_LISTENERS + " registry listeners");
        }
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(RegistryListener listener) {
        listeners.remove(listener);
    }

    // ---- merchants

    public Merchant createMerchant(MerchantDraft draft, String actor) throws RegistryException {
        Merchant merchant = draft.validate(null);
        return change(actor, "create", RegistryResource.MERCHANT, merchant.id(), handle -> {
            requireAbsent(handle, RegistryResource.MERCHANT, merchant.id());
            RegistryStore.putMerchant(handle, merchant, true);
            return merchant;
        });
    }

    public Merchant updateMerchant(String id, MerchantDraft draft, String actor) throws RegistryException {
        Merchant validated = draft.validate(id);
        return change(actor, "update", RegistryResource.MERCHANT, id, handle -> {
            Merchant merchant = validated.withVersion(nextVersion(handle, RegistryResource.MERCHANT, id, draft.version()));
            RegistryStore.putMerchant(handle, merchant, false);
            return merchant;
        });
    }

    /** Refused with {@code in_use} while readers belong to the merchant. */
    public void deleteMerchant(String id, String actor) throws RegistryException {
        change(actor, "delete", RegistryResource.MERCHANT, id, handle -> {
            requirePresent(handle, RegistryResource.MERCHANT, id);
            int readers = RegistryStore.countReadersOf(handle, id);
            if (readers > 0) {
                throw RegistryException.inUse("merchant " + id + " still has " + readers + (readers == 1 ? " reader" : " readers")
                        + "; delete them or move them to another merchant first");
            }
            RegistryStore.delete(handle, RegistryResource.MERCHANT, id);
            return null;
        });
    }

    // ---- readers

    public Reader createReader(ReaderDraft draft, String actor) throws RegistryException {
        Reader reader = draft.validate(null);
        return change(actor, "create", RegistryResource.READER, reader.serial(), handle -> {
            requireAbsent(handle, RegistryResource.READER, reader.serial());
            checkReaderReferences(handle, reader);
            RegistryStore.putReader(handle, reader, true);
            return reader;
        });
    }

    public Reader updateReader(String serial, ReaderDraft draft, String actor) throws RegistryException {
        Reader validated = draft.validate(serial);
        return change(actor, "update", RegistryResource.READER, serial, handle -> {
            Reader reader = validated.withVersion(nextVersion(handle, RegistryResource.READER, serial, draft.version()));
            checkReaderReferences(handle, reader);
            RegistryStore.putReader(handle, reader, false);
            return reader;
        });
    }

    public void deleteReader(String serial, String actor) throws RegistryException {
        change(actor, "delete", RegistryResource.READER, serial, handle -> {
            requirePresent(handle, RegistryResource.READER, serial);
            RegistryStore.delete(handle, RegistryResource.READER, serial);
            return null;
        });
    }

    private static void checkReaderReferences(Handle handle, Reader reader) throws RegistryException {
        if (RegistryStore.storedVersion(handle, RegistryResource.MERCHANT, reader.merchantId()).isEmpty()) {
            throw RegistryException.unknownReference("merchantId", "there is no merchant " + reader.merchantId());
        }
        var sameKey = RegistryStore.readerWithInitialKeyId(handle, reader.initialKeyId(), reader.serial());
        if (sameKey.isPresent()) {
            throw RegistryException.duplicate("initialKeyId", "reader " + sameKey.get() + " already has this initial key ID");
        }
        var sameTerminal = RegistryStore.readerWithTerminal(handle, reader.merchantId(), reader.terminalId(), reader.serial());
        if (sameTerminal.isPresent()) {
            throw RegistryException.duplicate("terminalId", "reader " + sameTerminal.get() + " of merchant "
                    + reader.merchantId() + " already has terminal ID " + reader.terminalId());
        }
    }

    // ---- issuers

    public Issuer createIssuer(IssuerDraft draft, String actor) throws RegistryException {
        Issuer issuer = draft.validate(null, zpks);
        return change(actor, "create", RegistryResource.ISSUER, issuer.id(), handle -> {
            requireAbsent(handle, RegistryResource.ISSUER, issuer.id());
            checkIssuerCodes(handle, issuer);
            RegistryStore.putIssuer(handle, issuer, true);
            return issuer;
        });
    }

    public Issuer updateIssuer(String id, IssuerDraft draft, String actor) throws RegistryException {
        Issuer validated = draft.validate(id, zpks);
        return change(actor, "update", RegistryResource.ISSUER, id, handle -> {
            Issuer issuer = validated.withVersion(nextVersion(handle, RegistryResource.ISSUER, id, draft.version()));
            checkIssuerCodes(handle, issuer);
            RegistryStore.putIssuer(handle, issuer, false);
            return issuer;
        });
    }

    /** Refused with {@code in_use} while routes lead to the issuer; its issuer codes go with it. */
    public void deleteIssuer(String id, String actor) throws RegistryException {
        change(actor, "delete", RegistryResource.ISSUER, id, handle -> {
            requirePresent(handle, RegistryResource.ISSUER, id);
            int routes = RegistryStore.countRoutesOf(handle, id);
            if (routes > 0) {
                throw RegistryException.inUse("issuer " + id + " still has " + routes + (routes == 1 ? " route" : " routes")
                        + "; delete them or point them at another issuer first");
            }
            RegistryStore.delete(handle, RegistryResource.ISSUER, id);
            return null;
        });
    }

    private static void checkIssuerCodes(Handle handle, Issuer issuer) throws RegistryException {
        for (int i = 0; i < issuer.issuerCodes().size(); i++) {
            String code = issuer.issuerCodes().get(i);
            var owner = RegistryStore.ownerOfIssuerCode(handle, code, issuer.id());
            if (owner.isPresent()) {
                throw RegistryException.duplicate("issuerCodes[" + i + "]",
                        "issuer code " + code + " already routes to issuer " + owner.get());
            }
        }
    }

    // ---- routes

    public Route createRoute(RouteDraft draft, String actor) throws RegistryException {
        Route route = draft.validate(null);
        return change(actor, "create", RegistryResource.ROUTE, route.binPrefix(), handle -> {
            requireAbsent(handle, RegistryResource.ROUTE, route.binPrefix());
            requireIssuer(handle, route.issuerId());
            RegistryStore.putRoute(handle, route, true);
            return route;
        });
    }

    public Route updateRoute(String binPrefix, RouteDraft draft, String actor) throws RegistryException {
        Route validated = draft.validate(binPrefix);
        return change(actor, "update", RegistryResource.ROUTE, binPrefix, handle -> {
            Route route = validated.withVersion(nextVersion(handle, RegistryResource.ROUTE, binPrefix, draft.version()));
            requireIssuer(handle, route.issuerId());
            RegistryStore.putRoute(handle, route, false);
            return route;
        });
    }

    public void deleteRoute(String binPrefix, String actor) throws RegistryException {
        change(actor, "delete", RegistryResource.ROUTE, binPrefix, handle -> {
            requirePresent(handle, RegistryResource.ROUTE, binPrefix);
            RegistryStore.delete(handle, RegistryResource.ROUTE, binPrefix);
            return null;
        });
    }

    private static void requireIssuer(Handle handle, String issuerId) throws RegistryException {
        if (RegistryStore.storedVersion(handle, RegistryResource.ISSUER, issuerId).isEmpty()) {
            throw RegistryException.unknownReference("issuerId", "there is no issuer " + issuerId);
        }
    }

    // ---- response code rules

    public ResponseCodeRule createResponseCodeRule(ResponseCodeRuleDraft draft, String actor) throws RegistryException {
        ResponseCodeRule rule = draft.validate(null);
        return change(actor, "create", RegistryResource.RESPONSE_CODE_RULE, rule.code(), handle -> {
            requireAbsent(handle, RegistryResource.RESPONSE_CODE_RULE, rule.code());
            RegistryStore.putResponseCodeRule(handle, rule, true);
            return rule;
        });
    }

    public ResponseCodeRule updateResponseCodeRule(String code, ResponseCodeRuleDraft draft, String actor)
            throws RegistryException {
        ResponseCodeRule validated = draft.validate(code);
        return change(actor, "update", RegistryResource.RESPONSE_CODE_RULE, code, handle -> {
            ResponseCodeRule rule = validated.withVersion(
                    nextVersion(handle, RegistryResource.RESPONSE_CODE_RULE, code, draft.version()));
            RegistryStore.putResponseCodeRule(handle, rule, false);
            return rule;
        });
    }

    /** Code {@value RegistrySnapshot#APPROVAL_CODE} cannot be deleted; any other falls back to the generic decline. */
    public void deleteResponseCodeRule(String code, String actor) throws RegistryException {
        if (code.equals(RegistrySnapshot.APPROVAL_CODE)) {
            throw RegistryException.isProtected("code", "code " + RegistrySnapshot.APPROVAL_CODE
                    + " is the ISO 8583 approval; without it no payment could be approved");
        }
        change(actor, "delete", RegistryResource.RESPONSE_CODE_RULE, code, handle -> {
            requirePresent(handle, RegistryResource.RESPONSE_CODE_RULE, code);
            RegistryStore.delete(handle, RegistryResource.RESPONSE_CODE_RULE, code);
            return null;
        });
    }

    // ---- the change machinery

    private static void requireAbsent(Handle handle, RegistryResource resource, String key) throws RegistryException {
        if (RegistryStore.storedVersion(handle, resource, key).isPresent()) {
            throw RegistryException.alreadyExists(resource, key);
        }
    }

    private static void requirePresent(Handle handle, RegistryResource resource, String key) throws RegistryException {
        if (RegistryStore.storedVersion(handle, resource, key).isEmpty()) {
            throw RegistryException.notFound(resource, key);
        }
    }

    /** The version an update stores: one past the stored one, which must be the expected one if given. */
    private static long nextVersion(Handle handle, RegistryResource resource, String key, Long expected)
            throws RegistryException {
        long stored = RegistryStore.storedVersion(handle, resource, key)
                .orElseThrow(() -> RegistryException.notFound(resource, key));
        if (expected != null && expected != stored) {
            throw RegistryException.versionConflict(resource, key, expected, stored);
        }
        return stored + 1;
    }

    private <T> T change(String actor, String action, RegistryResource resource, String key,
            HandleCallback<T, RegistryException> work) throws RegistryException {
        if (actor == null || !ACTOR.matcher(actor).matches()) {
            throw new IllegalArgumentException("actor must name who changes the registry (1-64 letters, digits, ._@-)");
        }
        long[] generation = new long[1];
        T result = jdbi.inTransaction(handle -> {
            generation[0] = RegistryStore.beginChange(handle);
            T value = work.withHandle(handle);
            RegistryStore.recordChange(handle, generation[0], actor, action, resource, key);
            return value;
        });
        AUDIT.info("registry change by {}: {} {} {} (generation {})", actor, action, resource.label(), key, generation[0]);
        try {
            reload();
        } catch (RuntimeException e) {
            // Committed, but not yet in memory here: the poller (or the next change) catches up.
            LOG.error("registry change {} {} {} is stored but could not be reloaded yet", action, resource.label(), key,
                    CardDataRedactor.redactFailure(e));
        }
        return result;
    }

    /**
     * Reloads when the database holds a newer generation than this node's snapshot (another node
     * changed something). Returns true when a new snapshot was published.
     */
    public boolean refresh() {
        long stored = jdbi.withHandle(RegistryStore::generation);
        return stored > current.get().generation() && reload();
    }

    private boolean reload() {
        synchronized (publishLock) {
            RegistrySnapshot loaded = RegistryStore.load(jdbi);
            RegistrySnapshot before = current.get();
            if (loaded.generation() <= before.generation()) {
                return false;
            }
            current.set(loaded);
            if (!notifier.isShutdown()) {
                RegistryChange change = new RegistryChange(before, loaded);
                notifier.execute(() -> notifyListeners(change));
            }
            return true;
        }
    }

    private void notifyListeners(RegistryChange change) {
        for (RegistryListener listener : listeners) {
            try {
                listener.registryChanged(change);
            } catch (RuntimeException e) {
                LOG.error("registry listener {} failed on generation {}", listener, change.after().generation(),
                        CardDataRedactor.redactFailure(e));
            }
        }
    }

    /** Checks the database every {@code interval} for changes made by other nodes. */
    public synchronized void startPolling(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, got " + interval);
        }
        if (poller != null) {
            throw new IllegalStateException("the registry is already polling");
        }
        poller = Thread.ofVirtual().name("registry-poller").start(() -> poll(interval));
    }

    private void poll(Duration interval) {
        boolean failing = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
                refresh();
                if (failing) {
                    LOG.info("registry polling works again");
                    failing = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.warn("registry polling failed, keeping generation {}: {}", current.get().generation(), e.getMessage());
                    failing = true;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.interrupt();
            poller = null;
        }
        notifier.shutdown();
        try {
            if (!notifier.awaitTermination(LISTENER_DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                notifier.shutdownNow();
            }
        } catch (InterruptedException e) {
            notifier.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
