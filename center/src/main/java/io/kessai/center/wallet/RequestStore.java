package io.kessai.center.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.kessai.center.http.Json;
import io.kessai.crypto.hsm.EncryptedPan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * Wallet payment requests in PostgreSQL. Every change is an {@code UPDATE … WHERE state = :from}: two
 * taps on "pay", two nodes or a retry cannot move a request twice.
 */
public final class RequestStore implements AutoCloseable {
    private static final TypeReference<List<WalletRequest.Line>> LINES = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final Clock clock;
    private final RequestMoves moves;

    public RequestStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.moves = new RequestMoves(jdbi);
    }

    private static final String INSERT_COLUMNS = "INSERT INTO center.wallet_requests (id, merchant_id, channel, terminal_id, wallet_id,"
            + " state, amount_minor, currency, items, description, return_url, created_at, updated_at, expires_at)";

    public void insert(WalletRequest r) {
        jdbi.useHandle(h -> bindRequest(h.createUpdate(INSERT_COLUMNS + " VALUES (:id, :m, :c, :t, :w, :s, :a, :cur, CAST(:items AS jsonb),"
                + " :d, :ret, :now, :now, :exp)"), r).bind("w", r.walletId().orElse(null)).execute());
    }

    /** The wallet a counter code belonged to, and that wallet's status, when the code was used up. */
    public record UsedCode(String walletId, String walletStatus) {}

    /**
     * S3–S6 in one statement (one round trip, one commit): uses up the phone's code ({@code digits}, live
     * and unused) and, when its wallet is active, inserts the request {@code r} for that wallet. Empty when
     * the code could not be used (unknown, used or expired: {@link WalletStore#codeState} says which);
     * a code of a suspended wallet is used up and no request is inserted.
     */
    public Optional<UsedCode> insertForCode(WalletRequest r, String digits) {
        if (r.walletId().isPresent() || r.channel() != WalletRequest.Channel.POS) {
            throw new IllegalArgumentException("a counter request takes its wallet from the code: " + r.id());
        }
        return jdbi.withHandle(h -> bindRequest(h.createQuery("WITH used AS (UPDATE center.wallet_codes c SET used_at = :now"
                        + " FROM center.wallets w WHERE c.digits = :digits AND c.used_at IS NULL AND c.expires_at > :now"
                        + " AND w.id = c.wallet_id RETURNING c.wallet_id, w.status),"
                        + " inserted AS (" + INSERT_COLUMNS + " SELECT :id, :m, :c, :t, used.wallet_id, :s, CAST(:a AS bigint), :cur,"
                        + " CAST(:items AS jsonb), :d, :ret, :now, :now, :exp FROM used WHERE used.status = 'ACTIVE')"
                        + " SELECT wallet_id, status FROM used"), r)
                .bind("digits", digits)
                .map((rs, ctx) -> new UsedCode(rs.getString(1), rs.getString(2))).findOne());
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindRequest(S statement, WalletRequest r) {
        return statement.bind("id", r.id()).bind("m", r.merchantId()).bind("c", r.channel().name()).bind("t", r.terminalId())
                .bind("s", r.state().name()).bind("a", r.amountMinor().orElse(null))
                .bind("cur", r.currency()).bind("items", linesJson(r.lines())).bind("d", r.description())
                .bind("ret", r.returnUrl().orElse(null)).bind("now", Timestamp.from(r.createdAt())).bind("exp", Timestamp.from(r.expiresAt()));
    }

    /** The request, with an overdue open one moved to EXPIRED first. */
    public Optional<WalletRequest> find(String id) {
        return load(id).flatMap(this::expiredIfDue);
    }

    /** A request as read, or, when it was open past its expiry, as it is after moving it to EXPIRED. */
    Optional<WalletRequest> expiredIfDue(WalletRequest found) {
        if (found.state().expires() && !found.expiresAt().isAfter(clock.instant())) {
            move(found.id(), found.state(), RequestState.EXPIRED, "", u -> {});
            return load(found.id());
        }
        return Optional.of(found);
    }

    private Optional<WalletRequest> load(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM center.wallet_requests WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    /** A wallet's requests that still wait for the owner, newest first (what the phone app shows on opening). */
    public List<WalletRequest> openForWallet(String walletId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM center.wallet_requests WHERE wallet_id = :w AND state IN"
                        + " ('WAITING_FOR_OWNER', 'VERIFIED', 'DECLINED') AND expires_at > :now ORDER BY created_at DESC LIMIT 10")
                .bind("w", walletId).bind("now", Timestamp.from(clock.instant())).map((rs, ctx) -> map(rs)).list());
    }

    /** A shop's requests, newest first, after the cursor (Stripe's {@code starting_after}). */
    public List<WalletRequest> list(String merchantId, int limit, Optional<String> startingAfter) {
        return jdbi.withHandle(h -> {
            String after = startingAfter.isPresent()
                    ? " AND (created_at, id) < (SELECT created_at, id FROM center.wallet_requests WHERE id = :after AND merchant_id = :m)"
                    : "";
            var query = h.createQuery("SELECT * FROM center.wallet_requests WHERE merchant_id = :m" + after
                            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                    .bind("m", merchantId).bind("limit", limit);
            startingAfter.ifPresent(a -> query.bind("after", a));
            return query.map((rs, ctx) -> map(rs)).list();
        });
    }

    /**
     * Moves a request {@code from → to}, setting {@code columns} (an SQL SET fragment, bound by
     * {@code binder}). False when it is no longer in {@code from}.
     */
    public boolean move(String id, RequestState from, RequestState to, String columns, Consumer<Update> binder) {
        RequestState.requireTransition(id, from, to);
        return jdbi.withHandle(h -> {
            Update update = h.createUpdate("UPDATE center.wallet_requests SET state = :to, updated_at = :now"
                            + (columns.isEmpty() ? "" : ", " + columns) + " WHERE id = :id AND state = :from")
                    .bind("to", to.name()).bind("from", from.name()).bind("id", id).bind("now", Timestamp.from(clock.instant()));
            binder.accept(update);
            return update.execute() == 1;
        });
    }

    /** As {@link #move}, returning the moved request (PostgreSQL returns the row: one round trip, not two). */
    public Optional<WalletRequest> moveAndGet(String id, RequestState from, RequestState to, String columns, Consumer<Update> binder) {
        RequestState.requireTransition(id, from, to);
        return jdbi.withHandle(h -> {
            Update update = h.createUpdate("UPDATE center.wallet_requests r SET state = :to, updated_at = :now"
                            + (columns.isEmpty() ? "" : ", " + columns) + " WHERE r.id = :id AND r.state = :from RETURNING r.*")
                    .bind("to", to.name()).bind("from", from.name()).bind("id", id).bind("now", Timestamp.from(clock.instant()));
            binder.accept(update);
            // The statement has its own RETURNING; the driver then adds none.
            return update.executeAndReturnGeneratedKeys().map((rs, ctx) -> map(rs)).findOne();
        });
    }

    // ---- the payment path's moves, by group commit (RequestMoves, ADR 0019) ----

    /** S8: WAITING_FOR_OWNER → VERIFIED at {@code now}; empty when the request was no longer waiting for the owner. */
    public Optional<WalletRequest> moveToVerified(String id) {
        return moves.move(new RequestMoves.Move(id, RequestState.WAITING_FOR_OWNER, RequestState.VERIFIED, clock.instant(),
                Optional.empty(), Optional.empty())).map(RequestMoves.Moved::request);
    }

    /** The request moved to AUTHORIZING with its chosen card's encrypted PAN (for the issuer link only). */
    public record Authorizing(WalletRequest request, Optional<EncryptedPan> panEncrypted) {}

    /**
     * S13: {@code from} → AUTHORIZING with the owner's choice (one more attempt), with the card's encrypted
     * PAN read by the same statement. The PAN is empty when the card left the wallet meanwhile: the caller
     * fails the attempt like any other error before the issuer.
     */
    public Optional<Authorizing> moveToAuthorizing(String id, RequestState from, RequestMoves.Choice choice) {
        return moves.move(new RequestMoves.Move(id, from, RequestState.AUTHORIZING, clock.instant(), Optional.of(choice),
                Optional.empty())).map(m -> new Authorizing(m.request(), m.panEncrypted()));
    }

    /** A request moved by the issuer's answer, and whether its shop has a webhook URL now (so that an event is queued). */
    public record Finished(WalletRequest request, boolean shopHasWebhook) {}

    /** S14/S17: AUTHORIZING → DECLINED or COMPLETED with the issuer's answer, with the shop's webhook setting read by the same statement. */
    public Optional<Finished> moveAnswered(String id, RequestState to, RequestMoves.Outcome outcome) {
        return moves.move(new RequestMoves.Move(id, RequestState.AUTHORIZING, to, clock.instant(), Optional.empty(), Optional.of(outcome)))
                .map(m -> new Finished(m.request(), m.shopHasWebhook()));
    }

    @Override
    public void close() {
        moves.close();
    }

    /** Sets columns without a state change, only while in {@code state}. */
    public boolean update(String id, RequestState state, String columns, Consumer<Update> binder) {
        return jdbi.withHandle(h -> {
            Update update = h.createUpdate("UPDATE center.wallet_requests SET updated_at = :now, " + columns
                            + " WHERE id = :id AND state = :state")
                    .bind("state", state.name()).bind("id", id).bind("now", Timestamp.from(clock.instant()));
            binder.accept(update);
            return update.execute() == 1;
        });
    }

    /** Requests in one state that nothing has touched since {@code cutoff} (those a crash left behind). */
    public List<WalletRequest> untouchedSince(RequestState state, Instant cutoff, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM center.wallet_requests WHERE state = :s AND updated_at <= :cutoff"
                        + " ORDER BY updated_at LIMIT :limit")
                .bind("s", state.name()).bind("cutoff", Timestamp.from(cutoff)).bind("limit", limit).map((rs, ctx) -> map(rs)).list());
    }

    static String linesJson(List<WalletRequest.Line> lines) {
        try {
            return Json.MAPPER.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lines always serialize", e);
        }
    }

    static WalletRequest map(ResultSet rs) throws SQLException {
        List<WalletRequest.Line> lines;
        try {
            lines = Json.MAPPER.readValue(rs.getString("items"), LINES);
        } catch (JsonProcessingException e) {
            throw new SQLException("wallet_requests.items of " + rs.getString("id") + " is not a list of lines", e);
        }
        return new WalletRequest(rs.getString("id"), rs.getString("merchant_id"), WalletRequest.Channel.valueOf(rs.getString("channel")),
                rs.getString("terminal_id"), Optional.ofNullable(rs.getString("wallet_id")), RequestState.valueOf(rs.getString("state")),
                Optional.ofNullable((Long) rs.getObject("amount_minor")), rs.getString("currency"), new ArrayList<>(lines),
                rs.getString("description"), Optional.ofNullable(rs.getString("return_url")), WalletStore.instant(rs, "verified_at"),
                Optional.ofNullable(rs.getString("card_id")), Optional.ofNullable(rs.getString("pan_masked")),
                Optional.ofNullable(rs.getString("payment_method")), Optional.ofNullable((Number) rs.getObject("installments")).map(Number::intValue),
                Optional.ofNullable(rs.getString("payment_id")), Optional.ofNullable(rs.getString("approval_code")),
                Optional.ofNullable(rs.getString("response_code")), Optional.ofNullable(rs.getString("reason")), rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), rs.getTimestamp("expires_at").toInstant());
    }

}
