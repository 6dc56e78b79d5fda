package io.kessai.center.wallet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A wallet as stored (database 7 of seed 001): the holder, the PIN's hash and lockout, cards and addresses. */
public record Wallet(
        String id,
        String phone,
        String name,
        String address,
        String email,
        String status,
        byte[] pinHash,
        byte[] pinSalt,
        int pinIterations,
        int pinFailures,
        Optional<Instant> lockedUntil,
        int lockCount,
        List<Card> cards,
        List<DeliveryAddress> deliveryAddresses,
        Instant createdAt) {

    /** A card on file: only masked and indexed here; the encrypted PAN is read by the one caller that needs it. */
    public record Card(String id, int position, String issuerId, String panMasked, String panIndex, String expiryYymm,
            Instant verifiedAt) {}

    public record DeliveryAddress(String label, String address) {}

    public boolean lockedAt(Instant now) {
        return lockedUntil.map(until -> until.isAfter(now)).orElse(false);
    }

    public Optional<Card> card(String cardId) {
        return cards.stream().filter(c -> c.id().equals(cardId)).findFirst();
    }

    @Override
    public String toString() {
        return "Wallet[" + id + ", " + cards.size() + " cards]";
    }
}
