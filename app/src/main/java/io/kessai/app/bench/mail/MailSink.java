package io.kessai.app.bench.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The phones' mail provider during a load run: an SMTP server the center's outbox relays into. It keeps
 * no mail, only when each result mail arrived, keyed by the Message-ID of the phone's mail it answers.
 */
final class MailSink implements AutoCloseable {
    private static final int MAX_HEADER_LINES = 200;

    private final SMTPServer server;
    final Map<String, Long> resultArrivalNanos = new ConcurrentHashMap<>();
    final AtomicLong mails = new AtomicLong();

    MailSink() {
        server = new SMTPServer.Builder().bindAddress(java.net.InetAddress.getLoopbackAddress()).port(0).maxConnections(200)
                .simpleMessageListener(new org.subethamail.smtp.helper.SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws IOException {
                        received(data);
                    }
                }).build();
        server.start();
    }

    private void received(InputStream data) throws IOException {
        long now = System.nanoTime();
        mails.incrementAndGet();
        BufferedReader reader = new BufferedReader(new InputStreamReader(data, StandardCharsets.US_ASCII));
        String inReplyTo = null;
        boolean result = false;
        for (int i = 0; i < MAX_HEADER_LINES; i++) {
            String line = reader.readLine();
            if (line == null || line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, "In-Reply-To:", 0, 12)) {
                inReplyTo = line.substring(12).strip().replaceAll("[<>]", "");
            } else if (line.regionMatches(true, 0, "X-Kessai-Kind: result", 0, 21)) {
                result = true;
            }
        }
        data.transferTo(java.io.OutputStream.nullOutputStream());
        if (result && inReplyTo != null) {
            resultArrivalNanos.putIfAbsent(inReplyTo, now);
        }
    }

    int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        server.stop();
    }
}
