package io.kessai.center.flow;

import java.time.Duration;

/**
 * The flow's own settings.
 *
 * @param panKeyName HSM key that encrypts stored PANs (dek-aes256)
 * @param panIndexKeyName HSM key of the PAN index HMAC (pan-index-hmac)
 * @param duplicateWait how long a second delivery of an envelope still being authorized waits for the first answer
 * @param adviceTimeout how long one store-and-forward delivery waits for the issuer's acknowledgement
 * @param completionConfirmWait how long the additional-items request waits for the 0230 before answering "pending"
 */
public record FlowSettings(
        String panKeyName,
        String panIndexKeyName,
        Duration duplicateWait,
        Duration adviceTimeout,
        Duration completionConfirmWait) {

    public static FlowSettings defaults(String panKeyName, String panIndexKeyName) {
        return new FlowSettings(panKeyName, panIndexKeyName, Duration.ofSeconds(35), Duration.ofSeconds(10), Duration.ofSeconds(5));
    }
}
