package io.kessai.center.network;

import io.kessai.center.flow.AdviceMessage;
import io.kessai.center.flow.AuthorizationRequest;
import io.kessai.center.flow.IssuerAnswer;
import io.kessai.center.flow.IssuerGateway;
import io.kessai.center.flow.IssuerUnavailableException;
import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialect;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.link.Framing;
import io.kessai.iso8583.link.LinkClient;
import io.kessai.iso8583.link.LinkClientConfig;
import io.kessai.iso8583.link.LinkListener;
import io.kessai.iso8583.link.LinkState;
import io.kessai.iso8583.link.MatchKey;
import io.kessai.iso8583.link.iso.IsoLinkCodec;
import io.kessai.iso8583.link.iso.IsoNetworkManagement;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Communications control computer 11c of seed 000: one ISO 8583 link per issuer, kept in step with
 * the registry ({@link #update}), and the {@link IssuerGateway} the flow talks to. A late answer is
 * logged and dropped: the flow has already queued the reversal.
 */
public final class IssuerLinks implements IssuerGateway, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IssuerLinks.class);

    private final Dialect dialect;
    private final IntSupplier stanSource;
    private final Clock clock;
    private final Map<String, Running> links = new ConcurrentHashMap<>();

    private record Running(IssuerLinkSettings settings, LinkClient<IsoMessage> client, IsoMessages messages) {}

    public IssuerLinks(Dialect dialect, IntSupplier stanSource, Clock clock) {
        this.dialect = dialect;
        this.stanSource = stanSource;
        this.clock = clock;
    }

    /** Opens links for new issuers, re-opens changed ones, closes removed ones. */
    public synchronized void update(Collection<IssuerLinkSettings> wanted) {
        Map<String, IssuerLinkSettings> byId = wanted.stream().collect(Collectors.toMap(IssuerLinkSettings::issuerId, s -> s));
        for (String id : Map.copyOf(links).keySet()) {
            IssuerLinkSettings now = byId.get(id);
            if (now == null || !now.equals(links.get(id).settings())) {
                LOG.info("issuer {}: link {}", id, now == null ? "removed" : "changed, reconnecting");
                links.remove(id).client().close();
            }
        }
        for (IssuerLinkSettings settings : wanted) {
            links.computeIfAbsent(settings.issuerId(),
                    id -> new Running(settings, open(settings), new IsoMessages(dialect, settings.acquirerInstitutionId())));
        }
    }

    private LinkClient<IsoMessage> open(IssuerLinkSettings settings) {
        LinkClientConfig.Builder config = LinkClientConfig.builder(settings.host(), settings.port())
                .framing(Framing.of(settings.lengthHeader()))
                .requestTimeoutMillis(settings.responseTimeoutMillis());
        if (settings.tls()) {
            config.socketFactory(SSLSocketFactory.getDefault());
        }
        LOG.info("issuer {}: connecting to {}:{}", settings.issuerId(), settings.host(), settings.port());
        return LinkClient.start(config.build(), new IsoLinkCodec(dialect), new IsoNetworkManagement(dialect, stanSource, clock),
                new Listener(settings.issuerId()));
    }

    public Optional<LinkState> state(String issuerId) {
        return Optional.ofNullable(links.get(issuerId)).map(r -> r.client().state());
    }

    public Map<String, LinkState> states() {
        return links.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().client().state()));
    }

    @Override
    public CompletableFuture<IssuerAnswer> authorize(AuthorizationRequest request, Duration timeout) {
        Running link = links.get(request.issuerId());
        if (link == null) {
            return CompletableFuture.failedFuture(new IssuerUnavailableException("no link to issuer " + request.issuerId(), null));
        }
        IsoMessage message = link.messages().authorization(request, link.settings().zonePinKeyIndex());
        return send(link, message, timeout).thenApply(response -> new IssuerAnswer(
                response.responseCode(), Optional.ofNullable(response.get(DataElement.AUTHORIZATION_ID_RESPONSE))));
    }

    @Override
    public CompletableFuture<String> deliver(AdviceMessage advice, Duration timeout) {
        Running link = links.get(advice.issuerId());
        if (link == null) {
            return CompletableFuture.failedFuture(new IssuerUnavailableException("no link to issuer " + advice.issuerId(), null));
        }
        return send(link, link.messages().advice(advice), timeout).thenApply(IsoMessage::responseCode);
    }

    private CompletableFuture<IsoMessage> send(Running link, IsoMessage message, Duration timeout) {
        try {
            return link.client().send(message, Math.toIntExact(timeout.toMillis()))
                    .whenComplete((response, error) -> message.wipe())
                    .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                            new IssuerUnavailableException(error.getClass().getSimpleName() + ": " + error.getMessage(), error)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            message.wipe();
            return CompletableFuture.failedFuture(new IssuerUnavailableException("interrupted", e));
        }
    }

    @Override
    public synchronized void close() {
        links.values().forEach(running -> running.client().close());
        links.clear();
    }

    /** Logs link events by key only: messages carry card data. */
    private static final class Listener implements LinkListener<IsoMessage> {
        private final String issuerId;

        Listener(String issuerId) {
            this.issuerId = issuerId;
        }

        @Override
        public void onStateChange(LinkState previous, LinkState current) {
            LOG.info("issuer {}: link {} → {}", issuerId, previous, current);
        }

        @Override
        public void onLateResponse(MatchKey key, IsoMessage response) {
            LOG.warn("issuer {}: late answer {} for {} dropped (already reversed or reversing)", issuerId, response.mti(), key);
            response.wipe();
        }

        @Override
        public void onConnectFailed(String target, Throwable cause) {
            LOG.warn("issuer {}: cannot connect to {}: {}", issuerId, target, cause.getMessage());
        }
    }
}
