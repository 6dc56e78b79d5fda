package io.kessai.center.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.kessai.center.admin.AdminModule;
import io.kessai.center.http.ApiException;
import io.kessai.center.http.Json;
import io.kessai.center.http.JsonBodies;
import io.kessai.center.http.JsonResponses;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The shops' side over HTTPS (docs/api/shops.md): the POS at the counter (seed 001 Fig. 5), the online
 * API (Fig. 8: create with {@code Idempotency-Key}, get, list, refund, webhook deliveries), and the
 * admin endpoints that register a shop's URL, API key and catalogue. Shops authenticate with their API
 * key ({@code Authorization: Bearer sk_…}); another shop's payment is a 404, never a 403.
 */
public final class ShopApi implements io.kessai.center.http.HttpModule {
    static final int MAX_IDEMPOTENCY_KEY = 255;
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    private static final int CREATED = 201;

    private final ShopStore shops;
    private final WalletPayments payments;
    private final Webhooks webhooks;
    private final Events events;
    private final Supplier<String> publicBaseUrl;

    public ShopApi(ShopStore shops, WalletPayments payments, Webhooks webhooks, Events events, Supplier<String> publicBaseUrl) {
        this.shops = shops;
        this.payments = payments;
        this.webhooks = webhooks;
        this.events = events;
        this.publicBaseUrl = publicBaseUrl;
    }

    record ShopForm(String url, String webhookUrl) {}

    record ItemForm(String name, Long priceMinor, String currency, Integer stock, String kind, List<String> seats) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.put(AdminModule.PREFIX + "/shops/{merchantId}", this::putShop);
        routes.get(AdminModule.PREFIX + "/shops/{merchantId}", ctx -> {
            Shop shop = shops.shop(ctx.pathParam("merchantId")).orElseThrow(() -> ApiException.notFound("no shop " + ctx.pathParam("merchantId")));
            JsonResponses.ok(ctx, shopJson(shop));
        });
        routes.put(AdminModule.PREFIX + "/shops/{merchantId}/catalogue/{sku}", this::putItem);

        routes.get("/v1/shop/catalogue", ctx -> JsonResponses.ok(ctx, Map.of("data", payments.catalogue(shop(ctx).merchantId()))));
        routes.post("/v1/pos/requests", this::posRequest);
        routes.get("/v1/pos/requests/{id}", ctx -> JsonResponses.ok(ctx, view(mine(ctx))));
        routes.post("/v1/pos/requests/{id}/cancel", ctx -> JsonResponses.ok(ctx, view(payments.cancel(mine(ctx)))));
        routes.get("/v1/pos/requests/{id}/slip.pdf", ctx -> WalletApi.slip(ctx, mine(ctx), payments.merchantName(shop(ctx).merchantId())));
        routes.sse("/v1/pos/requests/{id}/events", client -> {
            Optional<Shop> shop = authenticate(client.ctx());
            String id = client.ctx().pathParam("id");
            if (shop.isEmpty() || payments.find(id).filter(r -> r.merchantId().equals(shop.get().merchantId())).isEmpty()
                    || !events.subscribe(Events.requestTopic(id), client)) {
                client.sendEvent("error", "{\"code\":\"not_found\"}");
                client.close();
                return;
            }
            client.sendEvent("ready", "{\"requestId\":\"" + id + "\"}");
        });

