package io.kessai.center.wallet;

import java.util.Optional;

/**
 * A registered shop (seed 001 ¶0022): a merchant of the registry with its URL, its API key (only the
 * hash and a short prefix are kept) and where its webhooks go.
 */
public record Shop(String merchantId, String url, Optional<String> webhookUrl, String webhookSecret, String apiKeyPrefix) {
    @Override
    public String toString() {
        return "Shop[" + merchantId + ", " + url + "]";
    }
}
