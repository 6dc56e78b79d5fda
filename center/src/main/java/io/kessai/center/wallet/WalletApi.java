package io.kessai.center.wallet;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.kessai.center.http.HttpModule;
import io.kessai.center.http.JsonBodies;
import io.kessai.center.http.JsonResponses;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The phone's side over HTTPS (docs/api/wallet.md): enrolment (Fig. 4), the code shown at the counter,
 * the event stream, owner verification, the choice of card, method and items, the slip; and the
 * customer's checkout page for online shops. The phone app authenticates with its device token.
 */
public final class WalletApi implements HttpModule {
    static final String BEARER = "bearer ";
    /** EventSource cannot set headers: the stream takes the token as a query parameter (never logged). */
    static final String TOKEN_PARAMETER = "access_token";
    private static final int CREATED = 201;

    private final WalletStore wallets;
    private final Enrolment enrolment;
    private final WalletPayments payments;
    private final Events events;
    private final Passkeys passkeys;

    public WalletApi(WalletStore wallets, Enrolment enrolment, WalletPayments payments, Events events, Passkeys passkeys) {
        this.wallets = wallets;
        this.enrolment = enrolment;
        this.payments = payments;
        this.events = events;
        this.passkeys = passkeys;
    }

    record PhoneAsk(String phone, String email) {}

    record CodeAnswer(String code) {}

    record PinAnswer(String pin) {}

    record ItemsAsk(List<WalletPayments.ItemAsk> items) {}

    record PhoneClaim(String phone) {}

    /** What the phone's scanner read from the checkout page (or the payment ID typed by hand). */
    record ScannedCheckout(String code) {}

    /** The checkout page's QR code: this prefix and the payment ID. */
    static final String CHECKOUT_QR_PREFIX = "KESSAI-CHECKOUT:";

    static String checkoutId(String code) {
        if (code == null || code.isBlank()) {
            throw WalletErrors.required("code");
        }
        String id = code.strip();
        id = id.startsWith(CHECKOUT_QR_PREFIX) ? id.substring(CHECKOUT_QR_PREFIX.length()) : id;
        int slash = id.lastIndexOf("/checkout/");
        id = slash >= 0 ? id.substring(slash + "/checkout/".length()) : id;
        if (!id.matches("wpr_[0-9a-z]{26}")) {
            throw WalletErrors.of(WalletErrors.BAD_REQUEST, "invalid_code", "this is not a Kessai checkout code", "code");
        }
        return id;
    }

