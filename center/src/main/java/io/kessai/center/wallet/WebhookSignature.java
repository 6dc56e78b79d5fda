package io.kessai.center.wallet;

import io.kessai.card.Hex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The webhook signature, as Stripe does it: {@code Kessai-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>}
 * over {@code "<t>.<body>"} under the shop's webhook secret. A receiver recomputes it and refuses a
 * timestamp older than its tolerance, so a captured delivery cannot be replayed later.
 */
public final class WebhookSignature {
    public static final String HEADER = "Kessai-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {}

    public static String header(String secret, Instant at, String body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + mac(secret, t, body);
    }

    /** Why a signature was refused; empty when it is good. */
    public static java.util.Optional<String> check(String header, String body, String secret, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return java.util.Optional.of("no " + HEADER + " header");
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return java.util.Optional.of("t is not a number");
                }
            } else if (kv[0].equals("v1")) {
                v1 = kv[1].toLowerCase(Locale.ROOT);
            }
        }
        if (t == null || v1 == null) {
            return java.util.Optional.of("the header needs t= and v1=");
        }
        if (Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return java.util.Optional.of("timestamp " + t + " is outside the tolerance of " + tolerance.toSeconds() + " s (a replay?)");
        }
        if (!Secrets.equal(mac(secret, t, body), v1)) {
            return java.util.Optional.of("the signature does not match the body");
        }
        return java.util.Optional.empty();
    }

    private static String mac(String secret, long t, String body) {
        byte[] mac = Secrets.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), (t + "." + body).getBytes(StandardCharsets.UTF_8));
        return Hex.encode(mac).toLowerCase(Locale.ROOT);
    }
}
