package io.kessai.app.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kessai.app.wallet.WalletWorld.Enrolled;
import io.kessai.app.wallet.WalletWorld.Reply;
import io.kessai.center.wallet.WebhookSignature;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 through the HTTPS APIs with every part real (PostgreSQL, ISO 8583 issuer host, HTTPS, a
 * webhook receiver): enrolment, the counter, online shops, and the bad input each must refuse.
 */
class WalletApiTest {
    static WalletWorld world;
    static HttpServer webhookReceiver;
    static final List<String[]> webhooks = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        webhookReceiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhookReceiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            webhooks.add(new String[] {exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhookReceiver.start();
        world = new WalletWorld(Map.of());
        world.registerShops("http://127.0.0.1:" + webhookReceiver.getAddress().getPort() + "/hooks");
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
        if (webhookReceiver != null) {
            webhookReceiver.stop(0);
        }
    }

    // ---- enrolment (Fig. 4) ----

    @Test
    void enrolmentVerifiesEveryCardWithItsIssuerAndStoresItOnlyEncrypted() throws Exception {
        long holdsBefore = openHolds();
        Enrolled wallet = world.enrol("090-1111-0001", "4321", WalletWorld.VISA, WalletWorld.JCB);
        assertThat(wallet.phone()).isEqualTo("+819011110001");
        JsonNode cards = wallet.json().get("cards");
        assertThat(cards.get(0).get("number").asText()).isEqualTo("411111******1111");
        assertThat(cards.get(0).get("issuerName").asText()).isEqualTo("Visa Card Co.");
        assertThat(cards.get(1).get("issuerName").asText()).isEqualTo("JCB Card Co.");
        String stored = world.center.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT string_agg(encode(pan_encrypted, 'escape') || pan_masked || pan_index, ',') FROM center.wallet_cards").mapTo(String.class).one());
        assertThat(stored).doesNotContain(WalletWorld.VISA).doesNotContain(WalletWorld.JCB);
        // An account verification moves no money: it adds no hold at the issuer (other tests' holds may settle meanwhile).
        assertThat(openHolds()).isLessThanOrEqualTo(holdsBefore);
    }

    @Test
    void aCardItsIssuerRefusesIsNotEnrolledAndNothingIsStored() throws Exception {
        Reply started = world.call("POST", "/v1/wallet/phone-verifications", Map.of("phone", "+819011110002", "email", "x@example.jp"), null, Map.of());
        String id = started.json().get("verificationId").asText();
        world.call("POST", "/v1/wallet/phone-verifications/" + id + "/confirm", Map.of("code", world.codes.get("+819011110002")), null, Map.of());
        Reply refused = world.call("POST", "/v1/wallets", Map.of("verificationId", id, "name", "Taro", "address", "Tokyo", "pin", "1234",
                "cards", List.of(Map.of("number", WalletWorld.VISA, "expiry", "12/30"), Map.of("number", WalletWorld.LOST, "expiry", "12/30"))),
                null, Map.of());
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("card_not_verified");
        assertThat(refused.json().get("error").get("field").asText()).isEqualTo("cards[1].number");
        assertThat(refused.text()).doesNotContain(WalletWorld.LOST);
        int stored = world.center.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM center.wallets WHERE phone = '+819011110002'").mapTo(Integer.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void aWrongOneTimeCodeIsRefusedAndAPhoneCannotEnrolTwice() throws Exception {
        Reply started = world.call("POST", "/v1/wallet/phone-verifications", Map.of("phone", "+819011110003", "email", "x@example.jp"), null, Map.of());
        String id = started.json().get("verificationId").asText();
        String right = world.codes.get("+819011110003");
        String wrong = right.equals("000000") ? "111111" : "000000";
        Reply refused = world.call("POST", "/v1/wallet/phone-verifications/" + id + "/confirm", Map.of("code", wrong), null, Map.of());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo("code_wrong");
        Reply early = world.call("POST", "/v1/wallets", Map.of("verificationId", id, "name", "Taro", "address", "Tokyo", "pin", "1234",
                "cards", List.of(Map.of("number", WalletWorld.VISA, "expiry", "12/30"))), null, Map.of());
        assertThat(early.errorCode()).isEqualTo("phone_not_verified");
        world.enrol("+819011110004", "1234", WalletWorld.VISA);
        Reply again = world.call("POST", "/v1/wallet/phone-verifications", Map.of("phone", "+819011110004", "email", "x@example.jp"), null, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("phone_already_enrolled");
        Reply badPin = world.call("POST", "/v1/wallet/phone-verifications", Map.of("phone", "12", "email", "x@example.jp"), null, Map.of());
        assertThat(badPin.errorCode()).isEqualTo("invalid_phone");
    }

    // ---- the counter (Fig. 5) ----

    Reply posRequest(String key, String merchantId, String code, Object amount) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("merchantId", merchantId);
        body.put("code", code);
        if (amount != null) {
            body.put("amountMinor", amount);
        }
        return world.call("POST", "/v1/pos/requests", body, key, Map.of());
    }

    Reply pay(Enrolled wallet, String requestId, String pan, String method, Integer installments, long amount) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("cardId", wallet.cardIds().get(pan));
        body.put("paymentMethod", method);
        if (installments != null) {
            body.put("installments", installments);
        }
        body.put("confirmedAmountMinor", amount);
        return world.call("POST", "/v1/wallet/requests/" + requestId + "/pay", body, wallet.token(), Map.of());
    }