    record PasskeyAnswer(String challengeId, com.fasterxml.jackson.databind.JsonNode response) {
        String responseJson() {
            if (response == null || !response.isObject()) {
                throw WalletErrors.required("response");
            }
            return response.toString();
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v1/wallet/phone-verifications", this::startVerification);
        routes.post("/v1/wallet/phone-verifications/{id}/confirm", this::confirmVerification);
        routes.post("/v1/wallets", this::enrol);
        routes.get("/v1/wallet", ctx -> {
            Wallet w = wallet(ctx);
            Map<String, Object> json = new LinkedHashMap<>(WalletJson.wallet(w, payments::issuerName));
            json.put("passkeys", passkeys.count(w.id()));
            JsonResponses.ok(ctx, json);
        });
        routes.post("/v1/wallet/passkeys/options", ctx -> {
            Wallet w = wallet(ctx);
            payments.checkPin(w, JsonBodies.read(ctx, PinAnswer.class).pin());   // a new passkey needs the owner's PIN
            JsonResponses.ok(ctx, passkeys.registrationOptions(w));
        });
        routes.post("/v1/wallet/passkeys", ctx -> {
            Wallet w = wallet(ctx);
            PasskeyAnswer answer = JsonBodies.read(ctx, PasskeyAnswer.class);
            passkeys.register(w, answer.challengeId(), answer.responseJson());
            JsonResponses.send(ctx, CREATED, Map.of("passkeys", passkeys.count(w.id())));
        });
        routes.post("/v1/wallet/requests/{id}/passkey-options", ctx -> {
            Wallet w = wallet(ctx);
            WalletRequest r = payments.forWallet(w, ctx.pathParam("id"));
            JsonResponses.ok(ctx, passkeys.verificationOptions(w, r.id()));
        });
        routes.post("/v1/wallet/requests/{id}/verify-passkey", ctx -> {
            Wallet w = wallet(ctx);
            WalletRequest r = payments.forWallet(w, ctx.pathParam("id"));
            PasskeyAnswer answer = JsonBodies.read(ctx, PasskeyAnswer.class);
            passkeys.verify(w, r.id(), answer.challengeId(), answer.responseJson());
            JsonResponses.ok(ctx, phoneView(payments.markVerified(r), w));
        });
        routes.post("/v1/wallet/codes", this::newCode);
        routes.sse("/v1/wallet/events", this::walletEvents);
        routes.get("/v1/wallet/requests", ctx -> {
            Wallet w = wallet(ctx);
            JsonResponses.ok(ctx, Map.of("data", payments.pendingFor(w).stream().map(r -> phoneView(r, w)).toList()));
        });
        routes.get("/v1/wallet/requests/{id}", ctx -> {
            Wallet w = wallet(ctx);
            JsonResponses.ok(ctx, phoneView(payments.forWallet(w, ctx.pathParam("id")), w));
        });
        routes.post("/v1/wallet/requests/{id}/verify", this::verify);
        routes.post("/v1/wallet/requests/{id}/quote", this::quote);
        routes.post("/v1/wallet/requests/{id}/pay", this::pay);
        routes.post("/v1/wallet/requests/{id}/cancel", ctx -> {
            Wallet w = wallet(ctx);
            JsonResponses.ok(ctx, phoneView(payments.cancel(payments.forWallet(w, ctx.pathParam("id"))), w));
        });
        routes.get("/v1/wallet/requests/{id}/slip.pdf", ctx -> {
            WalletRequest r = payments.forWallet(wallet(ctx), ctx.pathParam("id"));
            slip(ctx, r, payments.merchantName(r.merchantId()));
        });

        routes.post("/v1/wallet/checkouts", ctx -> {
            Wallet w = wallet(ctx);
            String id = checkoutId(JsonBodies.read(ctx, ScannedCheckout.class).code());
            JsonResponses.ok(ctx, phoneView(payments.claimOnline(online(id).id(), w), w));
        });
        routes.get("/v1/checkout/{id}", ctx -> JsonResponses.ok(ctx, checkoutView(online(ctx.pathParam("id")))));
        routes.get("/v1/checkout/{id}/qr.svg", ctx -> {
            WalletRequest r = online(ctx.pathParam("id"));
            ctx.contentType("image/svg+xml");
            ctx.header("Cache-Control", "no-store");
            ctx.result(QrCodes.svg(CHECKOUT_QR_PREFIX + r.id()));
        });
        routes.post("/v1/checkout/{id}/phone", ctx -> {
            PhoneClaim claim = JsonBodies.read(ctx, PhoneClaim.class);
            JsonResponses.ok(ctx, checkoutView(payments.claimOnline(online(ctx.pathParam("id")).id(), claim.phone())));
        });
        routes.sse("/v1/checkout/{id}/events", client -> {
            String id = client.ctx().pathParam("id");
            if (payments.find(id).filter(r -> r.channel() == WalletRequest.Channel.ONLINE).isPresent()) {
                stream(client, Events.requestTopic(id), Map.of("requestId", id));
            } else {
                client.close();
            }
        });
        for (Map.Entry<String, String> page : Pages.PAGES.entrySet()) {
            routes.get(page.getKey(), ctx -> Pages.serve(ctx, page.getValue()));
        }
    }

    void startVerification(Context ctx) {
        PhoneAsk ask = JsonBodies.read(ctx, PhoneAsk.class);
        Enrolment.Started started = enrolment.startPhoneVerification(ask.phone(), ask.email());
        JsonResponses.send(ctx, CREATED, Map.of("verificationId", started.verificationId(), "expiresAt", started.expiresAt().toString()));
    }

