package io.kessai.center.flow;

import java.util.Locale;

/**
 * The steps of a card-present payment at the center whose durations are measured one by one (the way a
 * jPOS transaction manager profiles its participants), so that an operator sees where a slow payment
 * spent its time: in the center's own work, waiting for the journal's commits, or waiting for the issuer.
 */
public enum PaymentPhase {
    /** Received to ready to journal: parse, open the envelope, check reader and merchant, route, translate the PIN. */
    PREPARE,
    /** The payment journaled as sent to the issuer, durably, before the 0100 leaves (the group commit's wait). */
    JOURNAL_SENT,
    /** The 0100 sent to its 0110 received (or the timeout). */
    ISSUER,
    /** The result sealed and the answer journaled, durably, before the phone hears it. */
    JOURNAL_ANSWER;

    /** Made once: the label is looked up four times per payment. */
    private final String label = name().toLowerCase(Locale.ROOT);

    /** The metric label: {@code journal_sent}. */
    public String label() {
        return label;
    }
}
