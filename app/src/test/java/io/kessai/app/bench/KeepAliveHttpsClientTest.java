package io.kessai.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class KeepAliveHttpsClientTest {
    private static KeepAliveHttpsClient.AnswerReader wire(String text) {
        return wire(text, 4_096);
    }

    /** A reader with a small buffer: lines and bodies cross buffer refills. */
    private static KeepAliveHttpsClient.AnswerReader wire(String text, int bufferBytes) {
        return new KeepAliveHttpsClient.AnswerReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), bufferBytes);
    }

    private static String body(KeepAliveHttpsClient.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void readsABodyByContentLengthAndKeepsTheConnection() throws Exception {
        for (int bufferBytes : new int[] {4_096, 7, 3, 1}) {
            readsTwoAnswersOffOneConnection(bufferBytes);
        }
    }

    private static void readsTwoAnswersOffOneConnection(int bufferBytes) throws Exception {
        KeepAliveHttpsClient.AnswerReader in = wire("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 7\r\n\r\n{\"a\":1}"
                + "HTTP/1.1 409 Conflict\r\nContent-Length: 2\r\n\r\n{}", bufferBytes);
        var first = KeepAliveHttpsClient.readAnswer(in);
        assertThat(first.status()).isEqualTo(200);
        assertThat(body(first)).isEqualTo("{\"a\":1}");
        assertThat(first.keepAlive()).isTrue();
        var second = KeepAliveHttpsClient.readAnswer(in); // the next answer on the same connection
        assertThat(second.status()).isEqualTo(409);
        assertThat(body(second)).isEqualTo("{}");
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers() throws Exception {
        var answer = KeepAliveHttpsClient.readAnswer(wire("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;x=y\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-Trailer: t\r\n\r\n", 5));
        assertThat(body(answer)).isEqualTo("{\"a\":1}");
        assertThat(answer.keepAlive()).isTrue();
    }

    @Test
    void connectionCloseAndHttp10AreNotReused() throws Exception {
        assertThat(KeepAliveHttpsClient.readAnswer(wire("HTTP/1.1 503 No\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
                .keepAlive()).isFalse();
        assertThat(KeepAliveHttpsClient.readAnswer(wire("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")).keepAlive()).isFalse();
        var untilClose = KeepAliveHttpsClient.readAnswer(wire("HTTP/1.1 200 OK\r\n\r\nall of it", 3));
        assertThat(body(untilClose)).isEqualTo("all of it");
        assertThat(untilClose.keepAlive()).isFalse();
    }

    @Test
    void malformedOrCutAnswersAreRefusedWithTheReason() {
        assertThatThrownBy(() -> KeepAliveHttpsClient.readAnswer(wire("SMTP 220 hello\r\n\r\n")))
                .isInstanceOf(KeepAliveHttpsClient.ProtocolException.class).hasMessageContaining("status line");
        assertThatThrownBy(() -> KeepAliveHttpsClient.readAnswer(wire("HTTP/1.1 2x0 OK\r\n\r\n")))
                .hasMessageContaining("status code");
        assertThatThrownBy(() -> KeepAliveHttpsClient.readAnswer(wire("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n")))
                .hasMessageContaining("Content-Length");
        assertThatThrownBy(() -> KeepAliveHttpsClient.readAnswer(wire("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")))
                .hasMessageContaining("header line");
        assertThatThrownBy(() -> KeepAliveHttpsClient.readAnswer(wire("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")))
                .isInstanceOf(EOFException.class).hasMessageContaining("5 of 10");
        assertThatThrownBy(() -> KeepAliveHttpsClient.readAnswer(wire("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")))
                .hasMessageContaining("hexadecimal");
        assertThatThrownBy(() -> KeepAliveHttpsClient.readAnswer(wire("HTTP/1.1 200 OK\r\nContent-")))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> KeepAliveHttpsClient.readAnswer(wire("HTTP/1.1 200 OK\r\nX: " + "y".repeat(9_000) + "\r\n\r\n", 100)))
                .hasMessageContaining("line longer");
    }

    @Test
    void onlyAnHttpsOriginWithAPortIsAccepted() throws Exception {
        SSLContext tls = SSLContext.getDefault();
        assertThatThrownBy(() -> new KeepAliveHttpsClient(URI.create("http://127.0.0.1:80"), tls, 1_000, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeepAliveHttpsClient(URI.create("https://127.0.0.1"), tls, 1_000, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
