package io.kessai.app.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The load generator's HTTPS client: HTTP/1.1 over blocking TLS sockets, one request at a time per
 * connection, connections kept alive and reused. Callers run it on virtual threads.
 *
 * <p>Why not the JDK's {@code HttpClient}: the load generator shares the two cores with what it
 * measures, and the JDK client's asynchronous machinery (schedulers, flow subscribers, completable
 * futures per exchange) cost about a fifth of the whole process's CPU in a profiled run, as much as the
 * center's own HTTP server. This client does what a phone does — write one request, read one answer —
 * and nothing else: no redirects, no retries (a payment is never sent twice by the client), no
 * compression. The server's certificate and host name are checked as the JDK client checks them.
 */
public final class KeepAliveHttpsClient implements AutoCloseable {
    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer the client could not read as HTTP/1.1. */
    static final class ProtocolException extends IOException {
        ProtocolException(String message) {
            super(message);
        }
    }

    private static final int READ_BUFFER_BYTES = 16 * 1024;
    private static final int MAX_LINE_BYTES = 8 * 1024;
    private static final int MAX_HEADER_LINES = 100;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final int HEX_RADIX = 16;
    private static final int HEAD_CAPACITY = 256;

    private final SSLContext tls;
    private final URI origin;
    private final int timeoutMillis;
    private final BlockingQueue<Connection> idle;

    /**
     * @param origin {@code https://host:port}
     * @param maxIdleConnections connections kept open between requests; more may be open while busy
     */
    public KeepAliveHttpsClient(URI origin, SSLContext tls, int timeoutMillis, int maxIdleConnections) {
        if (!"https".equals(origin.getScheme()) || origin.getPort() <= 0) {
            throw new IllegalArgumentException("origin must be https://host:port, got " + origin);
        }
        if (timeoutMillis <= 0 || maxIdleConnections <= 0) {
            throw new IllegalArgumentException("timeout and connection count must be positive");
        }
        this.tls = tls;
        this.origin = origin;
        this.timeoutMillis = timeoutMillis;
        this.idle = new ArrayBlockingQueue<>(maxIdleConnections);
    }

    /** POSTs {@code body}; blocks until the whole answer is read or the timeout passes. */
    public Response post(String path, String contentType, byte[] body) throws IOException {
        return exchange("POST", path, contentType, body, null);
    }

