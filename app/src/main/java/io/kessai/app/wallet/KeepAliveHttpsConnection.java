package io.kessai.app.wallet;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 connection over TLS, kept alive between requests, for one load worker (one request at a
 * time, no pipelining). The load generator shares the machine's two cores with the center it measures;
 * the JDK's HttpClient spends several times the CPU of this blocking exchange per request (its selector
 * thread, futures and filters), which the wallet load would otherwise count as the center's.
 *
 * <p>It speaks just what the center answers: a status line, headers, and a body framed by
 * {@code Content-Length} or {@code chunked}. A request is never sent twice: after any failure the
 * connection is closed and the next request opens a new one.
 */
final class KeepAliveHttpsConnection implements AutoCloseable {
    /** What the center answers fits easily; a bigger answer means something is wrong. */
    static final int MAX_BODY_BYTES = 1 << 20;
    static final int MAX_HEADER_LINE_BYTES = 8_192;
    static final int MAX_HEADER_LINES = 100;

    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final SSLContext tls;
    private final URI base;
    private final int timeoutMillis;
    private final String hostHeader;
    private SSLSocket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveHttpsConnection(SSLContext tls, URI base, Duration timeout) {
        if (!"https".equals(base.getScheme()) || base.getPort() <= 0) {
            throw new IllegalArgumentException("an https URI with a port is needed, not " + base);
        }
        this.tls = tls;
        this.base = base;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.hostHeader = base.getHost() + ":" + base.getPort();
    }

    /** Sends one request (body JSON, or none) and reads its whole answer. */
    Response exchange(String method, String path, byte[] jsonBody, String bearer) throws IOException {
        boolean done = false;
        try {
            open();
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(hostHeader).append("\r\nAccept: application/json\r\n");
            if (bearer != null) {
                head.append("Authorization: Bearer ").append(bearer).append("\r\n");
            }
            int length = jsonBody == null ? 0 : jsonBody.length;
            if (jsonBody != null) {
                head.append("Content-Type: application/json\r\n");
            }
            head.append("Content-Length: ").append(length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (jsonBody != null) {
                out.write(jsonBody);
            }
            out.flush();
            Response response = read();
            done = true;
            return response;
        } finally {
            if (!done) {
                close();
            }
        }
    }

    private void open() throws IOException {
        if (socket != null) {
            return;
        }
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket();
        s.connect(new InetSocketAddress(base.getHost(), base.getPort()), timeoutMillis);
        s.setSoTimeout(timeoutMillis);
        s.setTcpNoDelay(true);
        s.startHandshake();
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16_384);
        out = new BufferedOutputStream(s.getOutputStream(), 4_096);
    }

    private Response read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (int lines = 0; ; lines++) {
            if (lines > MAX_HEADER_LINES) {
                throw new IOException("more than " + MAX_HEADER_LINES + " header lines");
            }
            String header = line();
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            if (colon < 0) {
                throw new IOException("a header line without a colon: " + header);
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            body = chunkedBody();
        } else if (contentLength >= 0) {
            body = exactly(contentLength);
        } else if (code == 204 || code == 304) {
            body = new byte[0];
        } else {
            throw new IOException("an answer without Content-Length or chunked framing (status " + code + ")");
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, body);
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers: none expected, read and dropped
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("an answer over " + MAX_BODY_BYTES + " bytes");
            }
            body.write(exactly(size));
            if (!line().isEmpty()) {
                throw new IOException("a chunk not followed by CRLF");
            }
        }
    }

    private byte[] exactly(long length) throws IOException {
        if (length > MAX_BODY_BYTES) {
            throw new IOException("an answer of " + length + " bytes (at most " + MAX_BODY_BYTES + ")");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length != length) {
            throw new IOException("the connection ended after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    /** One header line without its CRLF (ASCII). */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended inside the answer's head");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_HEADER_LINE_BYTES) {
                throw new IOException("a header line over " + MAX_HEADER_LINE_BYTES + " bytes");
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection we give up anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