    @Test
    void aCounterPaymentWithInstallmentsCompletesWithASlip() throws Exception {
        Enrolled wallet = world.enrol("+819022220001", "2468", WalletWorld.VISA, WalletWorld.JCB);
        Reply asked = posRequest(world.shopKey, WalletWorld.SHOP, world.counterCode(wallet), 12_000);
        assertThat(asked.status()).as(asked.text()).isEqualTo(201);
        String id = asked.json().get("id").asText();
        assertThat(asked.json().get("state").asText()).isEqualTo("waiting_for_owner");

        Reply pending = world.call("GET", "/v1/wallet/requests", null, wallet.token(), Map.of());
        assertThat(pending.json().get("data").get(0).get("id").asText()).isEqualTo(id);
        Reply early = pay(wallet, id, WalletWorld.JCB, "61", 3, 12_000);
        assertThat(early.errorCode()).isEqualTo("payment_state");

        Reply verified = world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "2468"), wallet.token(), Map.of());
        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        Reply wrongAmount = pay(wallet, id, WalletWorld.JCB, "61", 3, 11_000);
        assertThat(wrongAmount.errorCode()).isEqualTo("amount_changed");
        Reply noCount = pay(wallet, id, WalletWorld.JCB, "61", null, 12_000);
        assertThat(noCount.errorCode()).isEqualTo("invalid_payment_method");

        Reply paid = pay(wallet, id, WalletWorld.JCB, "61", 3, 12_000);
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        assertThat(paid.json().get("state").asText()).isEqualTo("completed");
        assertThat(paid.json().get("card").asText()).isEqualTo("353011******0000");
        assertThat(paid.json().get("approvalCode").asText()).matches("[0-9A-Z]{6}");
        assertThat(paid.json().get("installments").asInt()).isEqualTo(3);

        Reply pos = world.call("GET", "/v1/pos/requests/" + id, null, world.shopKey, Map.of());
        assertThat(pos.json().get("state").asText()).isEqualTo("completed");
        var slip = world.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(world.center.baseUri() + "/v1/pos/requests/" + id
                + "/slip.pdf")).header("Authorization", "Bearer " + world.shopKey).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(slip.statusCode()).isEqualTo(200);
        assertThat(new String(slip.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        awaitTrue(() -> world.receipts.stream().anyMatch(r -> r.contains(id)));
        // The completion (0220) with the payment method reaches the card company.
        awaitTrue(() -> world.issuer.totals().perCurrency().get(0).completions().count() >= 1);
        String method = world.center.database().jdbi().withHandle(h -> h.createQuery("SELECT additional_items->>'payment_method' FROM"
                + " center.payments p JOIN center.wallet_requests r ON r.payment_id = p.id WHERE r.id = :id").bind("id", id).mapTo(String.class).one());
        assertThat(method).isEqualTo("61");
    }

    @Test
    void thePosCommandFollowsAPaymentToItsSlip() throws Exception {
        Enrolled wallet = world.enrol("+819022220004", "9090", WalletWorld.VISA);
        java.nio.file.Path slip = world.dir.resolve("slip-cli.pdf");
        java.io.StringWriter out = new java.io.StringWriter();
        var commandLine = io.kessai.app.Kessai.newCommandLine();
        commandLine.setOut(new java.io.PrintWriter(out, true));
        String code = world.counterCode(wallet);
        java.util.concurrent.CompletableFuture<Integer> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> commandLine.execute(
                "pos", "pay", "--merchant", WalletWorld.SHOP, "--key", world.shopKey, "--code", code, "--amount", "2750",
                "--center", world.center.baseUri().toString(), "--center-cert", world.center.certificateFile().toString(),
                "--slip", slip.toString(), "--timeout-seconds", "60"));
        awaitTrue(() -> world.call("GET", "/v1/wallet/requests", null, wallet.token(), Map.of()).json().get("data").size() == 1);
        String id = world.call("GET", "/v1/wallet/requests", null, wallet.token(), Map.of()).json().get("data").get(0).get("id").asText();
        world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "9090"), wallet.token(), Map.of());
        assertThat(pay(wallet, id, WalletWorld.VISA, "80", null, 2_750).json().get("state").asText()).isEqualTo("completed");
        assertThat(run.get(60, java.util.concurrent.TimeUnit.SECONDS)).as(out.toString()).isZero();
        assertThat(out.toString()).contains("WAITING_FOR_OWNER payment=" + id)
                .containsPattern("COMPLETED payment=" + id + " amount=2750 JPY card=411111\\*{6}1111 approval=[0-9A-Z]{6}");
        assertThat(java.nio.file.Files.readString(slip, StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
    }

    @Test
    void aDeclineOffersTheOtherCardsAndAnotherCardCompletes() throws Exception {
        Enrolled wallet = world.enrol("+819022220002", "1357", WalletWorld.LOW_LIMIT, WalletWorld.VISA);
        String id = posRequest(world.shopKey, WalletWorld.SHOP, world.counterCode(wallet), 5_000).json().get("id").asText();
        world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "1357"), wallet.token(), Map.of());
        Reply declined = pay(wallet, id, WalletWorld.LOW_LIMIT, "10", null, 5_000);
        assertThat(declined.status()).as(declined.text()).isEqualTo(200);
        assertThat(declined.json().get("state").asText()).isEqualTo("declined");
        assertThat(declined.json().get("outcome").asText()).isEqualTo("declined");
        assertThat(declined.json().get("otherCards")).hasSize(1);
        assertThat(declined.json().get("otherCards").get(0).get("id").asText()).isEqualTo(wallet.cardIds().get(WalletWorld.VISA));
        Reply paid = pay(wallet, id, WalletWorld.VISA, "10", null, 5_000);
        assertThat(paid.json().get("state").asText()).as(paid.text()).isEqualTo("completed");
        assertThat(paid.json().get("attempts").asInt()).isEqualTo(2);
        Reply again = pay(wallet, id, WalletWorld.VISA, "10", null, 5_000);
        assertThat(again.errorCode()).isEqualTo("payment_state");
    }

    @Test
    void theCustomerChoosesTicketsWithSeatsFromTheCatalogue() throws Exception {
        Enrolled wallet = world.enrol("+819022220003", "8642", WalletWorld.VISA);
        Reply asked = posRequest(world.shopKey, WalletWorld.SHOP, world.counterCode(wallet), null);
        String id = asked.json().get("id").asText();
        world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "8642"), wallet.token(), Map.of());
        Reply view = world.call("GET", "/v1/wallet/requests/" + id, null, wallet.token(), Map.of());
        assertThat(view.json().get("catalogue").toString()).contains("MATCH-A").contains("A-2");
        List<Map<String, Object>> items = List.of(Map.of("sku", "MATCH-A", "quantity", 2, "seats", List.of("A-1", "A-2")),
                Map.of("sku", "SCARF", "quantity", 1));
        Reply quote = world.call("POST", "/v1/wallet/requests/" + id + "/quote", Map.of("items", items), wallet.token(), Map.of());
        assertThat(quote.json().get("amountMinor").asLong()).isEqualTo(2 * 4_500 + 2_000);
        Reply paid = world.call("POST", "/v1/wallet/requests/" + id + "/pay", Map.of("cardId", wallet.cardIds().get(WalletWorld.VISA),
                "paymentMethod", "10", "items", items, "confirmedAmountMinor", 11_000), wallet.token(), Map.of());
        assertThat(paid.json().get("state").asText()).as(paid.text()).isEqualTo("completed");
        Reply catalogue = world.call("GET", "/v1/shop/catalogue", null, world.shopKey, Map.of());
        assertThat(catalogue.text()).doesNotContain("\"A-1\"").contains("A-3");
        assertThat(catalogue.json().get("data").get(0).get("stock").asInt()).isEqualTo(1);
    }

    @Test
    void unknownMerchantUnknownCodeExpiredOrReusedCodeAreRefused() throws Exception {
        Enrolled wallet = world.enrol("+819033330001", "1111", WalletWorld.VISA);
        String code = world.counterCode(wallet);
        Reply unknownMerchant = posRequest(world.shopKey, "M-NOT-THERE", code, 100);
        assertThat(unknownMerchant.status()).isEqualTo(404);
        assertThat(unknownMerchant.errorCode()).isEqualTo("merchant_not_registered");
        Reply otherMerchant = posRequest(world.shopKey, WalletWorld.OTHER_SHOP, code, 100);
        assertThat(otherMerchant.errorCode()).isEqualTo("merchant_mismatch");
        Reply noKey = posRequest("sk_forged", WalletWorld.SHOP, code, 100);
        assertThat(noKey.status()).isEqualTo(401);
        Reply unknownCode = posRequest(world.shopKey, WalletWorld.SHOP, "000000000000".equals(code) ? "111111111111" : "000000000000", 100);
        assertThat(unknownCode.status()).isEqualTo(404);
        assertThat(unknownCode.errorCode()).isEqualTo("wallet_not_found");
        Reply forgedQr = posRequest(world.shopKey, WalletWorld.SHOP, "KESSAI1:" + code + ":9999999999:00000000000000000000000000000000", 100);
        assertThat(forgedQr.errorCode()).isEqualTo("invalid_code");
        assertThat(posRequest(world.shopKey, WalletWorld.SHOP, code, 100).status()).isEqualTo(201);
        Reply reused = posRequest(world.shopKey, WalletWorld.SHOP, code, 100);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.errorCode()).isEqualTo("code_used");
        Reply noToken = world.call("POST", "/v1/wallet/codes", null, null, Map.of());
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.errorCode()).isEqualTo("unauthorized");
        assertThat(world.call("POST", "/v1/wallet/codes", null, "wdt_forged", Map.of()).status()).isEqualTo(401);
        Reply qr = world.call("POST", "/v1/wallet/codes", null, wallet.token(), Map.of());
        world.center.database().jdbi().useHandle(h -> h.createUpdate("UPDATE center.wallet_codes SET expires_at = now() - interval '1 second'"
                + " WHERE digits = :d").bind("d", qr.json().get("code").asText()).execute());
        Reply expired = posRequest(world.shopKey, WalletWorld.SHOP, qr.json().get("qrPayload").asText(), 100);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.errorCode()).isEqualTo("code_expired");
    }

    @Test
    void threeWrongPinsLockTheWalletForFifteenMinutes() throws Exception {
        Enrolled wallet = world.enrol("+819033330002", "5555", WalletWorld.VISA);
        String id = posRequest(world.shopKey, WalletWorld.SHOP, world.counterCode(wallet), 100).json().get("id").asText();
        Reply first = world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "0000"), wallet.token(), Map.of());
        assertThat(first.status()).isEqualTo(401);
        assertThat(first.errorCode()).isEqualTo("wrong_pin");
        assertThat(first.json().get("error").get("message").asText()).contains("2 tries left");
        Reply second = world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "0001"), wallet.token(), Map.of());
        assertThat(second.json().get("error").get("message").asText()).contains("1 try left");
        Reply third = world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "0002"), wallet.token(), Map.of());
        assertThat(third.status()).isEqualTo(423);
        assertThat(third.errorCode()).isEqualTo("wallet_locked");
        Reply right = world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "5555"), wallet.token(), Map.of());
        assertThat(right.status()).as("the right PIN does not open a locked wallet").isEqualTo(423);
        Instant lockedUntil = world.center.database().jdbi().withHandle(h -> h.createQuery("SELECT locked_until FROM center.wallets WHERE phone = :p")
                .bind("p", wallet.phone()).mapTo(java.time.OffsetDateTime.class).one()).toInstant();
        assertThat(Duration.between(Instant.now(), lockedUntil)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
        Reply malformed = world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "12ab"), wallet.token(), Map.of());
        assertThat(malformed.status()).isEqualTo(423);
        Reply noToken = world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "5555"), null, Map.of());
        assertThat(noToken.status()).isEqualTo(401);
    }

    // ---- online shops (Fig. 8) ----

    @Test
    void anOnlinePaymentIsIdempotentRedirectsAndSendsASignedWebhook() throws Exception {
        Enrolled wallet = world.enrol("+819044440001", "9753", WalletWorld.VISA);
        Map<String, Object> create = Map.of("amountMinor", 3_300, "currency", "JPY", "returnUrl", "https://stadium.example.jp/done",
                "description", "order 42");
        Map<String, String> key = Map.of("Idempotency-Key", "order-42");
        Reply created = world.call("POST", "/v1/shop/payments", create, world.shopKey, key);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("checkoutUrl").asText()).endsWith("/checkout/" + id);
        Reply replayed = world.call("POST", "/v1/shop/payments", "{\"currency\":\"JPY\",\"description\":\"order 42\",\"amountMinor\":3300,"
                + "\"returnUrl\":\"https://stadium.example.jp/done\"}", world.shopKey, key);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.json().get("id").asText()).isEqualTo(id);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
        Reply other = world.call("POST", "/v1/shop/payments", Map.of("amountMinor", 9_900, "currency", "JPY", "returnUrl",
                "https://stadium.example.jp/done"), world.shopKey, key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.errorCode()).isEqualTo("idempotency_key_reused");

        Reply unknownPhone = world.call("POST", "/v1/checkout/" + id + "/phone", Map.of("phone", "+819099999999"), null, Map.of());
        assertThat(unknownPhone.status()).isEqualTo(404);
        assertThat(unknownPhone.errorCode()).isEqualTo("phone_not_registered");
        Reply claimed = world.call("POST", "/v1/checkout/" + id + "/phone", Map.of("phone", wallet.phone()), null, Map.of());
        assertThat(claimed.json().get("state").asText()).as(claimed.text()).isEqualTo("waiting_for_owner");
        world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "9753"), wallet.token(), Map.of());
        Reply paid = pay(wallet, id, WalletWorld.VISA, "80", null, 3_300);
        assertThat(paid.json().get("state").asText()).as(paid.text()).isEqualTo("completed");
        Reply checkout = world.call("GET", "/v1/checkout/" + id, null, null, Map.of());
        assertThat(checkout.json().get("returnUrl").asText()).isEqualTo("https://stadium.example.jp/done?payment_id=" + id + "&state=completed");
        assertThat(checkout.text()).doesNotContain("411111");

        awaitTrue(() -> webhooks.stream().anyMatch(w -> w[1].contains(id) && w[1].contains("payment.completed")));
        String[] hook = webhooks.stream().filter(w -> w[1].contains(id)).findFirst().orElseThrow();
        assertThat(WebhookSignature.check(hook[0], hook[1], world.shopWebhookSecret, Instant.now(), WebhookSignature.DEFAULT_TOLERANCE)).isEmpty();
        // A replay: the captured header with its body ten minutes later, or with another body, is refused.
        assertThat(WebhookSignature.check(hook[0], hook[1], world.shopWebhookSecret, Instant.now().plus(Duration.ofMinutes(10)),
                WebhookSignature.DEFAULT_TOLERANCE)).get().asString().contains("tolerance");
        assertThat(WebhookSignature.check(hook[0], hook[1].replace("3300", "3"), world.shopWebhookSecret, Instant.now(),
                WebhookSignature.DEFAULT_TOLERANCE)).get().asString().contains("does not match");

        // The receiver has it; the worker records the delivery once the answer is in.
        awaitTrue(() -> world.call("GET", "/v1/shop/payments/" + id + "/webhook-deliveries", null, world.shopKey, Map.of())
                .json().get("data").get(0).get("delivered").asBoolean());
        Reply deliveries = world.call("GET", "/v1/shop/payments/" + id + "/webhook-deliveries", null, world.shopKey, Map.of());
        String deliveryId = deliveries.json().get("data").get(0).get("id").asText();
        Reply redelivered = world.call("POST", "/v1/shop/webhook-deliveries/" + deliveryId + "/redeliver", null, world.shopKey, Map.of());
        assertThat(redelivered.status()).isEqualTo(201);
        awaitTrue(() -> webhooks.stream().filter(w -> w[1].contains(id)).count() >= 2);

        Reply refunded = world.call("POST", "/v1/shop/payments/" + id + "/refund", null, world.shopKey, Map.of("Idempotency-Key", "refund-42"));
        assertThat(refunded.json().get("state").asText()).as(refunded.text()).isEqualTo("refunded");
        awaitTrue(() -> webhooks.stream().anyMatch(w -> w[1].contains(id) && w[1].contains("payment.refunded")));
        awaitTrue(() -> world.center.database().jdbi().withHandle(h -> h.createQuery("SELECT p.state FROM center.payments p JOIN"
                + " center.wallet_requests r ON r.payment_id = p.id WHERE r.id = :id").bind("id", id).mapTo(String.class).one()).equals("REVERSED"));

        Reply list = world.call("GET", "/v1/shop/payments?limit=1", null, world.shopKey, Map.of());
        assertThat(list.json().get("data")).hasSize(1);
        assertThat(list.json().get("hasMore").asBoolean()).isTrue();
    }

    @Test
    void thePhoneCanScanTheCheckoutQrInsteadOfTypingItsNumber() throws Exception {
        Enrolled wallet = world.enrol("+819044440002", "8080", WalletWorld.JCB);
        Reply created = world.call("POST", "/v1/shop/payments", Map.of("amountMinor", 1_200, "returnUrl", "https://stadium.example.jp/done"),
                world.shopKey, Map.of());
        String id = created.json().get("id").asText();
        var qr = world.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(world.center.baseUri() + "/v1/checkout/" + id
                + "/qr.svg")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.body()).startsWith("<svg");
        Reply bad = world.call("POST", "/v1/wallet/checkouts", Map.of("code", "https://evil.example/x"), wallet.token(), Map.of());
        assertThat(bad.errorCode()).isEqualTo("invalid_code");
        Reply claimed = world.call("POST", "/v1/wallet/checkouts", Map.of("code", "KESSAI-CHECKOUT:" + id), wallet.token(), Map.of());
        assertThat(claimed.json().get("state").asText()).as(claimed.text()).isEqualTo("waiting_for_owner");
        Reply again = world.call("POST", "/v1/wallet/checkouts", Map.of("code", created.json().get("checkoutUrl").asText()), wallet.token(), Map.of());
        assertThat(again.errorCode()).isEqualTo("payment_state");
        world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", "8080"), wallet.token(), Map.of());
        assertThat(pay(wallet, id, WalletWorld.JCB, "21", null, 1_200).json().get("state").asText()).isEqualTo("completed");
    }

    @Test
    void anotherShopsPaymentIsNotFound() throws Exception {
        Reply created = world.call("POST", "/v1/shop/payments", Map.of("amountMinor", 100, "returnUrl", "https://stadium.example.jp/r"),
                world.shopKey, Map.of());
        String id = created.json().get("id").asText();
        for (String path : List.of("/v1/shop/payments/" + id, "/v1/pos/requests/" + id, "/v1/shop/payments/" + id + "/webhook-deliveries")) {
            Reply other = world.call("GET", path, null, world.otherShopKey, Map.of());
            assertThat(other.status()).as(path).isEqualTo(404);
        }
        Reply refund = world.call("POST", "/v1/shop/payments/" + id + "/refund", null, world.otherShopKey, Map.of());
        assertThat(refund.status()).isEqualTo(404);
        Reply bad = world.call("POST", "/v1/shop/payments", Map.of("amountMinor", -5, "returnUrl", "https://stadium.example.jp/r"),
                world.shopKey, Map.of("Idempotency-Key", "bad-1"));
        assertThat(bad.status()).isEqualTo(400);
        Reply good = world.call("POST", "/v1/shop/payments", Map.of("amountMinor", 5, "returnUrl", "https://stadium.example.jp/r"),
                world.shopKey, Map.of("Idempotency-Key", "bad-1"));
        assertThat(good.status()).as("a refused request does not keep its key").isEqualTo(201);
    }

    static long openHolds() {
        return world.issuer.totals().perCurrency().stream().mapToLong(t -> t.openHolds().count()).sum();
    }

    static void awaitTrue(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(condition.call()).as("condition within 20 s").isTrue();
    }
}
