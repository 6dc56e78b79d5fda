package io.kessai.center.wallet;

import io.kessai.crypto.hsm.EncryptedPan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

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

    private static Optional<Wallet> load(Handle h, String column, String value) {
        Optional<Wallet> bare = h.createQuery("SELECT * FROM center.wallets WHERE " + column + " = :v").bind("v", value)
                .map((rs, ctx) -> mapWallet(rs, List.of(), List.of())).findOne();
        if (bare.isEmpty()) {
            return bare;
        }
        Wallet w = bare.get();
        List<Wallet.Card> cards = h.createQuery("SELECT id, position, issuer_id, pan_masked, pan_index, expiry_yymm, verified_at"
                        + " FROM center.wallet_cards WHERE wallet_id = :w ORDER BY position")
                .bind("w", w.id())
                .map((rs, ctx) -> new Wallet.Card(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
        List<Wallet.DeliveryAddress> addresses = h.createQuery("SELECT label, address FROM center.wallet_addresses WHERE wallet_id = :w"
                        + " ORDER BY position")
                .bind("w", w.id()).map((rs, ctx) -> new Wallet.DeliveryAddress(rs.getString(1), rs.getString(2))).list();
        return Optional.of(new Wallet(w.id(), w.phone(), w.name(), w.address(), w.email(), w.status(), w.pinHash(), w.pinSalt(),
                w.pinIterations(), w.pinFailures(), w.lockedUntil(), w.lockCount(), cards, addresses, w.createdAt()));
    }

    private static Wallet mapWallet(ResultSet rs, List<Wallet.Card> cards, List<Wallet.DeliveryAddress> addresses) throws SQLException {
        return new Wallet(rs.getString("id"), rs.getString("phone"), rs.getString("name"), rs.getString("address"),
                rs.getString("email"), rs.getString("status"), rs.getBytes("pin_hash"), rs.getBytes("pin_salt"),
                rs.getInt("pin_iterations"), rs.getInt("pin_failures"), instant(rs, "locked_until"), rs.getInt("lock_count"),
                cards, addresses, rs.getTimestamp("created_at").toInstant());
    }

    /** The encrypted PAN of a card on file, for the issuer link only. */
    public EncryptedPan encryptedPan(String cardId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pan_key, pan_encrypted FROM center.wallet_cards WHERE id = :id")
                .bind("id", cardId).map((rs, ctx) -> new EncryptedPan(rs.getString(1), rs.getBytes(2))).one());
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

    /** Stores a fresh code; false if the digits are taken by a live code (the caller draws again). */
    public boolean insertCode(String digits, String walletId, Instant expiresAt) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM center.wallet_codes WHERE digits = :d AND expires_at < :now")
                    .bind("d", digits).bind("now", Timestamp.from(now.minus(Duration.ofHours(1)))).execute();
            return h.createUpdate("INSERT INTO center.wallet_codes (digits, wallet_id, expires_at, created_at) VALUES (:d, :w, :e, :now)"
                            + " ON CONFLICT (digits) DO NOTHING")
                    .bind("d", digits).bind("w", walletId).bind("e", Timestamp.from(expiresAt)).bind("now", Timestamp.from(now))
                    .execute() == 1;
        });
    }

    public record CodeUse(String walletId, boolean expired, boolean alreadyUsed) {}

    /** Uses a code up (once); empty when no such code was issued. */
    public Optional<CodeUse> useCode(String digits) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            Optional<CodeUse> found = h.createQuery("SELECT wallet_id, expires_at, used_at FROM center.wallet_codes WHERE digits = :d FOR UPDATE")
                    .bind("d", digits)
                    .map((rs, ctx) -> new CodeUse(rs.getString(1), !rs.getTimestamp(2).toInstant().isAfter(now), rs.getTimestamp(3) != null))
                    .findOne();
            if (found.isPresent() && !found.get().expired() && !found.get().alreadyUsed()) {
                h.createUpdate("UPDATE center.wallet_codes SET used_at = :now WHERE digits = :d")
                        .bind("d", digits).bind("now", Timestamp.from(now)).execute();
            }
            return found;
        });
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
