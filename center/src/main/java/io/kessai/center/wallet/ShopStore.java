package io.kessai.center.wallet;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Shops, their catalogues (stock and seats) and Idempotency-Key records, in PostgreSQL (V4__wallet.sql). */
public final class ShopStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public ShopStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * How long an API key's shop is taken from memory (ADR 0013): a POS or shop call then costs no query
     * for its key. A key replaced on this node is forgotten at once; on other nodes sharing the database
     * it keeps working for at most this long, as a registry change takes the registry's polling interval.
     */
    static final Duration API_KEY_CACHE_TTL = Duration.ofSeconds(2);
    static final int MAX_CACHED_API_KEYS = 10_000;

    private record CachedShop(Shop shop, Instant until) {}

    /** API key hash → shop; only keys that were found (an unknown key is asked of the database every time). */
    private final Map<String, CachedShop> shopsByKeyHash = new ConcurrentHashMap<>();

    /** Creates or replaces a shop's settings and API key. */
    public void upsertShop(Shop shop, String apiKeyHash) {
        shopsByKeyHash.clear();
        Timestamp now = Timestamp.from(clock.instant());
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO center.shops (merchant_id, url, webhook_url, webhook_secret, api_key_hash,"
                        + " api_key_prefix, created_at, updated_at) VALUES (:m, :url, :hook, :secret, :hash, :prefix, :now, :now)"
                        + " ON CONFLICT (merchant_id) DO UPDATE SET url = :url, webhook_url = :hook, webhook_secret = :secret,"
                        + " api_key_hash = :hash, api_key_prefix = :prefix, updated_at = :now")
                .bind("m", shop.merchantId()).bind("url", shop.url()).bind("hook", shop.webhookUrl().orElse(null))
                .bind("secret", shop.webhookSecret()).bind("hash", apiKeyHash).bind("prefix", shop.apiKeyPrefix()).bind("now", now)
                .execute());
        shopsByKeyHash.clear(); // again: a look-up between the first clear and the commit may have cached the old key
    }

    public Optional<Shop> byApiKeyHash(String hash) {
        Instant now = clock.instant();
        CachedShop cached = shopsByKeyHash.get(hash);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.shop());
        }
        Optional<Shop> found = query("api_key_hash", hash);
        if (found.isPresent()) {
            if (shopsByKeyHash.size() >= MAX_CACHED_API_KEYS) {
                shopsByKeyHash.clear();
            }
            shopsByKeyHash.put(hash, new CachedShop(found.get(), now.plus(API_KEY_CACHE_TTL)));
        } else {
            shopsByKeyHash.remove(hash);
        }
        return found;
    }

    public Optional<Shop> shop(String merchantId) {
        return query("merchant_id", merchantId);
    }

    private Optional<Shop> query(String column, String value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT merchant_id, url, webhook_url, webhook_secret, api_key_prefix FROM center.shops"
                        + " WHERE " + column + " = :v")
                .bind("v", value)
                .map((rs, ctx) -> new Shop(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3)), rs.getString(4),
                        rs.getString(5)))
                .findOne());
    }

    // --- catalogue ---

    public void upsertItem(String merchantId, CatalogueItem item) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO center.catalogue_items (merchant_id, sku, name, price_minor, currency, stock, kind, updated_at)"
                            + " VALUES (:m, :sku, :name, :price, :cur, :stock, :kind, :now) ON CONFLICT (merchant_id, sku) DO UPDATE SET"
                            + " name = :name, price_minor = :price, currency = :cur, stock = :stock, kind = :kind, updated_at = :now")
                    .bind("m", merchantId).bind("sku", item.sku()).bind("name", item.name()).bind("price", item.priceMinor())
                    .bind("cur", item.currency()).bind("stock", item.stock()).bind("kind", item.kind().name()).bind("now", now).execute();
            for (String seat : item.freeSeats()) {
                h.createUpdate("INSERT INTO center.catalogue_seats (merchant_id, sku, seat) VALUES (:m, :sku, :seat) ON CONFLICT DO NOTHING")
                        .bind("m", merchantId).bind("sku", item.sku()).bind("seat", seat).execute();
            }
        });
    }

    public List<CatalogueItem> catalogue(String merchantId) {
        return jdbi.withHandle(h -> {
            List<CatalogueItem> items = new ArrayList<>();
            for (CatalogueItem bare : h.createQuery("SELECT sku, name, price_minor, currency, stock, kind FROM center.catalogue_items"
                            + " WHERE merchant_id = :m ORDER BY sku")
                    .bind("m", merchantId)
                    .map((rs, ctx) -> new CatalogueItem(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                            CatalogueItem.Kind.valueOf(rs.getString(6)), List.of()))
                    .list()) {
                items.add(new CatalogueItem(bare.sku(), bare.name(), bare.priceMinor(), bare.currency(), bare.stock(), bare.kind(),
                        freeSeats(h, merchantId, bare.sku())));
            }
            return items;
        });
    }

    private static List<String> freeSeats(Handle h, String merchantId, String sku) {
        return h.createQuery("SELECT seat FROM center.catalogue_seats WHERE merchant_id = :m AND sku = :sku AND request_id IS NULL ORDER BY seat")
                .bind("m", merchantId).bind("sku", sku).mapTo(String.class).list();
    }

    /** Why a reservation failed, with the line at fault. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        Unavailable(String message, String field) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Takes the lines' stock and seats for a request, all or nothing. */
    public void reserve(String merchantId, String requestId, List<WalletRequest.Line> lines) {
        jdbi.useTransaction(h -> {
            for (int i = 0; i < lines.size(); i++) {
                WalletRequest.Line line = lines.get(i);
                int taken = h.createUpdate("UPDATE center.catalogue_items SET stock = stock - :q WHERE merchant_id = :m AND sku = :sku"
                                + " AND stock >= :q")
                        .bind("q", line.quantity()).bind("m", merchantId).bind("sku", line.sku()).execute();
                if (taken != 1) {
                    throw new Unavailable("only fewer than " + line.quantity() + " of " + line.sku() + " are left", "items[" + i + "].quantity");
                }
                for (String seat : line.seats()) {
                    int seated = h.createUpdate("UPDATE center.catalogue_seats SET request_id = :r WHERE merchant_id = :m AND sku = :sku"
                                    + " AND seat = :seat AND request_id IS NULL")
                            .bind("r", requestId).bind("m", merchantId).bind("sku", line.sku()).bind("seat", seat).execute();
                    if (seated != 1) {
                        throw new Unavailable("seat " + seat + " of " + line.sku() + " is taken or does not exist", "items[" + i + "].seats");
                    }
                }
            }
        });
    }

    /** Gives a request's stock and seats back (after a decline, a cancellation or a refund). */
    public void release(String merchantId, String requestId, List<WalletRequest.Line> lines) {
        jdbi.useTransaction(h -> {
            for (WalletRequest.Line line : lines) {
                h.createUpdate("UPDATE center.catalogue_items SET stock = stock + :q WHERE merchant_id = :m AND sku = :sku")
                        .bind("q", line.quantity()).bind("m", merchantId).bind("sku", line.sku()).execute();
            }
            h.createUpdate("UPDATE center.catalogue_seats SET request_id = NULL WHERE merchant_id = :m AND request_id = :r")
                    .bind("m", merchantId).bind("r", requestId).execute();
        });
    }

    // --- Idempotency-Key ---

    public record IdempotentAnswer(String operation, String requestSha256, Optional<Integer> status, Optional<byte[]> body) {}

    /**
     * Claims a key for this request. Empty: the caller is first and must {@link #finishKey} it. Present:
     * the earlier claim (finished, or still running when status is empty).
     */
    public Optional<IdempotentAnswer> claimKey(String merchantId, String key, String operation, String requestSha256) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            // Stripe keeps keys for 24 hours; an older one may be used again.
            h.createUpdate("DELETE FROM center.idempotency_keys WHERE merchant_id = :m AND key = :k AND created_at < :old")
                    .bind("m", merchantId).bind("k", key).bind("old", Timestamp.from(now.minus(java.time.Duration.ofHours(24)))).execute();
            int claimed = h.createUpdate("INSERT INTO center.idempotency_keys (merchant_id, key, operation, request_sha256, created_at)"
                            + " VALUES (:m, :k, :op, :sha, :now) ON CONFLICT DO NOTHING")
                    .bind("m", merchantId).bind("k", key).bind("op", operation).bind("sha", requestSha256).bind("now", Timestamp.from(now))
                    .execute();
            if (claimed == 1) {
                return Optional.<IdempotentAnswer>empty();
            }
            return h.createQuery("SELECT operation, request_sha256, response_status, response_body FROM center.idempotency_keys"
                            + " WHERE merchant_id = :m AND key = :k")
                    .bind("m", merchantId).bind("k", key)
                    .map((rs, ctx) -> new IdempotentAnswer(rs.getString(1), rs.getString(2), Optional.ofNullable((Integer) rs.getObject(3)),
                            Optional.ofNullable(rs.getBytes(4))))
                    .findOne();
        });
    }

    public void finishKey(String merchantId, String key, int status, byte[] body) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE center.idempotency_keys SET response_status = :s, response_body = :b"
                        + " WHERE merchant_id = :m AND key = :k")
                .bind("s", status).bind("b", body).bind("m", merchantId).bind("k", key).execute());
    }

    /** A request that failed before any effect: the key may be used again (Stripe does the same for 4xx it did not run). */
    public void forgetKey(String merchantId, String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM center.idempotency_keys WHERE merchant_id = :m AND key = :k AND response_status IS NULL")
                .bind("m", merchantId).bind("k", key).execute());
    }
}