    void confirmVerification(Context ctx) {
        CodeAnswer answer = JsonBodies.read(ctx, CodeAnswer.class);
        enrolment.confirmPhone(ctx.pathParam("id"), answer.code());
        JsonResponses.ok(ctx, Map.of("verificationId", ctx.pathParam("id"), "verified", true));
    }

    void enrol(Context ctx) {
        Enrolment.Form form = JsonBodies.read(ctx, Enrolment.Form.class);
        Enrolment.Enrolled enrolled = enrolment.enrol(form);
        Map<String, Object> json = new LinkedHashMap<>(WalletJson.wallet(enrolled.wallet(), payments::issuerName));
        json.put("deviceToken", enrolled.deviceToken());
        JsonResponses.send(ctx, CREATED, json);
    }

    void newCode(Context ctx) {
        // The code needs the wallet's ID only (the device token says it): no wallet read for the busiest call.
        WalletPayments.Code code = payments.newCode(authenticatedWalletId(ctx).orElseThrow(WalletApi::unauthorized));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code.digits());
        json.put("qrPayload", code.qrPayload());
        if ("svg".equals(ctx.queryParam("qr"))) {
            // Drawn on request only: a native app renders qrPayload itself, and encoding costs CPU.
            json.put("qrSvg", QrCodes.svg(code.qrPayload()));
        }
        json.put("expiresAt", code.expiresAt().toString());
        JsonResponses.send(ctx, CREATED, json);
    }

    void walletEvents(SseClient client) {
        Optional<Wallet> w = authenticate(client.ctx());
        if (w.isEmpty()) {
            client.sendEvent("error", "{\"code\":\"unauthorized\"}");
            client.close();
            return;
        }
        stream(client, Events.walletTopic(w.get().id()), Map.of("walletId", w.get().id()));
    }

