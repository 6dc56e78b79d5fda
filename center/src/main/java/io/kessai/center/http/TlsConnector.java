package io.kessai.center.http;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The server's only connector: HTTP/1.1 inside TLS 1.2 or 1.3. */
final class TlsConnector {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final long IDLE_TIMEOUT_MILLIS = 30_000;

    private TlsConnector() {}

    static ServerConnector create(Server server, HttpConfiguration base, TlsKeyStore tls, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(new String(tls.password()));
        ssl.setCertAlias(tls.alias());
        ssl.setIncludeProtocols(PROTOCOLS);

        HttpConfiguration https = new HttpConfiguration(base);
        https.setSecureScheme("https");
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients reach the center by IP address as often as by name (phones on a shop's network); the
        // certificate names are for the client to check, not a reason for the server to refuse.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);

        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        return connector;
    }
}
