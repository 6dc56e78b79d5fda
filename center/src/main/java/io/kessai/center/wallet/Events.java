package io.kessai.center.wallet;

import io.javalin.http.sse.SseClient;
import io.kessai.center.http.Json;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events to phones ({@code wallet:<id>}: a shop asks for a payment) and to POS and checkout
 * pages ({@code request:<id>}: the payment moved). Bounded: a few streams per topic and a total; a
 * client over the bound is refused (the pages fall back to polling). Events reach the streams held by
 * this node; the pages also poll, so a stream on another node only makes them slower, never wrong.
 */
public final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);
    static final int MAX_PER_TOPIC = 8;
    static final int MAX_TOTAL = 10_000;

    private final Map<String, Set<SseClient>> topics = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    public static String walletTopic(String walletId) {
        return "wallet:" + walletId;
    }

    public static String requestTopic(String requestId) {
        return "request:" + requestId;
    }

    /** Keeps the stream open and registered until the client goes; false when over a bound. */
    public boolean subscribe(String topic, SseClient client) {
        Set<SseClient> clients = topics.computeIfAbsent(topic, t -> new CopyOnWriteArraySet<>());
        if (clients.size() >= MAX_PER_TOPIC) {
            return false;
        }
        if (total.incrementAndGet() > MAX_TOTAL) {
            total.decrementAndGet();
            return false;
        }
        clients.add(client);
        client.onClose(() -> {
            if (clients.remove(client)) {
                total.decrementAndGet();
            }
            topics.computeIfPresent(topic, (t, set) -> set.isEmpty() ? null : set);
        });
        client.keepAlive();
        return true;
    }

    public void publish(String topic, String event, Object data) {
        Set<SseClient> clients = topics.get(topic);
        if (clients == null) {
            return;
        }
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("event data always serializes", e);
        }
        for (SseClient client : clients) {
            try {
                client.sendEvent(event, json);
            } catch (RuntimeException e) {
                LOG.debug("event stream closed: {}", e.getMessage());
                client.close();
            }
        }
    }

    public int streams() {
        return total.get();
    }
}
