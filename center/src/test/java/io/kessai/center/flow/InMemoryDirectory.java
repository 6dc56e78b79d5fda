package io.kessai.center.flow;

import io.kessai.card.Pan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A registry for flow tests: one merchant, readers added by the test, one route per BIN prefix. */
public final class InMemoryDirectory implements FlowDirectory {
    public final Map<String, ReaderEntry> readers = new ConcurrentHashMap<>();
    public final Map<String, MerchantEntry> merchants = new ConcurrentHashMap<>();
    public final Map<String, IssuerEntry> routes = new ConcurrentHashMap<>();

    @Override
    public Optional<ReaderEntry> readerByInitialKeyId(String initialKeyIdHex) {
        return Optional.ofNullable(readers.get(initialKeyIdHex));
    }

    @Override
    public Optional<MerchantEntry> merchant(String merchantId) {
        return Optional.ofNullable(merchants.get(merchantId));
    }

    @Override
    public Optional<IssuerEntry> issuerFor(Pan pan) {
        return routes.entrySet().stream().filter(e -> pan.digits().startsWith(e.getKey()))
                .max((a, b) -> a.getKey().length() - b.getKey().length()).map(Map.Entry::getValue);
    }

    @Override
    public ResponseRule responseRule(String code) {
        return switch (code) {
            case "00" -> new ResponseRule(code, ResponseRule.Outcome.APPROVED, "", "承認されました", "Approved");
            case "55" -> new ResponseRule(code, ResponseRule.Outcome.REENTER, "wrong_pin", "暗証番号が違います", "Wrong PIN");
            case "91" -> new ResponseRule(code, ResponseRule.Outcome.UNAVAILABLE, "issuer_unavailable", "カード会社に接続できません",
                    "Card company unavailable, not charged");
            case "51" -> new ResponseRule(code, ResponseRule.Outcome.DECLINED, "insufficient_funds", "ご利用枠を超えています",
                    "Over the credit limit");
            default -> new ResponseRule(code, ResponseRule.Outcome.DECLINED, "declined", "お取り扱いできません", "Declined");
        };
    }

    public static MerchantEntry merchant(String id, boolean active) {
        return new MerchantEntry(id, "Test shop", "5411", active, List.of(new ItemQuestion("table", "テーブル番号", "Table number", false, 4)));
    }
}
