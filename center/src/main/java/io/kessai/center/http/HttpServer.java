package io.kessai.center.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.util.JavalinBindException;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The center's HTTPS server (Javalin 7 on Jetty 12): TLS only, requests on virtual threads, bodies
 * bounded, every answer and every error in JSON, one access-log line and one timer sample per request,
 * and {@code /openapi.json} assembled from the modules' fragments. Modules register their routes
 * before the start; nothing is added while it runs.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.start(config, meterRegistry, List.of(opsModule, adminModule, terminalModule));
 * server.port(); server.certificate(); server.close();
 * }</pre>
 */
public final class HttpServer implements AutoCloseable {
    public static final String OPENAPI_PATH = "/openapi.json";
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Javalin javalin;
    private final TlsKeyStore tls;
    private final String host;

    private HttpServer(Javalin javalin, TlsKeyStore tls, String host) {
        this.javalin = javalin;
        this.tls = tls;
        this.host = host;
    }

    public static HttpServer start(HttpServerConfig config, MeterRegistry metrics, List<? extends HttpModule> modules) {
        return start(config, metrics, modules, Clock.systemUTC());
    }

    public static HttpServer start(HttpServerConfig config, MeterRegistry metrics, List<? extends HttpModule> modules,
            Clock clock) {
        TlsKeyStore tls = TlsKeyStores.load(config.tls(), clock);
        byte[] openApi = OpenApiDocument.assemble(HttpServer.class.getClassLoader());
        Javalin javalin = Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.startup.showOldJavalinVersionWarning = false;
            javalinConfig.concurrency.useVirtualThreads = true;
            javalinConfig.http.maxRequestSize = config.maxRequestBodyBytes();
            javalinConfig.http.prefer405over404 = true;
            // No response compression: the answers are small JSON and sealed results, where gzip's
            // per-answer header checks cost more than they save, and compressing secrets next to
            // attacker-influenced text over TLS invites BREACH-style guessing.
            javalinConfig.http.compressionStrategy = CompressionStrategy.NONE;
            javalinConfig.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            javalinConfig.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            javalinConfig.jetty.addConnector((server, http) ->
                    TlsConnector.create(server, http, tls, config.host(), config.port()));
            RequestLogging.install(javalinConfig, metrics);
            ErrorResponses.install(javalinConfig);
            javalinConfig.routes.get(OPENAPI_PATH, ctx -> ctx.contentType(JsonResponses.JSON_CONTENT_TYPE).result(openApi));
            for (HttpModule module : modules) {
                module.register(javalinConfig.routes);
            }
        });
        try {
            javalin.start();
        } catch (JavalinBindException e) {
            throw new HttpServerException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        HttpServer server = new HttpServer(javalin, tls, config.host());
        LOG.info("HTTPS on {}:{} (certificate SHA-256 {})", config.host(), server.port(), tls.sha256Fingerprint());
        return server;
    }

    /** The port listened on (the one picked when the configuration said 0). */
    public int port() {
        return javalin.port();
    }

    /** {@code https://localhost:<port>} when bound to all addresses, else the bound address. */
    public URI baseUri() {
        boolean anyAddress = host.equals("0.0.0.0") || host.equals("::");
        String shown = anyAddress ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
        return URI.create("https://" + shown + ":" + port());
    }

    /** The certificate presented; for a self-signed one, the certificate clients should trust. */
    public X509Certificate certificate() {
        return tls.certificate();
    }

    public String certificateSha256Fingerprint() {
        return tls.sha256Fingerprint();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
