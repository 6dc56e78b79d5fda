package io.kessai.center.wiring;

import io.kessai.center.admin.AdminModule;
import io.kessai.center.flow.AdviceWorker;
import io.kessai.center.flow.CompletionFlow;
import io.kessai.center.flow.FlowDirectory.ResponseRule.Outcome;
import io.kessai.center.flow.FlowMetrics;
import io.kessai.center.flow.FlowSettings;
import io.kessai.center.flow.PaymentFlow;
import io.kessai.center.flow.PaymentPhase;
import io.kessai.center.flow.Recovery;
import io.kessai.center.http.HttpServer;
import io.kessai.center.http.TlsContexts;
import io.kessai.center.journal.JournalStore;
import io.kessai.center.mail.MailComposer;
import io.kessai.center.mail.MailService;
import io.kessai.center.mail.MailStore;
import io.kessai.center.network.IssuerLinks;
import io.kessai.center.ops.DatabaseHealthCheck;
import io.kessai.center.ops.HealthCheckResult;
import io.kessai.center.ops.HealthChecks;
import io.kessai.center.ops.Metrics;
import io.kessai.center.ops.OpsModule;
import io.kessai.center.ops.PaymentMetrics;
import io.kessai.center.registry.Registry;
import io.kessai.center.registry.ZpkCatalog;
import io.kessai.center.terminal.TerminalApi;
import io.kessai.center.wallet.Enrolment;
import io.kessai.center.wallet.Events;
import io.kessai.center.wallet.Passkeys;
import io.kessai.center.wallet.RequestStore;
import io.kessai.center.wallet.ShopApi;
import io.kessai.center.wallet.ShopStore;
import io.kessai.center.wallet.WalletApi;
import io.kessai.center.wallet.WalletIssuer;
import io.kessai.center.wallet.WalletMailers;
import io.kessai.center.wallet.WalletPayments;
import io.kessai.center.wallet.WalletRecovery;
import io.kessai.center.wallet.WalletStore;
import io.kessai.center.wallet.Webhooks;
import io.kessai.crypto.envelope.PaymentOutcome;
import io.kessai.crypto.hsm.Hsm;
import io.kessai.crypto.hsm.HsmException;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.crypto.hsm.MasterKey;
import io.kessai.crypto.hsm.SoftwareHsm;
import io.kessai.db.Database;
import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.link.LinkState;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settlement information center, assembled: database, HSM, registry, issuer links, the payment
 * flow and its store-and-forward worker, and the HTTPS server with the terminal, admin and operations
 * APIs. {@link #close()} stops them in reverse order.
 */
public final class Center implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Center.class);
    private static final String POSTGRES_DIRECTORY = "postgres";
    private static final int EMBEDDED_PORT_ANY = 0;
    /** How often every node looks for payments a crashed node left (see {@link Recovery}). */
    private static final java.time.Duration RECOVERY_SWEEP_PERIOD = java.time.Duration.ofSeconds(10);
    /** A mail waiting longer than this means the relay is away: /health's detail says so. */
    private static final java.time.Duration MAIL_OUTBOX_MAX_WAIT = java.time.Duration.ofMinutes(15);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private Database database;
    private SoftwareHsm hsm;
    private Registry registry;
    private IssuerLinks links;
    private JournalStore journal;
    private HttpServer http;
    private final CenterSettings settings;
    private Database shared;
    private WalletMailers mailers;
    private MailService mail;
    private PaymentMetrics paymentMetrics;

    private Center(CenterSettings settings) {
        this.settings = settings;
    }

    /** Starts a center; on failure everything already started is stopped again. */
    public static Center start(CenterSettings settings) throws HsmException {
        return start(settings, null);
    }

    /**
     * Starts a center on a database someone else owns (kessai up shares one embedded PostgreSQL between
     * the center and the demo issuers); the center does not close it.
     */
    public static Center start(CenterSettings settings, Database shared) throws HsmException {
        return start(settings, shared, null);
    }

    /**
     * As above, with the wallet's mail going where the caller says (tests read one-time codes this way);
     * null: through the mail channel's durable outbox when the channel is on, else sent directly.
     */
    public static Center start(CenterSettings settings, Database shared, WalletMailers mailers) throws HsmException {
        Center center = new Center(settings);
        center.shared = shared;
        center.mailers = mailers;
        try {
            center.startParts();
            return center;
        } catch (HsmException | RuntimeException e) {
            center.close();
            throw e;
        }
    }

    private void startParts() throws HsmException {
        Clock clock = Clock.systemUTC();
        if (shared != null) {
            database = shared;
        } else {
            database = settings.database()
                    .map(db -> Database.external(db.url(), db.user(), db.password(), settings.databasePoolSize()))
                    .orElseGet(() -> Database.embedded(settings.dataDirectory().resolve(POSTGRES_DIRECTORY), EMBEDDED_PORT_ANY,
                            settings.databasePoolSize()));
            opened.add(database);
        }
        database.migrate(Registry.SCHEMA, Registry.MIGRATIONS);

        hsm = openHsm(settings);
        opened.add(hsm);

        registry = Registry.open(database.jdbi(), ZpkCatalog.of(hsm));
        opened.add(registry);
        registry.startPolling(settings.registryPollInterval());

        Metrics metrics = Metrics.create();
        opened.add(metrics);
        paymentMetrics = new PaymentMetrics(metrics.registry());

        journal = new JournalStore(database.jdbi(), clock);
        opened.add(journal);
        links = new IssuerLinks(Dialects.kessai(), new ManagementStans(journal), clock);
        opened.add(links);
        IssuerLinkSync sync = new IssuerLinkSync(registry, links, paymentMetrics);
        registry.addListener(sync);
        sync.sync();

        FlowSettings flowSettings = FlowSettings.defaults(settings.panKeyName(), settings.panIndexKeyName());
        RegistryDirectory directory = new RegistryDirectory(registry);
        for (PaymentPhase phase : PaymentPhase.values()) {
            paymentMetrics.phaseTimer(phase.label()); // published from the start, at zero
        }
        FlowMetrics flowMetrics = new FlowMetrics() {
            @Override
            public void recordPayment(Outcome outcome, java.time.Duration elapsed) {
                paymentMetrics.paymentFinished(PaymentOutcome.valueOf(outcome.name()), elapsed);
            }

            @Override
            public void recordPhase(PaymentPhase phase, java.time.Duration elapsed) {
                paymentMetrics.phaseFinished(phase.label(), elapsed);
            }
        };
        PaymentFlow paymentFlow = new PaymentFlow(hsm, journal, directory, links, flowSettings, flowMetrics, clock);
        AdviceWorker adviceWorker = new AdviceWorker(journal, hsm, links, flowSettings);
        Recovery recovery = new Recovery(journal, hsm, clock, settings.recoveryGrace());
        int recovered = settings.singleNode()
                ? new Recovery(journal, hsm, clock, java.time.Duration.ZERO).runAll()
                : recovery.runAll();
        if (recovered > 0) {
            LOG.warn("{} payments interrupted by a stop or crash were answered 'unavailable' and queued for reversal", recovered);
        }
        recovery.startSweeping(RECOVERY_SWEEP_PERIOD);
        opened.add(recovery);
        adviceWorker.start();
        opened.add(adviceWorker);
        CompletionFlow completionFlow = new CompletionFlow(journal, directory, adviceWorker, flowSettings, clock);

        // Seed 001: the wallet and the shops, on the same journal and issuer links.
        if (mailers == null) {
            mailers = settings.mail()
                    .map(mail -> OutboxWalletMailers.of(new MailStore(database.jdbi(), clock),
                            new MailComposer(mail.address(), mail.centerName(), clock)))
                    .orElseGet(() -> WalletMailers.of(settings.wallet()));
        }
        WalletStore walletStore = new WalletStore(database.jdbi(), clock);
        ShopStore shopStore = new ShopStore(database.jdbi(), clock);
        RequestStore requestStore = new RequestStore(database.jdbi(), clock);
        opened.add(requestStore);
        WalletIssuer walletIssuer = new WalletIssuer(hsm, journal, directory, links, flowSettings, clock);
        Events events = new Events();
        Webhooks webhooks = new Webhooks(database.jdbi(), shopStore, clock);
        webhooks.start();
        opened.add(webhooks);
        WalletPayments walletPayments = new WalletPayments(requestStore, walletStore, shopStore, walletIssuer, directory, events, webhooks,
                mailers.receipts(), settings.wallet(), id -> registry.snapshot().issuer(id).map(i -> i.name()).orElse(id), clock);
        WalletRecovery walletRecovery = new WalletRecovery(walletPayments, clock, settings.recoveryGrace());
        walletRecovery.run(settings.singleNode() ? java.time.Duration.ZERO : settings.recoveryGrace());
        walletRecovery.startSweeping(RECOVERY_SWEEP_PERIOD);
        opened.add(walletRecovery);
        Enrolment enrolment = new Enrolment(walletStore, walletIssuer, mailers.codes(), hsm, flowSettings, settings.wallet(), clock);

        HealthChecks health = new HealthChecks()
                .register(new DatabaseHealthCheck(database))
                .register(new IssuerLinksHealthCheck(links));
        http = HttpServer.start(settings.http(), metrics.registry(), List.of(
                new TerminalApi(paymentFlow, completionFlow),
                new AdminModule(registry, settings.adminToken()),
                new WalletApi(walletStore, enrolment, walletPayments, events, new Passkeys(database.jdbi(), clock,
                        () -> settings.wallet().rpId().orElseGet(() -> settings.wallet().publicBaseUrl()
                                .map(u -> java.net.URI.create(u).getHost()).orElse("localhost")),
                        this::pageOrigins)),
                new ShopApi(shopStore, walletPayments, webhooks, events,
                        () -> settings.wallet().publicBaseUrl().orElseGet(() -> http.baseUri().toString())),
                new OpsModule(health, metrics)));
        opened.add(http);
        if (settings.mail().isPresent()) {
            mail = MailService.start(settings.mail().get(), database.jdbi(), paymentFlow, completionFlow, journal, directory,
                    new RegistryPhones(registry), Optional.of(TlsContexts.serverContext(settings.http().tls(), clock)), clock,
                    Optional.of(metrics.registry()));
            opened.add(mail);
            health.register(mail.healthCheck(MAIL_OUTBOX_MAX_WAIT, clock));
        }
        LOG.info("center ready at {} ({})", http.baseUri(), database.description());
    }

    /** The origins the wallet pages are served from (passkey ceremonies are bound to them). */
    private java.util.Set<String> pageOrigins() {
        java.util.Set<String> origins = new java.util.HashSet<>();
        settings.wallet().publicBaseUrl().ifPresent(u -> origins.add(u.replaceAll("/+$", "")));
        origins.add("https://localhost:" + http.port());
        origins.add("https://127.0.0.1:" + http.port());
        return origins;
    }

    /** Opens the key store (creating it, its master key and the PAN keys on a first start). */
    public static SoftwareHsm openHsm(CenterSettings settings) throws HsmException {
        MasterKey masterKey = settings.masterKeyHex().isPresent()
                ? MasterKey.load(settings.masterKeyHex().get(), null)
                : Files.exists(settings.masterKeyFile())
                        ? MasterKey.fromFile(settings.masterKeyFile())
                        : MasterKey.generateInto(settings.masterKeyFile(), new SecureRandom());
        SoftwareHsm hsm = Files.exists(settings.keyStore())
                ? SoftwareHsm.open(settings.keyStore(), masterKey)
                : SoftwareHsm.create(settings.keyStore(), masterKey);
        ensureLocalKey(hsm, settings.panKeyName(), KeyType.DEK_AES256);
        ensureLocalKey(hsm, settings.panIndexKeyName(), KeyType.PAN_INDEX_HMAC);
        return hsm;
    }

    private static void ensureLocalKey(Hsm hsm, String name, KeyType type) throws HsmException {
        if (hsm.keys().stream().noneMatch(k -> k.name().equals(name))) {
            hsm.generateLocalKey(name, type);
        }
    }

    public URI baseUri() {
        return http.baseUri();
    }

    public int port() {
        return http.port();
    }

    public Path certificateFile() {
        return settings.dataDirectory().resolve("tls").resolve("https.crt");
    }

    public Hsm hsm() {
        return hsm;
    }

    public Registry registry() {
        return registry;
    }

    public Database database() {
        return database;
    }

    public JournalStore journal() {
        return journal;
    }

    /** The payment meters (outcomes, latency, phases, issuer links), as {@code /metrics} publishes them. */
    public PaymentMetrics paymentMetrics() {
        return paymentMetrics;
    }

    /** The e-mail channel, when configured. */
    public Optional<MailService> mail() {
        return Optional.ofNullable(mail);
    }

    public Map<String, LinkState> issuerLinks() {
        return links.states();
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {}: {}", opened.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        opened.clear();
    }

    /** /health: every configured issuer link must be signed on. */
    private record IssuerLinksHealthCheck(IssuerLinks links) implements io.kessai.center.ops.HealthCheck {
        @Override
        public String name() {
            return "issuer_links";
        }

        @Override
        public HealthCheckResult check() {
            Map<String, LinkState> states = links.states();
            String detail = states.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(", "));
            boolean allReady = states.values().stream().allMatch(state -> state == LinkState.READY);
            return allReady ? HealthCheckResult.up(states.isEmpty() ? "no issuers configured" : detail) : HealthCheckResult.down(detail);
        }
    }
}
