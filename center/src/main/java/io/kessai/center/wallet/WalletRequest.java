package io.kessai.center.wallet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One wallet payment as the shop and the phone see it: at the counter (POS) or online.
 *
 * @param amountMinor empty until the customer chose catalogue items on the phone (counter without amount)
 * @param lines the priced catalogue lines, if any
 */
public record WalletRequest(
        String id,
        String merchantId,
        Channel channel,
        String terminalId,
        Optional<String> walletId,
        RequestState state,
        Optional<Long> amountMinor,
        String currency,
        List<Line> lines,
        String description,
        Optional<String> returnUrl,
        Optional<Instant> verifiedAt,
        Optional<String> cardId,
        Optional<String> panMasked,
        Optional<String> paymentMethod,
        Optional<Integer> installments,
        Optional<String> paymentId,
        Optional<String> approvalCode,
        Optional<String> responseCode,
        Optional<String> reason,
        int attempts,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt) {

    public enum Channel {
        POS,
        ONLINE
    }

    /** A catalogue line: what, how many, at what unit price, and for tickets which seats. */
    public record Line(String sku, String name, int quantity, long unitPriceMinor, List<String> seats) {
        public long totalMinor() {
            return Math.multiplyExact(unitPriceMinor, (long) quantity);
        }
    }
}
