package io.kessai.center.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kessai.center.http.Json;
import io.kessai.crypto.hsm.EncryptedPan;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Wallets, their cards, devices, phone verifications and counter codes in PostgreSQL (V4__wallet.sql). */
public final class WalletStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public WalletStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    // --- phone verifications (Fig. 4 S1) ---

    public record PhoneVerification(String id, String phone, String email, String codeHash, int attempts, Instant expiresAt,
            Optional<Instant> verifiedAt, Optional<Instant> usedAt) {}

    public void insertVerification(String id, String phone, String email, String codeHash, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO center.phone_verifications (id, phone, email, code_hash, expires_at, created_at)"
                        + " VALUES (:id, :phone, :email, :hash, :expires, :now)")
                .bind("id", id).bind("phone", phone).bind("email", email).bind("hash", codeHash)
                .bind("expires", Timestamp.from(expiresAt)).bind("now", Timestamp.from(clock.instant())).execute());
    }

    /** How many codes were sent for a phone number since {@code since}: bounds what one number can be sent. */
    public int verificationsSince(String phone, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM center.phone_verifications WHERE phone = :p AND created_at >= :s")
                .bind("p", phone).bind("s", Timestamp.from(since)).mapTo(Integer.class).one());
    }

    public Optional<PhoneVerification> verification(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM center.phone_verifications WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new PhoneVerification(rs.getString("id"), rs.getString("phone"), rs.getString("email"),
                        rs.getString("code_hash"), rs.getInt("attempts"), rs.getTimestamp("expires_at").toInstant(),
                        instant(rs, "verified_at"), instant(rs, "used_at")))
                .findOne());
    }

    public void countVerificationAttempt(String id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE center.phone_verifications SET attempts = attempts + 1 WHERE id = :id")
                .bind("id", id).execute());
    }

    public void markVerified(String id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE center.phone_verifications SET verified_at = :now WHERE id = :id AND verified_at IS NULL")
                .bind("id", id).bind("now", Timestamp.from(clock.instant())).execute());
    }

    // --- wallets (Fig. 4 S2) ---

    public record NewCard(String id, String issuerId, String panMasked, String panIndex, EncryptedPan panEncrypted, String expiryYymm,
            String verificationCode) {}

    /**
     * Stores a wallet with its cards, addresses and first device, and uses up the phone verification, in
     * one transaction. False when the verification was used meanwhile or the phone already has a wallet.
     */
    public boolean insertWallet(String verificationId, Wallet wallet, List<NewCard> cards, String deviceTokenHash) {
        Instant now = clock.instant();
        try {
            return insertWallet(verificationId, wallet, cards, deviceTokenHash, now);
        } catch (Conflict e) {
            return false;
        }
    }

    /** Rolls the enrolment's transaction back. */
    private static final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Conflict() {
            super(null, null, false, false);
        }
    }

    private boolean insertWallet(String verificationId, Wallet wallet, List<NewCard> cards, String deviceTokenHash, Instant now) {
        return jdbi.inTransaction(h -> {
            int used = h.createUpdate("UPDATE center.phone_verifications SET used_at = :now WHERE id = :id AND used_at IS NULL"
                            + " AND verified_at IS NOT NULL")
                    .bind("id", verificationId).bind("now", Timestamp.from(now)).execute();
            if (used != 1) {
                return false;
            }
            int inserted = h.createUpdate("INSERT INTO center.wallets (id, phone, name, address, email, pin_hash, pin_salt,"
                            + " pin_iterations, status, created_at, updated_at) VALUES (:id, :phone, :name, :address, :email, :hash,"
                            + " :salt, :iterations, 'ACTIVE', :now, :now) ON CONFLICT (phone) DO NOTHING")
                    .bind("id", wallet.id()).bind("phone", wallet.phone()).bind("name", wallet.name()).bind("address", wallet.address())
                    .bind("email", wallet.email()).bind("hash", wallet.pinHash()).bind("salt", wallet.pinSalt())
                    .bind("iterations", wallet.pinIterations()).bind("now", Timestamp.from(now)).execute();
            if (inserted != 1) {
                throw new Conflict();
            }
            int position = 0;
            for (NewCard card : cards) {
                h.createUpdate("INSERT INTO center.wallet_cards (id, wallet_id, position, issuer_id, pan_masked, pan_index,"
                                + " pan_encrypted, pan_key, expiry_yymm, verified_at, verification_code, created_at)"
                                + " VALUES (:id, :wallet, :position, :issuer, :masked, :index, :encrypted, :key, :expiry, :now, :code, :now)")
                        .bind("id", card.id()).bind("wallet", wallet.id()).bind("position", position++).bind("issuer", card.issuerId())
                        .bind("masked", card.panMasked()).bind("index", card.panIndex()).bind("encrypted", card.panEncrypted().sealed())
                        .bind("key", card.panEncrypted().keyName()).bind("expiry", card.expiryYymm()).bind("code", card.verificationCode())
                        .bind("now", Timestamp.from(now)).execute();
            }
            position = 0;
            for (Wallet.DeliveryAddress address : wallet.deliveryAddresses()) {
                h.createUpdate("INSERT INTO center.wallet_addresses (wallet_id, position, label, address) VALUES (:w, :p, :l, :a)")
                        .bind("w", wallet.id()).bind("p", position++).bind("l", address.label()).bind("a", address.address()).execute();
            }
            insertDevice(h, wallet.id(), deviceTokenHash, now);
            return true;
        });
    }

    public void addDevice(String walletId, String deviceTokenHash) {
        jdbi.useHandle(h -> insertDevice(h, walletId, deviceTokenHash, clock.instant()));
    }

    private static void insertDevice(Handle h, String walletId, String tokenHash, Instant now) {
        h.createUpdate("INSERT INTO center.wallet_devices (token_hash, wallet_id, created_at) VALUES (:t, :w, :now)")
                .bind("t", tokenHash).bind("w", walletId).bind("now", Timestamp.from(now)).execute();
    }

    public Optional<String> walletIdForDevice(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT wallet_id FROM center.wallet_devices WHERE token_hash = :t")
                .bind("t", tokenHash).mapTo(String.class).findOne());
    }

    public Optional<Wallet> byId(String id) {
        return jdbi.withHandle(h -> load(h, "id", id));
    }

    public Optional<Wallet> byPhone(String phone) {
        return jdbi.withHandle(h -> load(h, "phone", phone));
    }

    /**
     * The wallet row with its cards and addresses, in one statement (one round trip): every authenticated
     * call of the phone loads its wallet, so three queries each would be most of a call's database work.
     */
    static final String LOAD_SQL = "SELECT w.*,"
            + " (SELECT coalesce(json_agg(json_build_array(c.id, c.position, c.issuer_id, c.pan_masked, c.pan_index, c.expiry_yymm,"
            + " (extract(epoch FROM c.verified_at) * 1000000)::bigint) ORDER BY c.position), '[]')"
            + " FROM center.wallet_cards c WHERE c.wallet_id = w.id) AS cards_json,"
            + " (SELECT coalesce(json_agg(json_build_array(a.label, a.address) ORDER BY a.position), '[]')"
            + " FROM center.wallet_addresses a WHERE a.wallet_id = w.id) AS addresses_json"
            + " FROM center.wallets w WHERE w.";

    private static Optional<Wallet> load(Handle h, String column, String value) {
        return h.createQuery(LOAD_SQL + column + " = :v").bind("v", value).map((rs, ctx) -> loaded(rs)).findOne();
    }

    /** A wallet read by {@link #LOAD_SQL}. */
    static Wallet loaded(ResultSet rs) throws SQLException {
        return mapWallet(rs, cards(rs.getString("cards_json")), addresses(rs.getString("addresses_json")));
    }

    /** A wallet and, when it is that wallet's, one of its payment requests (as stored, not expired yet). */
    public record WithRequest(Wallet wallet, Optional<WalletRequest> request) {}

    /**
     * The wallet as {@link #byId} and its request {@code requestId} in one round trip and one (read-only)
     * transaction: PIN verification and payment need both, and two queries were two transactions each
     * call. The driver sends both statements before one Sync (extended protocol), so they run in one
     * implicit transaction. Empty when there is no such wallet.
     */
    public Optional<WithRequest> byIdWithRequest(String walletId, String requestId) {
        return jdbi.withHandle(h -> {
            try (PreparedStatement ps = h.getConnection().prepareStatement(WITH_REQUEST_SQL)) {
                ps.setString(1, walletId);
                ps.setString(2, requestId);
                ps.execute();
                Wallet wallet;
                try (ResultSet rs = ps.getResultSet()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    wallet = loaded(rs);
                }
                if (!ps.getMoreResults()) {
                    throw new IllegalStateException("the request's query gave no result set");
                }
                try (ResultSet rs = ps.getResultSet()) {
                    Optional<WalletRequest> request = rs.next() ? Optional.of(RequestStore.map(rs)) : Optional.empty();
                    // Someone else's request is "not found", as if it did not exist.
                    return Optional.of(new WithRequest(wallet, request.filter(r -> r.walletId().equals(Optional.of(walletId)))));
                }
            } catch (SQLException e) {
                // As Jdbi reports a failed statement (an outage stays recognisable as one).
                throw new UnableToExecuteStatementException(e, null);
            }
        });
    }

    /**
     * The request is read by its ID alone and its wallet compared here: with {@code AND wallet_id = ?} in
     * the statement, the generic plan the driver's prepared statement settles on while wallet_requests is
     * still empty (a fresh center) chose the index on (wallet_id, created_at) and then read every request
     * the wallet ever made on each call (80 buffers per read after 80 payments per wallet; ADR 0023).
     */
    static final String REQUEST_BY_ID_SQL = "SELECT * FROM center.wallet_requests WHERE id = ?";

    static final String WITH_REQUEST_SQL = LOAD_SQL + "id = ?; " + REQUEST_BY_ID_SQL;

    private static List<Wallet.Card> cards(String json) throws SQLException {
        List<Wallet.Card> cards = new ArrayList<>();
        for (JsonNode c : tree(json)) {
            cards.add(new Wallet.Card(c.get(0).asText(), c.get(1).asInt(), c.get(2).asText(), c.get(3).asText(), c.get(4).asText(),
                    c.get(5).asText(), Instant.EPOCH.plus(c.get(6).asLong(), ChronoUnit.MICROS)));
        }
        return List.copyOf(cards);
    }

    private static List<Wallet.DeliveryAddress> addresses(String json) throws SQLException {
        List<Wallet.DeliveryAddress> addresses = new ArrayList<>();
        for (JsonNode a : tree(json)) {
            addresses.add(new Wallet.DeliveryAddress(a.get(0).asText(), a.get(1).asText()));
        }
        return List.copyOf(addresses);
    }

    private static JsonNode tree(String json) throws SQLException {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("a wallet's cards or addresses did not come back as JSON", e);
        }
    }

    private static Wallet mapWallet(ResultSet rs, List<Wallet.Card> cards, List<Wallet.DeliveryAddress> addresses) throws SQLException {
        return new Wallet(rs.getString("id"), rs.getString("phone"), rs.getString("name"), rs.getString("address"),
                rs.getString("email"), rs.getString("status"), rs.getBytes("pin_hash"), rs.getBytes("pin_salt"),
                rs.getInt("pin_iterations"), rs.getInt("pin_failures"), instant(rs, "locked_until"), rs.getInt("lock_count"),
                cards, addresses, rs.getTimestamp("created_at").toInstant());
    }

    // --- PIN lockout ---

    /**
     * Records a wrong PIN. The third in a row locks the wallet for {@code lockFor(lock_count + 1)}; returns
     * the wallet's failures and lock after the update. One statement, so concurrent tries count exactly.
     */
    public Wallet recordWrongPin(String walletId, int maxWrong) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            Wallet w = h.createQuery("SELECT * FROM center.wallets WHERE id = :id FOR UPDATE").bind("id", walletId)
                    .map((rs, ctx) -> mapWallet(rs, List.of(), List.of())).one();
            int failures = w.pinFailures() + 1;
            if (failures >= maxWrong) {
                Duration lock = PinLockout.lockFor(w.lockCount() + 1);
                h.createUpdate("UPDATE center.wallets SET pin_failures = 0, lock_count = lock_count + 1, locked_until = :until,"
                                + " updated_at = :now WHERE id = :id")
                        .bind("until", Timestamp.from(now.plus(lock))).bind("now", Timestamp.from(now)).bind("id", walletId).execute();
            } else {
                h.createUpdate("UPDATE center.wallets SET pin_failures = :f, updated_at = :now WHERE id = :id")
                        .bind("f", failures).bind("now", Timestamp.from(now)).bind("id", walletId).execute();
            }
        });
        return byId(walletId).orElseThrow();
    }

    public void recordRightPin(String walletId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE center.wallets SET pin_failures = 0, lock_count = 0, locked_until = NULL"
                        + " WHERE id = :id AND (pin_failures <> 0 OR lock_count <> 0 OR locked_until IS NOT NULL)")
                .bind("id", walletId).execute());
    }

    // --- counter codes ---

    /**
     * Stores a fresh code; false if the digits are taken by a live code (the caller draws again). A code
     * that expired more than {@link #CODE_KEPT_AFTER_EXPIRY} ago gives its digits up: one statement (an
     * upsert that only overwrites such a row), so no transaction of its own.
     */
    public boolean insertCode(String digits, String walletId, Instant expiresAt) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO center.wallet_codes (digits, wallet_id, expires_at, created_at)"
                        + " VALUES (:d, :w, :e, :now) ON CONFLICT (digits) DO UPDATE SET wallet_id = EXCLUDED.wallet_id,"
                        + " expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at, used_at = NULL"
                        + " WHERE center.wallet_codes.expires_at < :reusable")
                .bind("d", digits).bind("w", walletId).bind("e", Timestamp.from(expiresAt)).bind("now", Timestamp.from(now))
                .bind("reusable", Timestamp.from(now.minus(CODE_KEPT_AFTER_EXPIRY)))
                .execute() == 1);
    }

    /** How long a used or expired code keeps its digits (a late second use still gets "used"/"expired", not "unknown"). */
    static final Duration CODE_KEPT_AFTER_EXPIRY = Duration.ofHours(1);

    /** Why a code could not be used: its wallet and that wallet's status, whether it expired, whether it was used. */
    public record CodeState(String walletId, String walletStatus, boolean expired, boolean alreadyUsed) {}

    /** A code's state now; empty when no such code was issued (RequestStore#insertForCode uses codes up). */
    public Optional<CodeState> codeState(String digits) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery("SELECT c.wallet_id, w.status, c.expires_at, c.used_at FROM center.wallet_codes c"
                        + " JOIN center.wallets w ON w.id = c.wallet_id WHERE c.digits = :d")
                .bind("d", digits)
                .map((rs, ctx) -> new CodeState(rs.getString(1), rs.getString(2), !rs.getTimestamp(3).toInstant().isAfter(now),
                        rs.getTimestamp(4) != null))
                .findOne());
    }

    // --- signing secrets ---

    /** The named secret, made on first use; every node reads the same one. */
    public byte[] secret(String name) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO center.wallet_secrets (name, secret, created_at) VALUES (:n, :s, :now) ON CONFLICT (name) DO NOTHING")
                    .bind("n", name).bind("s", Secrets.randomBytes(Secrets.TOKEN_BYTES)).bind("now", Timestamp.from(clock.instant()))
                    .execute();
            return h.createQuery("SELECT secret FROM center.wallet_secrets WHERE name = :n").bind("n", name).mapTo(byte[].class).one();
        });
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }
}
