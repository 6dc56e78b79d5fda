package io.kessai.center.wallet;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import io.kessai.center.flow.PaymentIds;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Passkeys (WebAuthn, webauthn4j) as the owner's verification (S7–S8): the phone's platform
 * authenticator (fingerprint or face unlock) signs the center's challenge; the center checks the
 * signature with the public key it stored at registration. The seed keeps fingerprints at the center;
 * Kessai never sees them. Registering a passkey needs the wallet PIN.
 */
public final class Passkeys {
    static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
    static final int CHALLENGE_BYTES = 32;
    static final long TIMEOUT_MILLIS = 120_000;
    private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();

    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final Jdbi jdbi;
    private final Clock clock;
    private final Supplier<String> rpId;
    private final Supplier<Set<String>> origins;
    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(converter);

    /**
     * @param rpId the relying party ID (the site's host name; WebAuthn does not accept IP addresses)
     * @param origins the page origins allowed to run the ceremonies
     */
    public Passkeys(Jdbi jdbi, Clock clock, Supplier<String> rpId, Supplier<Set<String>> origins) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.rpId = rpId;
        this.origins = origins;
    }

    public int count(String walletId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM center.wallet_passkeys WHERE wallet_id = :w")
                .bind("w", walletId).mapTo(Integer.class).one());
    }

    /** PublicKeyCredentialCreationOptions for the phone (platform authenticator, user verification required). */
    public Map<String, Object> registrationOptions(Wallet wallet) {
        String challengeId = newChallenge(wallet.id(), "REGISTER", null);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challengeId", challengeId);
        options.put("challenge", B64U.encodeToString(challenge(challengeId)));
        options.put("rp", Map.of("id", rpId.get(), "name", "Kessai"));
        options.put("user", Map.of("id", B64U.encodeToString(wallet.id().getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                "name", wallet.phone(), "displayName", wallet.name()));
        options.put("pubKeyCredParams", ALGORITHMS.stream().map(p -> Map.of("type", "public-key", "alg", p.getAlg().getValue())).toList());
        options.put("authenticatorSelection", Map.of("authenticatorAttachment", "platform", "userVerification", "required",
                "residentKey", "preferred"));
        options.put("attestation", "none");
        options.put("timeout", TIMEOUT_MILLIS);
        options.put("excludeCredentials", credentialIds(wallet.id()).stream().map(id -> Map.of("type", "public-key", "id", id)).toList());
        return options;
    }

    /** Checks the new credential (origin, RP ID, challenge, user verification) and stores its public key. */
    public void register(Wallet wallet, String challengeId, String responseJson) {
        byte[] challenge = useChallenge(wallet.id(), challengeId, "REGISTER", null);
        RegistrationData data;
        try {
            data = manager.verifyRegistrationResponseJSON(responseJson, new RegistrationParameters(serverProperty(challenge), ALGORITHMS,
                    true, true));
        } catch (DataConversionException | VerificationException | IllegalArgumentException e) {
            throw WalletErrors.of(WalletErrors.BAD_REQUEST, "passkey_refused", "the passkey registration does not verify: "
                    + e.getMessage(), "response");
        }
        AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
        byte[] attested = credentialData.convert(authenticator.getAttestedCredentialData());
        String credentialId = B64U.encodeToString(authenticator.getAttestedCredentialData().getCredentialId());
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO center.wallet_passkeys (credential_id, wallet_id, attested_credential_data,"
                        + " sign_count, user_verified, backup_eligible, backup_state, created_at) VALUES (:id, :w, :data, :count, :uv, :be, :bs, :now)")
                .bind("id", credentialId).bind("w", wallet.id()).bind("data", attested).bind("count", authenticator.getSignCount())
                .bind("uv", authenticator.isFlagUV()).bind("be", authenticator.isFlagBE()).bind("bs", authenticator.isFlagBS())
                .bind("now", Timestamp.from(clock.instant())).execute());
    }

    /** PublicKeyCredentialRequestOptions for verifying the owner on one request. */
    public Map<String, Object> verificationOptions(Wallet wallet, String requestId) {
        List<String> ids = credentialIds(wallet.id());
        if (ids.isEmpty()) {
            throw WalletErrors.of(WalletErrors.CONFLICT, "no_passkey", "this wallet has no passkey; verify with the PIN or register one");
        }
        String challengeId = newChallenge(wallet.id(), "VERIFY", requestId);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challengeId", challengeId);
        options.put("challenge", B64U.encodeToString(challenge(challengeId)));
        options.put("rpId", rpId.get());
        options.put("allowCredentials", ids.stream().map(id -> Map.of("type", "public-key", "id", id)).toList());
        options.put("userVerification", "required");
        options.put("timeout", TIMEOUT_MILLIS);
        return options;
    }

    /** Checks an assertion for the request; the signature counter must move forward (a cloned key is refused). */
    public void verify(Wallet wallet, String requestId, String challengeId, String responseJson) {
        byte[] challenge = useChallenge(wallet.id(), challengeId, "VERIFY", requestId);
        AuthenticationData data;
        try {
            data = manager.parseAuthenticationResponseJSON(responseJson);
        } catch (DataConversionException | IllegalArgumentException e) {
            throw WalletErrors.of(WalletErrors.BAD_REQUEST, "passkey_refused", "the passkey answer is malformed: " + e.getMessage(), "response");
        }
        String credentialId = B64U.encodeToString(data.getCredentialId());
        Stored stored = jdbi.withHandle(h -> h.createQuery("SELECT attested_credential_data, sign_count, user_verified, backup_eligible,"
                        + " backup_state FROM center.wallet_passkeys WHERE credential_id = :id AND wallet_id = :w")
                .bind("id", credentialId).bind("w", wallet.id())
                .map((rs, ctx) -> new Stored(rs.getBytes(1), rs.getLong(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5)))
                .findOne())
                .orElseThrow(() -> WalletErrors.of(WalletErrors.UNAUTHORIZED, "passkey_refused", "this passkey is not registered to this wallet",
                        "response"));
        CredentialRecord record = new CredentialRecordImpl(new NoneAttestationStatement(), stored.userVerified(), stored.backupEligible(),
                stored.backupState(), stored.signCount(), credentialData.convert(stored.attested()), null, null, null, null);
        try {
            manager.verify(data, new AuthenticationParameters(serverProperty(challenge), record, List.of(data.getCredentialId()), true, true));
        } catch (VerificationException e) {
            throw WalletErrors.of(WalletErrors.UNAUTHORIZED, "passkey_refused", "the passkey signature does not verify: " + e.getMessage(),
                    "response");
        }
        long count = data.getAuthenticatorData().getSignCount();
        jdbi.useHandle(h -> h.createUpdate("UPDATE center.wallet_passkeys SET sign_count = :c, last_used_at = :now WHERE credential_id = :id")
                .bind("c", count).bind("now", Timestamp.from(clock.instant())).bind("id", credentialId).execute());
    }

    private record Stored(byte[] attested, long signCount, boolean userVerified, boolean backupEligible, boolean backupState) {}

    private ServerProperty serverProperty(byte[] challenge) {
        Set<Origin> allowed = new java.util.HashSet<>();
        origins.get().forEach(o -> allowed.add(new Origin(o)));
        return new ServerProperty(allowed, rpId.get(), new DefaultChallenge(challenge));
    }

    private List<String> credentialIds(String walletId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT credential_id FROM center.wallet_passkeys WHERE wallet_id = :w ORDER BY created_at")
                .bind("w", walletId).mapTo(String.class).list());
    }

    private String newChallenge(String walletId, String purpose, String requestId) {
        String id = PaymentIds.next("pkc_");
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO center.passkey_challenges (id, wallet_id, purpose, request_id, challenge, expires_at,"
                        + " created_at) VALUES (:id, :w, :p, :r, :c, :exp, :now)")
                .bind("id", id).bind("w", walletId).bind("p", purpose).bind("r", requestId).bind("c", Secrets.randomBytes(CHALLENGE_BYTES))
                .bind("exp", Timestamp.from(now.plus(CHALLENGE_TTL))).bind("now", Timestamp.from(now)).execute());
        return id;
    }

    private byte[] challenge(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT challenge FROM center.passkey_challenges WHERE id = :id").bind("id", id)
                .mapTo(byte[].class).one());
    }

    /** Uses a challenge up: this wallet's, this purpose and request, not expired, not used. */
    private byte[] useChallenge(String walletId, String challengeId, String purpose, String requestId) {
        if (challengeId == null) {
            throw WalletErrors.required("challengeId");
        }
        Instant now = clock.instant();
        Optional<byte[]> challenge = jdbi.withHandle(h -> h.createQuery("UPDATE center.passkey_challenges SET used_at = :now WHERE id = :id"
                        + " AND wallet_id = :w AND purpose = :p AND coalesce(request_id, '') = :r AND used_at IS NULL AND expires_at > :now"
                        + " RETURNING challenge")
                .bind("now", Timestamp.from(now)).bind("id", challengeId).bind("w", walletId).bind("p", purpose)
                .bind("r", requestId == null ? "" : requestId).mapTo(byte[].class).findOne());
        return challenge.orElseThrow(() -> WalletErrors.of(WalletErrors.CONFLICT, "challenge_invalid",
                "this passkey challenge is unknown, used or expired; ask for a new one", "challengeId"));
    }

}
