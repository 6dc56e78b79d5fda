package io.kessai.center.journal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a card-present payment, named as in the center issue and seed 000 (S801–S811). The
 * allowed transitions are data ({@link #next()}): the journal refuses any other, so a bug cannot move a
 * reversed payment back to approved.
 */
public enum PaymentState {
    /** The envelope arrived (S801). Not persisted on its own: a payment row starts at OPENED. */
    RECEIVED,
    /** The envelope's MAC verified and it decrypted (S802). */
    OPENED,
    /** An issuer was chosen by BIN or issuer code. */
    ROUTED,
    /** The authorization request is on its way to the issuer (S803–S804); persisted before it is sent. */
    SENT_TO_ISSUER,
    /** 与信OK. */
    APPROVED,
    /** 与信NG. */
    DECLINED,
    /** 再入力: wrong PIN, bad read. Nothing charged. */
    REENTER,
    /** The issuer did not answer in time; a reversal is queued. Nothing charged. */
    ISSUER_UNAVAILABLE,
    /** After an approval: the center asked the phone for the additional items (S809). */
    ADDITIONAL_ITEMS_REQUESTED,
    /** The items arrived, the completion advice (0220) is queued to the issuer (S810–S811). */
    COMPLETED,
    /** A reversal (0400) was acknowledged by the issuer; after COMPLETED it is a wallet refund. */
    REVERSED;

    private static final Map<PaymentState, Set<PaymentState>> NEXT = Map.ofEntries(
            Map.entry(RECEIVED, EnumSet.of(OPENED)),
            Map.entry(OPENED, EnumSet.of(ROUTED, DECLINED, ISSUER_UNAVAILABLE)),
            Map.entry(ROUTED, EnumSet.of(SENT_TO_ISSUER, REENTER, DECLINED, ISSUER_UNAVAILABLE)),
            Map.entry(SENT_TO_ISSUER, EnumSet.of(APPROVED, DECLINED, REENTER, ISSUER_UNAVAILABLE)),
            Map.entry(APPROVED, EnumSet.of(ADDITIONAL_ITEMS_REQUESTED, REVERSED)),
            Map.entry(ADDITIONAL_ITEMS_REQUESTED, EnumSet.of(COMPLETED, REVERSED)),
            Map.entry(ISSUER_UNAVAILABLE, EnumSet.of(REVERSED)),
            Map.entry(DECLINED, EnumSet.noneOf(PaymentState.class)),
            Map.entry(REENTER, EnumSet.noneOf(PaymentState.class)),
            Map.entry(COMPLETED, EnumSet.of(REVERSED)),
            Map.entry(REVERSED, EnumSet.noneOf(PaymentState.class)));

    public Set<PaymentState> next() {
        return NEXT.get(this);
    }

    public boolean canMoveTo(PaymentState target) {
        return NEXT.get(this).contains(target);
    }
}