    /**
     * One request, one answer, on a kept-alive connection (a new one when none is idle). {@code body} and
     * {@code contentType} may be null (no body); {@code bearer} may be null (no Authorization header).
     * After any failure the connection is closed, and the request is not sent again.
     */
    public Response exchange(String method, String path, String contentType, byte[] body, String bearer) throws IOException {
        StringBuilder head = new StringBuilder(HEAD_CAPACITY).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: ").append(origin.getHost()).append(':').append(origin.getPort()).append("\r\n");
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        int bodyLength = body == null ? 0 : body.length;
        byte[] headBytes = head.append("Content-Length: ").append(bodyLength).append("\r\n\r\n").toString()
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + bodyLength];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        if (body != null) {
            System.arraycopy(body, 0, request, headBytes.length, bodyLength);
        }
        Connection connection = idle.poll();
        if (connection == null) {
            connection = open();
        }
        boolean reusable = false;
        try {
            connection.out.write(request);
            connection.out.flush();
            Answer answer = readAnswer(connection.in);
            reusable = answer.keepAlive;
            return new Response(answer.status, answer.body);
        } finally {
            if (!reusable || !idle.offer(connection)) {
                connection.close();
            }
        }
    }

    private Connection open() throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        try {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress(origin.getHost(), origin.getPort()), timeoutMillis);
            socket.startHandshake();
            return new Connection(socket, new AnswerReader(socket.getInputStream(), READ_BUFFER_BYTES), socket.getOutputStream());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** An answer as read off the connection; {@code keepAlive} says whether the connection may be reused. */
    record Answer(int status, byte[] body, boolean keepAlive) {}

    /** Status line, headers, then a body by Content-Length or chunked; RFC 9112. */
    static Answer readAnswer(AnswerReader in) throws IOException {
        String statusLine = in.readLine(MAX_LINE_BYTES);
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < "HTTP/1.1 200".length()) {
            throw new ProtocolException("not an HTTP/1.x status line: " + abbreviate(statusLine));
        }
        int status = parseStatus(statusLine);
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        long contentLength = -1;
        boolean chunked = false;
        boolean close = http10;
        for (int lines = 0; ; lines++) {
            if (lines > MAX_HEADER_LINES) {
                throw new ProtocolException("more than " + MAX_HEADER_LINES + " header lines");
            }
            String line = in.readLine(MAX_LINE_BYTES);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("header line without a name: " + abbreviate(line));
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = parseLength(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                case "connection" -> {
                    String token = value.toLowerCase(Locale.ROOT);
                    close = token.contains("close") || (http10 && !token.contains("keep-alive"));
                }
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked(in);
        } else if (contentLength >= 0) {
            body = in.readExactly((int) contentLength);
        } else if (status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = in.readToEnd(MAX_BODY_BYTES); // length given by closing the connection
            close = true;
        }
        return new Answer(status, body, !close);
    }

    private static int parseStatus(String statusLine) throws ProtocolException {
        try {
            return Integer.parseInt(statusLine.substring("HTTP/1.1 ".length(), "HTTP/1.1 200".length()));
        } catch (NumberFormatException e) {
            throw new ProtocolException("status line without a status code: " + abbreviate(statusLine));
        }
    }

    private static long parseLength(String value) throws ProtocolException {
        try {
            long length = Long.parseLong(value);
            if (length < 0 || length > MAX_BODY_BYTES) {
                throw new ProtocolException("Content-Length " + value + " is outside 0.." + MAX_BODY_BYTES);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new ProtocolException("Content-Length is not a number: " + abbreviate(value));
        }
    }

    private static byte[] readChunked(AnswerReader in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = in.readLine(MAX_LINE_BYTES);
            int extension = sizeLine.indexOf(';');
            String hex = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim();
            int size;
            try {
                size = Integer.parseInt(hex, HEX_RADIX);
            } catch (NumberFormatException e) {
                throw new ProtocolException("chunk size is not hexadecimal: " + abbreviate(sizeLine));
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY_BYTES) {
                throw new ProtocolException("chunked body longer than " + MAX_BODY_BYTES + " bytes");
            }
            if (size == 0) {
                while (!in.readLine(MAX_LINE_BYTES).isEmpty()) {
                    // trailer fields: not used
                }
                return body.toByteArray();
            }
            body.write(in.readExactly(size));
            if (!in.readLine(MAX_LINE_BYTES).isEmpty()) {
                throw new ProtocolException("chunk not followed by CRLF");
            }
        }
    }

    private static String abbreviate(String text) {
        int shown = 60;
        return text.length() <= shown ? text : text.substring(0, shown) + "…";
    }

    @Override
    public void close() {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            connection.close();
        }
    }

    private record Connection(SSLSocket socket, AnswerReader in, OutputStream out) {
        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection we are done with: nothing left to do
            }
        }
    }

    /**
     * A connection's input with its own buffer: lines are cut out of the buffer rather than read a byte
     * at a time through a synchronised stream (that was the client's largest cost in a profile).
     */
    static final class AnswerReader {
        private final InputStream in;
        private final byte[] buffer;
        private int position;
        private int limit;

        AnswerReader(InputStream in, int bufferBytes) {
            this.in = in;
            this.buffer = new byte[bufferBytes];
        }

        /** One line without its CRLF (a bare LF is accepted, RFC 9112 §2.2); ISO-8859-1 as HTTP fields are. */
        String readLine(int maxBytes) throws IOException {
            StringBuilder carried = null;
            while (true) {
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        int end = i;
                        String line;
                        if (carried == null) {
                            if (end > position && buffer[end - 1] == '\r') {
                                end--;
                            }
                            checkLength(end - position, maxBytes);
                            line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                        } else {
                            carried.append(new String(buffer, position, end - position, StandardCharsets.ISO_8859_1));
                            int length = carried.length();
                            if (length > 0 && carried.charAt(length - 1) == '\r') {
                                carried.setLength(length - 1);
                            }
                            checkLength(carried.length(), maxBytes);
                            line = carried.toString();
                        }
                        position = i + 1;
                        return line;
                    }
                }
                if (carried == null) {
                    carried = new StringBuilder();
                }
                carried.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
                checkLength(carried.length(), maxBytes + 1);
                position = limit;
                if (!fill()) {
                    throw new EOFException("connection closed in the middle of the answer's head");
                }
            }
        }

        byte[] readExactly(int length) throws IOException {
            byte[] bytes = new byte[length];
            int copied = Math.min(length, limit - position);
            System.arraycopy(buffer, position, bytes, 0, copied);
            position += copied;
            while (copied < length) {
                int read = in.read(bytes, copied, length - copied);
                if (read < 0) {
                    throw new EOFException("connection closed after " + copied + " of " + length + " body bytes");
                }
                copied += read;
            }
            return bytes;
        }

        byte[] readToEnd(int maxBytes) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(buffer, position, limit - position);
            position = limit;
            while (fill()) {
                all.write(buffer, position, limit - position);
                position = limit;
                if (all.size() > maxBytes) {
                    throw new ProtocolException("answer body longer than " + maxBytes + " bytes");
                }
            }
            return all.toByteArray();
        }

        private boolean fill() throws IOException {
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                return false;
            }
            position = 0;
            limit = read;
            return true;
        }

        private static void checkLength(int length, int maxBytes) throws ProtocolException {
            if (length > maxBytes) {
                throw new ProtocolException("answer line longer than " + maxBytes + " bytes");
            }
        }
    }
}
