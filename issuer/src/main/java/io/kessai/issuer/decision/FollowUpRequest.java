package io.kessai.issuer.decision;

import io.kessai.iso8583.IsoMessage;
import io.kessai.issuer.ledger.RrnKey;
import io.kessai.issuer.ledger.TxnKey;

/**
 * A completion (0220) or reversal (0400, 0420) read and checked for format: which authorization it
 * names, by DE 90 (with its own DE 41) and/or by RRN.
 *
 * @param originalKey from DE 90, or null
 * @param rrnKey from DE 37 and DE 41, or null
 * @param terminal DE 41 packed by {@code Terminal}
 * @param amountMinor DE 4, or -1 when absent (a reversal is always of the whole amount)
 * @param currency DE 49, or null
 */
record FollowUpRequest(
        IsoMessage message, boolean completion, TxnKey originalKey, RrnKey rrnKey, long terminal, int stan,
        long amountMinor, String currency) {
    static final long NO_AMOUNT = -1;
}
