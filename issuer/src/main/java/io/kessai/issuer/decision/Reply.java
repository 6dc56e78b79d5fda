package io.kessai.issuer.decision;

import io.kessai.iso8583.IsoMessage;
import io.kessai.issuer.fault.Fault;
import java.util.function.Supplier;

/**
 * What goes back on the link for one request, once it may.
 *
 * @param response the answer, or null for none
 * @param wire the answer encoded (no length header), or null for none; encoded by the deciding thread
 *     so the journal thread, which releases answers, only hands bytes over
 * @param fault the fault to put on the answer, or null
 * @param summary one log line without card data, built when logged
 */
public record Reply(IsoMessage response, byte[] wire, Fault fault, Supplier<String> summary) {}
