package io.kessai.issuer.decision;

import io.kessai.iso8583.IsoMessage;
import io.kessai.issuer.fault.Fault;
import io.kessai.issuer.ledger.JournalEntry;
import java.util.function.Supplier;

/**
 * What the issuer does with one request.
 *
 * @param response the answer, or null when the message is not answered (a response from the peer)
 * @param entry the state change to journal, or null
 * @param afterJournal true when the answer depends on the ledger: it may leave only once everything
 *     journaled before it (and {@code entry}) is committed, never sooner
 * @param cardFault the fault of the card the request is about, or null
 * @param summary one line for the log: MTI, key, masked PAN, DE 39; no card data. Built only when
 *     logged: at tens of thousands of decisions a second, an unused string is a cost.
 */
public record Decision(IsoMessage response, JournalEntry entry, boolean afterJournal, Fault cardFault,
        Supplier<String> summary) {

    /** An answer that depends on nothing but the request (format error, network management). */
    static Decision immediate(IsoMessage response, Supplier<String> summary) {
        return new Decision(response, null, false, null, summary);
    }

    static Decision ignored(Supplier<String> summary) {
        return new Decision(null, null, false, null, summary);
    }
}
