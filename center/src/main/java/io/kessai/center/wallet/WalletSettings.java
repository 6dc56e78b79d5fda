package io.kessai.center.wallet;

import io.kessai.center.http.ConfigValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The wallet's settings ({@code KESSAI_WALLET_*}, docs/configuration.md).
 *
 * @param pinIterations PBKDF2 iterations for new PINs
 * @param smtp where one-time codes and receipts are sent; empty: into {@code maildrop} as .eml files
 * @param publicBaseUrl the address customers' browsers use for checkout pages; empty: the server's own
 * @param rpId the WebAuthn relying party ID for passkeys; empty: the public URL's host, else localhost
 */
public record WalletSettings(
        int pinIterations,
        Duration oneTimeCodeTtl,
        Duration counterCodeTtl,
        Duration requestTtl,
        Optional<Smtp> smtp,
        Path maildrop,
        String mailFrom,
        Optional<String> publicBaseUrl,
        Optional<String> rpId) {

    public record Smtp(String host, int port, boolean startTls) {}

    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int MAX_PORT = 65_535;
    private static final int MAX_MINUTES = 24 * 60;

    public static WalletSettings from(ConfigValues values, Path dataDirectory) {
        Optional<Smtp> smtp = values.string("KESSAI_WALLET_SMTP_HOST").map(host -> new Smtp(host,
                values.integer("KESSAI_WALLET_SMTP_PORT", 25, 1, MAX_PORT),
                values.string("KESSAI_WALLET_SMTP_STARTTLS").map(Boolean::parseBoolean).orElse(false)));
        return new WalletSettings(
                values.integer("KESSAI_WALLET_PIN_ITERATIONS", PinHasher.DEFAULT_ITERATIONS, PinHasher.MIN_ITERATIONS, MAX_ITERATIONS),
                Duration.ofMinutes(values.integer("KESSAI_WALLET_OTP_MINUTES", 10, 1, MAX_MINUTES)),
                Duration.ofSeconds(values.integer("KESSAI_WALLET_CODE_SECONDS", 120, 10, MAX_MINUTES * 60)),
                Duration.ofMinutes(values.integer("KESSAI_WALLET_REQUEST_MINUTES", 15, 1, MAX_MINUTES)),
                smtp,
                Path.of(values.string("KESSAI_WALLET_MAILDROP").orElse(dataDirectory.resolve("wallet-mail").toString())),
                values.string("KESSAI_WALLET_MAIL_FROM").orElse("Kessai <no-reply@kessai.localhost>"),
                values.string("KESSAI_WALLET_PUBLIC_URL"),
                values.string("KESSAI_WALLET_RP_ID"));
    }
}
