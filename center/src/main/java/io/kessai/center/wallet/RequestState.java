package io.kessai.center.wallet;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a wallet payment request, named after seed 001's Fig. 5 and Fig. 8. Transitions are data:
 * the store refuses any other, so a completed payment cannot be paid twice.
 */
public enum RequestState {
    /** Online (STP1): the shop created it; no wallet yet, the customer enters the phone number. */
    WAITING_FOR_CUSTOMER,
    /** S3–S6: phone and shop are registered; the request was pushed to the phone, the owner must verify. */
    WAITING_FOR_OWNER,
    /** S8: the owner's PIN or passkey verified; card, method and items are being chosen (S11). */
    VERIFIED,
    /** S12–S13: the confirmed amount is with the card company. */
    AUTHORIZING,
    /** S14–S16: the card company said no; another card may be chosen. */
    DECLINED,
    /** S17: approved and completed; the slip is issued. */
    COMPLETED,
    CANCELLED,
    EXPIRED,
    /** A completed payment the shop refunded (the authorization's reversal is queued to the issuer). */
    REFUNDED;

    private static final Map<RequestState, Set<RequestState>> NEXT = Map.of(
            WAITING_FOR_CUSTOMER, EnumSet.of(WAITING_FOR_OWNER, CANCELLED, EXPIRED),
            WAITING_FOR_OWNER, EnumSet.of(VERIFIED, CANCELLED, EXPIRED),
            VERIFIED, EnumSet.of(AUTHORIZING, CANCELLED, EXPIRED),
            AUTHORIZING, EnumSet.of(COMPLETED, DECLINED),
            DECLINED, EnumSet.of(AUTHORIZING, CANCELLED, EXPIRED),
            COMPLETED, EnumSet.of(REFUNDED),
            CANCELLED, EnumSet.noneOf(RequestState.class),
            EXPIRED, EnumSet.noneOf(RequestState.class),
            REFUNDED, EnumSet.noneOf(RequestState.class));

    public boolean canMoveTo(RequestState next) {
        return NEXT.get(this).contains(next);
    }

    /** Refuses a move the flow does not have, before anything is written. */
    static void requireTransition(String requestId, RequestState from, RequestState to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("request " + requestId + ": " + from + " → " + to + " is not a transition");
        }
    }

    /** Nothing more will happen to it. */
    public boolean finished() {
        return NEXT.get(this).isEmpty() || this == COMPLETED;
    }

    /** Moves that may still end by expiry. */
    public boolean expires() {
        return NEXT.get(this).contains(EXPIRED);
    }

    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
