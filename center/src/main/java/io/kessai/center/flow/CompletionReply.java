package io.kessai.center.flow;

/**
 * The answer to the additional items (S811).
 *
 * @param issuerAcknowledged true when the issuer acknowledged the completion advice (0230) before the
 *     reply; false when it is stored and will be forwarded (store-and-forward)
 * @param duplicate true when these answers had been received before
 */
public record CompletionReply(String paymentId, boolean issuerAcknowledged, boolean duplicate) {}
