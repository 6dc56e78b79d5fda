package io.kessai.center.wallet;

import io.kessai.center.ops.PollingLoop;
import io.kessai.center.flow.PaymentIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import io.kessai.center.ops.RetryBackoff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks to shops: each event is a row of {@code webhook_deliveries}, committed with the change it
 * reports; a worker leases due rows ({@code FOR UPDATE SKIP LOCKED}, so several nodes share the work),
 * POSTs them signed, and retries with exponential backoff until a 2xx or for 24 hours.
 */
public final class Webhooks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    static final Duration RETRY_FOR = Duration.ofHours(24);
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration MAX_RETRY = Duration.ofHours(1);
    private static final RetryBackoff BACKOFF = new RetryBackoff(FIRST_RETRY, MAX_RETRY);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration POST_TIMEOUT = Duration.ofSeconds(10);
    static final int BATCH = 16;
    static final int MAX_ERROR_CHARS = 300;
    private static final long POLL_MILLIS = 500;

    private final Jdbi jdbi;
    private final ShopStore shops;
    private final Clock clock;
    private final HttpClient http;
    private final PollingLoop loop = new PollingLoop("webhook-worker", this::runOnce, BATCH, POLL_MILLIS,
            POST_TIMEOUT.toMillis() + POLL_MILLIS);

    public Webhooks(Jdbi jdbi, ShopStore shops, Clock clock) {
        this.jdbi = jdbi;
        this.shops = shops;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(POST_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public record Delivery(String id, String merchantId, String requestId, String eventType, String payload, int attempts,
            Instant nextAttemptAt, Optional<Instant> deliveredAt, Optional<Integer> lastStatus, Optional<String> lastError,
            Instant createdAt) {}

    /** Queues an event for a shop that has a webhook URL; returns its delivery ID. */
    public Optional<String> enqueue(String merchantId, String requestId, String eventType, String payload) {
        return enqueue(merchantId, requestId, eventType, () -> payload);
    }

    /** As above, the payload made only for a shop that has a webhook URL (most counter shops have none). */
    public Optional<String> enqueue(String merchantId, String requestId, String eventType, java.util.function.Supplier<String> payloadOf) {
        Optional<Shop> shop = shops.shop(merchantId);
        if (shop.isEmpty() || shop.get().webhookUrl().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(insert(merchantId, requestId, eventType, payloadOf.get()));
    }

    /**
     * Queues an event for a shop known to have a webhook URL (the caller's own statement just said so);
     * its delivery checks the URL again. Returns the delivery ID.
     */
    public String insert(String merchantId, String requestId, String eventType, String payload) {
        String id = PaymentIds.next("whd_");
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO center.webhook_deliveries (id, merchant_id, request_id, event_type, payload,"
                        + " next_attempt_at, give_up_at, created_at) VALUES (:id, :m, :r, :e, :p, :now, :giveUp, :now)")
                .bind("id", id).bind("m", merchantId).bind("r", requestId).bind("e", eventType).bind("p", payload)
                .bind("now", Timestamp.from(now)).bind("giveUp", Timestamp.from(now.plus(RETRY_FOR))).execute());
        loop.signal();
        return id;
    }

    /** Sends a delivery's event again as a new delivery (the shop lost it, or it gave up). */
    public Optional<String> redeliver(String merchantId, String deliveryId) {
        return find(merchantId, deliveryId).flatMap(d -> enqueue(merchantId, d.requestId(), d.eventType(), d.payload()));
    }

    public Optional<Delivery> find(String merchantId, String deliveryId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM center.webhook_deliveries WHERE id = :id AND merchant_id = :m")
                .bind("id", deliveryId).bind("m", merchantId).map((rs, ctx) -> map(rs)).findOne());
    }

    public List<Delivery> forRequest(String merchantId, String requestId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM center.webhook_deliveries WHERE request_id = :r AND merchant_id = :m"
                        + " ORDER BY created_at")
                .bind("r", requestId).bind("m", merchantId).map((rs, ctx) -> map(rs)).list());
    }

    private static Delivery map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Delivery(rs.getString("id"), rs.getString("merchant_id"), rs.getString("request_id"), rs.getString("event_type"),
                rs.getString("payload"), rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(),
                WalletStore.instant(rs, "delivered_at"), Optional.ofNullable((Integer) rs.getObject("last_status")),
                Optional.ofNullable(rs.getString("last_error")), rs.getTimestamp("created_at").toInstant());
    }

    public void start() {
        loop.start();
    }

    /** One pass: leases due deliveries and sends them. Returns how many were leased. Public for tests. */
    public int runOnce() {
        Instant now = clock.instant();
        List<Delivery> due = jdbi.inTransaction(h -> h.createQuery("UPDATE center.webhook_deliveries SET next_attempt_at = :lease"
                        + " WHERE id IN (SELECT id FROM center.webhook_deliveries WHERE delivered_at IS NULL AND next_attempt_at <= :now"
                        + " AND give_up_at > :now ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING *")
                .bind("lease", Timestamp.from(now.plus(LEASE))).bind("now", Timestamp.from(now)).bind("limit", BATCH)
                .map((rs, ctx) -> map(rs)).list());
        for (Delivery delivery : due) {
            send(delivery);
        }
        return due.size();
    }

    private void send(Delivery delivery) {
        Optional<Shop> shop = shops.shop(delivery.merchantId());
        if (shop.isEmpty() || shop.get().webhookUrl().isEmpty()) {
            failed(delivery, null, "the shop has no webhook URL any more");
            return;
        }
        String body = delivery.payload();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(shop.get().webhookUrl().get()))
                    .timeout(POST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Kessai-Delivery", delivery.id())
                    .header(WebhookSignature.HEADER, WebhookSignature.header(shop.get().webhookSecret(), clock.instant(), body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                jdbi.useHandle(h -> h.createUpdate("UPDATE center.webhook_deliveries SET delivered_at = :now, attempts = attempts + 1,"
                                + " last_status = :s, last_error = NULL WHERE id = :id")
                        .bind("now", Timestamp.from(clock.instant())).bind("s", status).bind("id", delivery.id()).execute());
                return;
            }
            failed(delivery, status, "the shop answered HTTP " + status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(delivery, null, "interrupted");
        } catch (Exception e) {
            failed(delivery, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void failed(Delivery delivery, Integer status, String error) {
        Duration retryIn = backoff(delivery.attempts());
        String bounded = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        jdbi.useHandle(h -> h.createUpdate("UPDATE center.webhook_deliveries SET attempts = attempts + 1, last_status = :s,"
                        + " last_error = :e, next_attempt_at = :next WHERE id = :id")
                .bind("s", status).bind("e", bounded).bind("next", Timestamp.from(clock.instant().plus(retryIn))).bind("id", delivery.id())
                .execute());
        LOG.info("webhook {} to shop {} not delivered ({}); attempt {} in {} s", delivery.id(), delivery.merchantId(), bounded,
                delivery.attempts() + 2, retryIn.toSeconds());
    }

    static Duration backoff(int attempts) {
        return BACKOFF.after(attempts);
    }

    @Override
    public void close() {
        loop.close();
    }
}
