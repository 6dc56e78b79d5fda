package io.kessai.iso8583.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS over the link with a self-signed certificate made at test time by the JDK's own keytool (the
 * JDK has no public API to create a certificate). Its subject alternative names cover 127.0.0.1, so
 * the client's host-name check passes for the address it dials.
 */
class LinkTlsTest {
    private static final char[] PASSWORD = "link-test".toCharArray();
    private static final long KEYTOOL_WAIT_SECONDS = 30;

    @TempDir
    static Path directory;

    private static KeyStore keyStore;

    private final Links links = new Links();

    @BeforeAll
    static void createSelfSignedCertificate() throws Exception {
        Path file = directory.resolve("link.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        // A quick-starting JVM for a one-shot tool: C1 only and the serial collector halve its CPU time.
        Process process = new ProcessBuilder(keytool.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
                "-genkeypair", "-alias", "link",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(KEYTOOL_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
    }

    @AfterEach
    void closeLinks() throws Exception {
        links.close();
    }

    @Test
    void carriesRequestsOverTls() throws Exception {
        LinkServer<TestMessage> server = tlsServer(false);
        SSLSocketFactory trusting = context(false, true).getSocketFactory();
        LinkClient<TestMessage> client = links.readyClient(server.localPort(),
                settings -> settings.socketFactory(trusting), LinkListener.silent());

        assertThat(client.send(TestMessage.request("k", "secret")).get(Links.READY_WAIT_MILLIS, TimeUnit.MILLISECONDS).body())
                .isEqualTo("re:secret");
    }

    @Test
    void carriesRequestsOverMutualTls() throws Exception {
        LinkServer<TestMessage> server = tlsServer(true);
        SSLSocketFactory withCertificate = context(true, true).getSocketFactory();
        LinkClient<TestMessage> client = links.readyClient(server.localPort(),
                settings -> settings.socketFactory(withCertificate), LinkListener.silent());

        assertThat(client.send(TestMessage.request("k", "both")).get(Links.READY_WAIT_MILLIS, TimeUnit.MILLISECONDS).body())
                .isEqualTo("re:both");
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateNeverSignsOn() throws Exception {
        LinkServer<TestMessage> server = tlsServer(false);
        RecordingListener<TestMessage> events = new RecordingListener<>();
        SSLContext trustsNobody = SSLContext.getInstance("TLS");
        trustsNobody.init(null, new TrustManager[] {new RefusingTrustManager()}, null);
        LinkClient<TestMessage> client = links.client(Links.clientConfig(server.localPort())
                .socketFactory(trustsNobody.getSocketFactory())
                // One attempt is all this test needs; further handshakes would only burn CPU.
                .reconnectInitialMillis(60_000).reconnectMaxMillis(60_000).build(), events);

        Eventually.within(Links.READY_WAIT_MILLIS, "handshake failure reported", () -> !events.connectFailures.isEmpty());
        assertThat(events.connectFailures.getFirst()).isInstanceOf(SSLHandshakeException.class);
        assertThat(client.state()).isNotEqualTo(LinkState.READY);
    }

    private LinkServer<TestMessage> tlsServer(boolean requireClientCertificate) throws Exception {
        return links.server(Links.serverConfig()
                        .serverSocketFactory(context(true, requireClientCertificate).getServerSocketFactory())
                        .requireClientCertificate(requireClientCertificate)
                        .build(),
                Links.echoHost(), LinkListener.silent());
    }

    /** Rejects every server: stands for a client whose trust store lacks the host's certificate. */
    private static final class RefusingTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no client is trusted");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no server is trusted");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static SSLContext context(boolean withKey, boolean withTrust) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(withKey ? keys.getKeyManagers() : null, withTrust ? trust.getTrustManagers() : null, null);
        return context;
    }
}
