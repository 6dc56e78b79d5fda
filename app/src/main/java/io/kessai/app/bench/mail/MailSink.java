package io.kessai.app.bench.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The phones' mail provider during a load run: an SMTP server (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA,
 * RSET, NOOP, QUIT) the center's outbox relays into. It keeps no mail, only when each result mail
 * arrived, keyed by the Message-ID of the phone's mail it answers. Written for the bench rather than
 * taken from subethasmtp: it shares the two cores with the center, and reading every mail byte by byte
 * through a stack of filter streams cost more CPU than the center's own relaying of it.
 */
final class MailSink implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;
    /** RFC 5321 §4.5.3.1.6: a text line is at most 1,000 octets with its CRLF. */
    private static final int MAX_LINE_BYTES = 1_000;
    private static final int BACKLOG = 256;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    final Map<String, Long> resultArrivalNanos = new ConcurrentHashMap<>();
    final AtomicLong mails = new AtomicLong();

    MailSink() throws IOException {
        server = new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("mail-sink-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                connections.add(socket);
                Thread.ofVirtual().name("mail-sink").start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            Lines lines = new Lines(in);
            reply(out, "220 sink.bench.kessai.test ESMTP");
            while (lines.next()) {
                String verb = lines.verb();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-sink.bench.kessai.test\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        received(lines);
                        reply(out, "250 OK");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not here");
                }
            }
        } catch (IOException e) {
            // the client went away: nothing was half-accepted (a mail counts only after its final dot)
        } finally {
            connections.remove(socket);
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One mail after DATA, up to the line with the single dot: its headers looked at, the rest skipped. */
    private void received(Lines lines) throws IOException {
        String inReplyTo = null;
        boolean result = false;
        boolean inHeaders = true;
        while (true) {
            if (!lines.next()) {
                throw new IOException("the connection ended inside DATA");
            }
            if (lines.isDot()) {
                break;
            }
            if (inHeaders) {
                if (lines.length() == 0) {
                    inHeaders = false;
                } else if (lines.startsWith("In-Reply-To:")) {
                    inReplyTo = lines.text().substring("In-Reply-To:".length()).strip().replaceAll("[<>]", "");
                } else if (lines.startsWith("X-Kessai-Kind: result")) {
                    result = true;
                }
            }
        }
        long now = System.nanoTime();
        mails.incrementAndGet();
        if (result && inReplyTo != null) {
            resultArrivalNanos.putIfAbsent(inReplyTo, now);
        }
    }

    /** CRLF-terminated lines straight out of a large buffer. */
    private static final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[BUFFER_BYTES];
        private int start;
        private int end;
        private int lineStart;
        private int lineLength;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Moves to the next line; false at the end of the stream. */
        boolean next() throws IOException {
            int scan = start;
            while (true) {
                for (int i = scan; i + 1 < end; i++) {
                    if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                        lineStart = start;
                        lineLength = i - start;
                        start = i + 2;
                        return true;
                    }
                }
                if (end - start > MAX_LINE_BYTES) {
                    throw new IOException("a line longer than " + MAX_LINE_BYTES + " bytes");
                }
                scan = Math.max(start, end - 1);
                if (end == buffer.length) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    scan -= start;
                    end -= start;
                    start = 0;
                }
                int read = in.read(buffer, end, buffer.length - end);
                if (read < 0) {
                    return false;
                }
                end += read;
            }
        }

        int length() {
            return lineLength;
        }

        boolean isDot() {
            return lineLength == 1 && buffer[lineStart] == '.';
        }

        boolean startsWith(String prefix) {
            return lineLength >= prefix.length()
                    && new String(buffer, lineStart, prefix.length(), StandardCharsets.US_ASCII).equalsIgnoreCase(prefix);
        }

        String text() {
            return new String(buffer, lineStart, lineLength, StandardCharsets.US_ASCII);
        }

        String verb() {
            int space = 0;
            while (space < lineLength && buffer[lineStart + space] != ' ') {
                space++;
            }
            return new String(buffer, lineStart, space, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
        try {
            acceptor.join(READ_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
