package io.kessai.center.wallet;

import io.kessai.card.Hex;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The code the phone shows at the counter (S1, never the bare phone number): 12 random digits, stored
 * with the wallet and an expiry and used once, and the same digits in a QR payload signed by the center
 * ({@code KESSAI1:<digits>:<expiry epoch s>:<HMAC>}), so a forged or altered QR is refused before any
 * look-up. Typed digits are protected by their 10^12 space, the short lifetime and single use.
 */
public final class CounterCodes {
    public static final int DIGITS = 12;
    static final String PREFIX = "KESSAI1:";
    private static final int MAC_HEX_CHARS = 32;

    private final byte[] key;

    public CounterCodes(byte[] key) {
        this.key = key.clone();
    }

    public String qrPayload(String digits, Instant expiresAt) {
        long exp = expiresAt.getEpochSecond();
        return PREFIX + digits + ":" + exp + ":" + mac(digits, exp);
    }

    /** The digits of a typed code or a QR payload; empty with the reason in {@code why} when it is neither. */
    public Optional<String> digitsOf(String code, Instant now, StringBuilder why) {
        String trimmed = code.strip().replace(" ", "").replace("-", "");
        if (trimmed.length() == DIGITS && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(trimmed);
        }
        if (!trimmed.startsWith(PREFIX)) {
            why.append("the code must be ").append(DIGITS).append(" digits or the phone's QR code");
            return Optional.empty();
        }
        String[] parts = trimmed.substring(PREFIX.length()).split(":");
        if (parts.length != 3 || parts[0].length() != DIGITS) {
            why.append("the QR code is not a Kessai wallet code");
            return Optional.empty();
        }
        long exp;
        try {
            exp = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            why.append("the QR code's expiry is not a number");
            return Optional.empty();
        }
        if (!Secrets.equal(mac(parts[0], exp), parts[2].toLowerCase(Locale.ROOT))) {
            why.append("the QR code's signature does not verify (altered or not from this center)");
            return Optional.empty();
        }
        return Optional.of(parts[0]);
    }

    private String mac(String digits, long exp) {
        byte[] mac = Secrets.hmacSha256(key, (digits + ":" + exp).getBytes(StandardCharsets.US_ASCII));
        return Hex.encode(mac).toLowerCase(Locale.ROOT).substring(0, MAC_HEX_CHARS);
    }
}