    private void stream(SseClient client, String topic, Map<String, String> hello) {
        if (!events.subscribe(topic, client)) {
            client.sendEvent("error", "{\"code\":\"too_many_streams\"}");
            client.close();
            return;
        }
        try {
            client.sendEvent("ready", io.kessai.center.http.Json.MAPPER.writeValueAsString(hello));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void verify(Context ctx) {
        WalletPayments.Owned owned = owned(ctx);
        PinAnswer answer = JsonBodies.read(ctx, PinAnswer.class);
        JsonResponses.ok(ctx, phoneView(payments.verifyWithPin(owned, answer.pin()), owned.wallet()));
    }

    void quote(Context ctx) {
        Wallet w = wallet(ctx);
        ItemsAsk ask = JsonBodies.read(ctx, ItemsAsk.class);
        WalletPayments.Quote quote = payments.quote(payments.forWallet(w, ctx.pathParam("id")), ask.items());
        JsonResponses.ok(ctx, quote);
    }

    void pay(Context ctx) {
        WalletPayments.Owned owned = owned(ctx);
        Wallet w = owned.wallet();
        WalletPayments.PayChoice choice = JsonBodies.read(ctx, WalletPayments.PayChoice.class);
        WalletPayments.PayResult result = payments.pay(owned, choice);
        Map<String, Object> json = phoneView(result.request(), w);
        json.put("outcome", result.answer().outcome().name().toLowerCase(java.util.Locale.ROOT));
        json.put("message", Map.of("ja", result.answer().textJa(), "en", result.answer().textEn()));
        if (!result.otherCards().isEmpty()) {
            json.put("otherCards", result.otherCards().stream().map(c -> WalletJson.card(c, payments::issuerName)).toList());
        }
        JsonResponses.ok(ctx, json);
    }

    private Map<String, Object> phoneView(WalletRequest r, Wallet w) {
        // The catalogue is read only when the customer chooses (or chose) items: a fixed amount needs none.
        List<CatalogueItem> catalogue = WalletJson.showsCatalogue(r) ? payments.catalogue(r.merchantId()) : List.of();
        return WalletJson.phoneRequest(r, w, payments.merchantName(r.merchantId()), catalogue, payments::issuerName);
    }

    private WalletRequest online(String id) {
        return payments.find(id).filter(r -> r.channel() == WalletRequest.Channel.ONLINE)
                .orElseThrow(() -> WalletPayments.notFound(id));
    }

    /** What the customer's browser may see: the shop, the amount, the state, where to return. No wallet details. */
    private Map<String, Object> checkoutView(WalletRequest r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("merchantName", payments.merchantName(r.merchantId()));
        json.put("state", r.state().apiName());
        r.amountMinor().ifPresent(a -> json.put("amountMinor", a));
        json.put("currency", r.currency());
        json.put("items", r.lines());
        json.put("description", r.description());
        if (r.state().finished()) {
            r.returnUrl().ifPresent(u -> json.put("returnUrl", u + (u.contains("?") ? "&" : "?") + "payment_id=" + r.id() + "&state="
                    + r.state().apiName()));
        }
        return json;
    }

    static void slip(Context ctx, WalletRequest r, String merchantName) {
        if (r.state() != RequestState.COMPLETED && r.state() != RequestState.REFUNDED) {
            throw WalletErrors.of(WalletErrors.CONFLICT, "no_slip", "payment " + r.id() + " is " + r.state().apiName()
                    + "; a slip is issued when it completes");
        }
        ctx.contentType("application/pdf");
        ctx.header("Content-Disposition", "inline; filename=\"" + Slips.fileName(r) + "\"");
        ctx.result(Slips.pdf(r, merchantName));
    }

    Wallet wallet(Context ctx) {
        return authenticate(ctx).orElseThrow(WalletApi::unauthorized);
    }

    /** The caller's wallet with the request of the path (one round trip): 401 without a wallet, 404 when not its request. */
    private WalletPayments.Owned owned(Context ctx) {
        return authenticatedWalletId(ctx).flatMap(id -> payments.owned(id, ctx.pathParam("id"))).orElseThrow(WalletApi::unauthorized);
    }

    private static io.kessai.center.http.ApiException unauthorized() {
        return WalletErrors.of(WalletErrors.UNAUTHORIZED, "unauthorized", "this needs the phone's device token (Authorization: Bearer wdt_…)");
    }

    /** Device token hash → wallet ID: a token never changes wallet, so a bounded cache saves a query per call. */
    private final Map<String, String> deviceWallets = new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_CACHED_DEVICES = 100_000;

    private Optional<Wallet> authenticate(Context ctx) {
        return authenticatedWalletId(ctx).flatMap(wallets::byId);
    }

    /** The wallet ID of the device token the call carries; empty without a known token. */
    private Optional<String> authenticatedWalletId(Context ctx) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : ctx.queryParam(TOKEN_PARAMETER);
        if (token == null || !token.startsWith("wdt_")) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(token);
        String walletId = deviceWallets.get(hash);
        if (walletId == null) {
            Optional<String> found = wallets.walletIdForDevice(hash);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            walletId = found.get();
            if (deviceWallets.size() < MAX_CACHED_DEVICES) {
                deviceWallets.put(hash, walletId);
            }
        }
        return Optional.of(walletId);
    }

    /** The web pages, from the class path. */
    static final class Pages {
        static final Map<String, String> PAGES = Map.of(
                "/wallet", "wallet/app.html",
                "/wallet/enrol", "wallet/enrol.html",
                "/wallet/app.js", "wallet/app.js",
                "/wallet/enrol.js", "wallet/enrol.js",
                "/wallet/style.css", "wallet/style.css",
                "/pos", "wallet/pos.html",
                "/pos/pos.js", "wallet/pos.js",
                "/checkout/{id}", "wallet/checkout.html",
                "/checkout/assets/checkout.js", "wallet/checkout.js");

        private Pages() {}

        static void serve(Context ctx, String resource) throws IOException {
            try (InputStream in = WalletApi.class.getClassLoader().getResourceAsStream("web/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException("web page " + resource + " is missing from the class path");
                }
                String type = resource.endsWith(".html") ? "text/html; charset=utf-8"
                        : resource.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
                ctx.contentType(type);
                ctx.header("Cache-Control", "no-store");
                ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'");
                ctx.result(in.readAllBytes());
            }
        }
    }
}
