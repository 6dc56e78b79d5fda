package io.kessai.app.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.center.http.TlsConfig;
import io.kessai.center.http.TlsKeyStore;
import io.kessai.center.http.TlsKeyStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator's HTTP/1.1 client against a scripted TLS server: framing, keep-alive, and no silent resend. */
class KeepAliveHttpsConnectionTest {
    @TempDir Path dir;
    private SSLServerSocket server;
    private SSLContext clientTls;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private Thread acceptor;

    @BeforeEach
    void start() throws Exception {
        TlsKeyStore keys = TlsKeyStores.load(new TlsConfig.SelfSigned(Files.createDirectories(dir.resolve("tls"))), Clock.systemUTC());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys.keyStore(), keys.password());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("center", keys.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
        server = (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Reads each request (head and Content-Length body), records it, and writes the next scripted answer as is. */
    private void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))) {
            OutputStream out = socket.getOutputStream();
            while (true) {
                String first = in.readLine();
                if (first == null) {
                    return;
                }
                StringBuilder request = new StringBuilder(first).append('\n');
                int length = 0;
                for (String line; !(line = in.readLine()).isEmpty(); ) {
                    request.append(line).append('\n');
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(body, read, length - read);
                }
                requests.add(request.append(body).toString());
                String answer = answers.take();
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (answer.contains("Connection: close") || answer.contains("X-Cut: yes")) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(5_000);
    }

    private KeepAliveHttpsConnection connection() {
        return new KeepAliveHttpsConnection(clientTls, URI.create("https://127.0.0.1:" + server.getLocalPort()), Duration.ofSeconds(5));
    }

    @Test
    void requestsShareOneConnectionAndBodiesAreFramedByLengthOrChunks() throws Exception {
        answers.add("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"code\":1}\n");
        answers.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3;x=y\r\n:2}\r\n0\r\n\r\n");
        try (KeepAliveHttpsConnection c = connection()) {
            KeepAliveHttpsConnection.Response created = c.exchange("POST", "/v1/wallet/codes", null, "wdt_token");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.text()).isEqualTo("{\"code\":1}\n");
            KeepAliveHttpsConnection.Response chunked = c.exchange("POST", "/v1/x", "{\"pin\":\"2468\"}".getBytes(StandardCharsets.UTF_8),
                    null);
            assertThat(chunked.status()).isEqualTo(200);
            assertThat(chunked.text()).isEqualTo("{\"a\":2}");
        }
        assertThat(connections).hasValue(1);
        assertThat(requests.get(0)).startsWith("POST /v1/wallet/codes HTTP/1.1\n").contains("Authorization: Bearer wdt_token\n")
                .contains("Content-Length: 0\n");
        assertThat(requests.get(1)).startsWith("POST /v1/x HTTP/1.1\n").contains("Content-Type: application/json\n")
                .doesNotContain("Authorization").endsWith("\n{\"pin\":\"2468\"}");
    }

    @Test
    void aServerThatClosesGetsANewConnectionForTheNextRequest() throws Exception {
        answers.add("HTTP/1.1 409 Conflict\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
        answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]");
        try (KeepAliveHttpsConnection c = connection()) {
            assertThat(c.exchange("GET", "/a", null, null).status()).isEqualTo(409);
            assertThat(c.exchange("GET", "/b", null, null).text()).isEqualTo("[]");
        }
        assertThat(connections).hasValue(2);
    }

    @Test
    void aCutAnswerFailsItsRequestWhichIsNotSentAgain() throws Exception {
        answers.add("HTTP/1.1 200 OK\r\nX-Cut: yes\r\nContent-Length: 50\r\n\r\n{\"half\":");
        answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        try (KeepAliveHttpsConnection c = connection()) {
            assertThatThrownBy(() -> c.exchange("POST", "/pay", new byte[] {'{', '}'}, null)).isInstanceOf(IOException.class)
                    .hasMessageContaining("8 of 50");
            assertThat(c.exchange("GET", "/next", null, null).text()).isEqualTo("{}");
        }
        List<String> paths = new ArrayList<>();
        requests.forEach(r -> paths.add(r.substring(0, r.indexOf('\n'))));
        assertThat(paths).containsExactly("POST /pay HTTP/1.1", "GET /next HTTP/1.1");
        assertThat(connections).hasValue(2);
    }
}
