package io.kessai.issuer.net;

import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.link.Framing;
import io.kessai.iso8583.link.LengthHeader;
import io.kessai.iso8583.link.LinkServer;
import io.kessai.iso8583.link.LinkServerConfig;
import io.kessai.issuer.decision.IssuerEngine;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The issuer host's ISO 8583 server: the link's {@link LinkServer} speaking the Kessai dialect to the engine. */
public final class IssuerLink implements AutoCloseable {
    private final LinkServer<LinkMessage> server;
    private final ScheduledExecutorService delays;

    private IssuerLink(LinkServer<LinkMessage> server, ScheduledExecutorService delays) {
        this.server = server;
        this.delays = delays;
    }

    /**
     * Binds and starts serving.
     *
     * @param maxInFlightPerConnection see {@code IssuerConfig}
     * @param handlerTimeoutMillis see {@code IssuerConfig}
     */
    public static IssuerLink start(IssuerEngine engine, String bindHost, int port, LengthHeader lengthHeader,
            int maxInFlightPerConnection, int handlerTimeoutMillis) throws IOException {
        LinkServerConfig config = LinkServerConfig.builder(port)
                .bindHost(bindHost)
                .framing(Framing.of(lengthHeader))
                .maxInFlightPerConnection(maxInFlightPerConnection)
                .handlerTimeoutMillis(handlerTimeoutMillis)
                .idleTimeoutMillis(Math.max(handlerTimeoutMillis, LinkServerConfig.DEFAULT_IDLE_TIMEOUT_MILLIS))
                .build();
        ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("issuer-fault-delays").daemon(true).factory());
        try {
            LinkServer<LinkMessage> server = LinkServer.start(config, new IssuerLinkCodec(Dialects.kessai()),
                    new IssuerLinkHandler(engine, delays), new IssuerLinkListener());
            return new IssuerLink(server, delays);
        } catch (IOException | RuntimeException e) {
            delays.shutdownNow();
            throw e;
        }
    }

    public int port() {
        return server.localPort();
    }

    public int connectionCount() {
        return server.connectionCount();
    }

    /** Stops accepting, lets answers in flight go out (bounded by the link's drain timeout), closes. */
    @Override
    public void close() {
        server.close();
        delays.shutdownNow();
    }
}