        routes.post("/v1/shop/payments", ctx -> {
            Shop shop = shop(ctx);
            idempotent(ctx, shop, "create_payment", () -> {
                WalletPayments.OnlineAsk ask = JsonBodies.read(ctx, WalletPayments.OnlineAsk.class);
                return new Answer(CREATED, view(payments.askOnline(shop, ask)));
            });
        });
        routes.get("/v1/shop/payments", this::list);
        routes.get("/v1/shop/payments/{id}", ctx -> JsonResponses.ok(ctx, view(mine(ctx))));
        routes.post("/v1/shop/payments/{id}/refund", ctx -> {
            Shop shop = shop(ctx);
            WalletRequest request = mine(ctx);
            idempotent(ctx, shop, "refund:" + request.id(), () -> new Answer(200, view(payments.refund(request))));
        });
        routes.post("/v1/shop/payments/{id}/cancel", ctx -> JsonResponses.ok(ctx, view(payments.cancel(mine(ctx)))));
        routes.get("/v1/shop/payments/{id}/slip.pdf", ctx -> WalletApi.slip(ctx, mine(ctx), payments.merchantName(shop(ctx).merchantId())));
        routes.get("/v1/shop/payments/{id}/webhook-deliveries", ctx -> {
            WalletRequest request = mine(ctx);
            JsonResponses.ok(ctx, Map.of("data", webhooks.forRequest(request.merchantId(), request.id()).stream().map(ShopApi::deliveryJson).toList()));
        });
        routes.post("/v1/shop/webhook-deliveries/{id}/redeliver", ctx -> {
            Shop shop = shop(ctx);
            String id = webhooks.redeliver(shop.merchantId(), ctx.pathParam("id"))
                    .orElseThrow(() -> ApiException.notFound("no webhook delivery " + ctx.pathParam("id") + " (or the shop has no webhook URL)"));
            JsonResponses.send(ctx, CREATED, deliveryJson(webhooks.find(shop.merchantId(), id).orElseThrow()));
        });
    }

    void putShop(Context ctx) {
        String merchantId = ctx.pathParam("merchantId");
        ShopForm form = JsonBodies.read(ctx, ShopForm.class);
        String url = Fields.requireUrl(form.url(), "url");
        Optional<String> hook = form.webhookUrl() == null || form.webhookUrl().isBlank() ? Optional.empty()
                : Optional.of(Fields.requireUrl(form.webhookUrl(), "webhookUrl"));
        payments.requireMerchant(merchantId);
        String apiKey = Secrets.token("sk_");
        String secret = Secrets.token("whsec_");
        Shop shop = new Shop(merchantId, url, hook, secret, apiKey.substring(0, 10));
        shops.upsertShop(shop, Secrets.sha256Hex(apiKey));
        Map<String, Object> json = shopJson(shop);
        json.put("apiKey", apiKey);
        json.put("webhookSecret", secret);
        JsonResponses.ok(ctx, json);
    }

    void putItem(Context ctx) {
        String merchantId = ctx.pathParam("merchantId");
        String sku = ctx.pathParam("sku");
        shops.shop(merchantId).orElseThrow(() -> ApiException.notFound("no shop " + merchantId + "; register it first"));
        if (!sku.matches("[A-Za-z0-9._-]{1,40}")) {
            throw WalletErrors.invalid("sku", "sku is 1 to 40 letters, digits, '.', '_' or '-'");
        }
        ItemForm form = JsonBodies.read(ctx, ItemForm.class);
        String name = Fields.requireText(form.name(), "name");
        if (form.priceMinor() == null || form.priceMinor() < 1) {
            throw WalletErrors.invalid("priceMinor", "priceMinor must be a positive whole number of minor units");
        }
        if (form.stock() == null || form.stock() < 0) {
            throw WalletErrors.invalid("stock", "stock must be 0 or more");
        }
        CatalogueItem.Kind kind;
        try {
            kind = CatalogueItem.Kind.valueOf(form.kind() == null ? "GOODS" : form.kind().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw WalletErrors.invalid("kind", "kind is goods or ticket");
        }
        String currency = form.currency() == null ? "JPY" : form.currency();
        try {
            java.util.Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw WalletErrors.invalid("currency", "currency must be an ISO 4217 code");
        }
        List<String> seats = form.seats() == null ? List.of() : form.seats();
        if (kind == CatalogueItem.Kind.GOODS && !seats.isEmpty()) {
            throw WalletErrors.invalid("seats", "only tickets have seats");
        }
        shops.upsertItem(merchantId, new CatalogueItem(sku, name, form.priceMinor(), currency, form.stock(), kind, seats));
        JsonResponses.ok(ctx, payments.catalogue(merchantId).stream().filter(i -> i.sku().equals(sku)).findFirst().orElseThrow());
    }

    void posRequest(Context ctx) {
        Shop shop = shop(ctx);
        WalletPayments.CounterAsk ask = JsonBodies.read(ctx, WalletPayments.CounterAsk.class);
        JsonResponses.send(ctx, CREATED, view(payments.askAtCounter(shop, ask)));
    }

    void list(Context ctx) {
        Shop shop = shop(ctx);
        int limit = DEFAULT_LIMIT;
        String rawLimit = ctx.queryParam("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw WalletErrors.invalid("limit", "limit must be 1 to " + MAX_LIMIT);
            }
        }
        Optional<String> after = Optional.ofNullable(ctx.queryParam("startingAfter"));
        List<WalletRequest> page = payments.list(shop.merchantId(), limit + 1, after);
        boolean more = page.size() > limit;
        List<Map<String, Object>> data = page.stream().limit(limit).map(this::view).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("object", "list");
        json.put("data", data);
        json.put("hasMore", more);
        JsonResponses.ok(ctx, json);
    }

    private Map<String, Object> view(WalletRequest r) {
        return WalletJson.payment(r, publicBaseUrl.get());
    }

    private WalletRequest mine(Context ctx) {
        return payments.forMerchant(shop(ctx).merchantId(), ctx.pathParam("id"));
    }

    private static Map<String, Object> shopJson(Shop shop) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("merchantId", shop.merchantId());
        json.put("url", shop.url());
        shop.webhookUrl().ifPresent(u -> json.put("webhookUrl", u));
        json.put("apiKeyPrefix", shop.apiKeyPrefix());
        return json;
    }

    private static Map<String, Object> deliveryJson(Webhooks.Delivery d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", d.id());
        json.put("paymentId", d.requestId());
        json.put("eventType", d.eventType());
        json.put("attempts", d.attempts());
        json.put("delivered", d.deliveredAt().isPresent());
        d.deliveredAt().ifPresent(t -> json.put("deliveredAt", t.toString()));
        if (d.deliveredAt().isEmpty()) {
            json.put("nextAttemptAt", d.nextAttemptAt().toString());
        }
        d.lastStatus().ifPresent(s -> json.put("lastStatus", s));
        d.lastError().ifPresent(e -> json.put("lastError", e));
        json.put("createdAt", d.createdAt().toString());
        return json;
    }

    Shop shop(Context ctx) {
        return authenticate(ctx).orElseThrow(() -> WalletErrors.of(WalletErrors.UNAUTHORIZED, "unauthorized",
                "this needs the shop's API key (Authorization: Bearer sk_…)"));
    }

    private Optional<Shop> authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        String key = header != null && header.regionMatches(true, 0, WalletApi.BEARER, 0, WalletApi.BEARER.length())
                ? header.substring(WalletApi.BEARER.length()).strip() : ctx.queryParam(WalletApi.TOKEN_PARAMETER);
        if (key == null || !key.startsWith("sk_")) {
            return Optional.empty();
        }
        return shops.byApiKeyHash(Secrets.sha256Hex(key));
    }

    // ---- Idempotency-Key (Stripe's semantics) ----

    record Answer(int status, Object body) {}

    /**
     * The same key with the same parameters gets the first answer again (header {@code Idempotent-Replayed:
     * true}); with other parameters a 422 {@code idempotency_key_reused}; while the first still runs a 409.
     * A request refused before it changed anything (4xx) does not keep its key, as with Stripe.
     */
    private void idempotent(Context ctx, Shop shop, String operation, Supplier<Answer> run) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            Answer answer = run.get();
            JsonResponses.send(ctx, answer.status(), answer.body());
            return;
        }
        if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY || key.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
            throw WalletErrors.of(WalletErrors.BAD_REQUEST, "invalid_idempotency_key",
                    "Idempotency-Key is 1 to " + MAX_IDEMPOTENCY_KEY + " printable ASCII characters");
        }
        String fingerprint = Secrets.sha256Hex(operation + "\n" + canonical(ctx.bodyAsBytes()));
        Optional<ShopStore.IdempotentAnswer> earlier = shops.claimKey(shop.merchantId(), key, operation, fingerprint);
        if (earlier.isPresent()) {
            ShopStore.IdempotentAnswer first = earlier.get();
            if (!first.operation().equals(operation) || !first.requestSha256().equals(fingerprint)) {
                throw WalletErrors.of(WalletErrors.UNPROCESSABLE, "idempotency_key_reused", "Idempotency-Key " + key
                        + " was used with other parameters; use a new key for a new request");
            }
            if (first.status().isEmpty()) {
                throw WalletErrors.of(WalletErrors.CONFLICT, "idempotency_key_in_use", "a request with Idempotency-Key " + key
                        + " is still running; retry in a moment");
            }
            ctx.header("Idempotent-Replayed", "true");
            ctx.status(first.status().get()).contentType(JsonResponses.JSON_CONTENT_TYPE).result(first.body().orElse(new byte[0]));
            return;
        }
        Answer answer;
        try {
            answer = run.get();
        } catch (RuntimeException e) {
            shops.forgetKey(shop.merchantId(), key);
            throw e;
        }
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answers always serialize", e);
        }
        shops.finishKey(shop.merchantId(), key, answer.status(), body);
        ctx.status(answer.status()).contentType(JsonResponses.JSON_CONTENT_TYPE).result(body);
    }

    /** The parameters, not their spelling: key order and white space do not make a request "other". */
    static String canonical(byte[] body) {
        try {
            Object tree = Json.MAPPER.readValue(body, Object.class);
            return Json.MAPPER.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(tree);
        } catch (java.io.IOException e) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
