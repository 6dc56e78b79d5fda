package io.kessai.center.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kessai.center.flow.PaymentIds;
import io.kessai.center.http.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON shapes of the wallet and shop APIs (docs/api/wallet.md, docs/api/shops.md). Cards only masked. */
final class WalletJson {
    private WalletJson() {}

    static Map<String, Object> payment(WalletRequest r, String baseUrl) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("object", "payment");
        json.put("merchantId", r.merchantId());
        json.put("channel", r.channel().name().toLowerCase(java.util.Locale.ROOT));
        json.put("state", r.state().apiName());
        r.amountMinor().ifPresent(a -> json.put("amountMinor", a));
        json.put("currency", r.currency());
        json.put("items", r.lines());
        json.put("description", r.description());
        r.returnUrl().ifPresent(u -> json.put("returnUrl", u));
        r.panMasked().ifPresent(c -> json.put("card", c));
        r.paymentMethod().ifPresent(m -> json.put("paymentMethod", m));
        r.installments().ifPresent(n -> json.put("installments", n));
        r.approvalCode().ifPresent(c -> json.put("approvalCode", c));
        r.responseCode().ifPresent(c -> json.put("responseCode", c));
        r.reason().filter(s -> !s.isEmpty()).ifPresent(c -> json.put("declineReason", c));
        json.put("attempts", r.attempts());
        json.put("createdAt", r.createdAt().toString());
        json.put("updatedAt", r.updatedAt().toString());
        json.put("expiresAt", r.expiresAt().toString());
        if (baseUrl != null && r.channel() == WalletRequest.Channel.ONLINE) {
            json.put("checkoutUrl", baseUrl + "/checkout/" + r.id());
        }
        return json;
    }

    static String webhookPayload(WalletRequest r, String type, Instant at) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", PaymentIds.next("evt_"));
        event.put("type", type);
        event.put("created", at.getEpochSecond());
        event.put("data", Map.of("payment", payment(r, null)));
        try {
            return Json.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("events always serialize", e);
        }
    }

    static Map<String, Object> card(Wallet.Card card, Function<String, String> issuerNames) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", card.id());
        json.put("number", card.panMasked());
        json.put("expiry", card.expiryYymm().substring(2) + "/" + card.expiryYymm().substring(0, 2));
        json.put("issuerId", card.issuerId());
        json.put("issuerName", issuerNames.apply(card.issuerId()));
        return json;
    }

    static Map<String, Object> wallet(Wallet w, Function<String, String> issuerNames) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", w.id());
        json.put("phone", w.phone());
        json.put("name", w.name());
        json.put("address", w.address());
        json.put("email", w.email());
        json.put("cards", w.cards().stream().map(c -> card(c, issuerNames)).toList());
        json.put("deliveryAddresses", w.deliveryAddresses());
        w.lockedUntil().ifPresent(t -> json.put("lockedUntil", t.toString()));
        return json;
    }

    /** At the counter without an amount the customer chooses items (Fig. 6 b–h); after that the choice is shown. */
    static boolean showsCatalogue(WalletRequest r) {
        return r.channel() == WalletRequest.Channel.POS && (r.amountMinor().isEmpty() || !r.lines().isEmpty());
    }

    /** What the phone shows for a request: the shop, the amount or the catalogue, the cards, the methods. */
    static Map<String, Object> phoneRequest(WalletRequest r, Wallet w, String merchantName, List<CatalogueItem> catalogue,
            Function<String, String> issuerNames) {
        Map<String, Object> json = payment(r, null);
        json.put("merchantName", merchantName);
        if (showsCatalogue(r)) {
            json.put("catalogue", catalogue);
        }
        json.put("cards", w.cards().stream().map(c -> card(c, issuerNames)).toList());
        json.put("paymentMethods", PaymentMethods.OFFERED);
        json.put("installmentCounts", PaymentMethods.INSTALLMENT_COUNTS);
        return json;
    }
}
