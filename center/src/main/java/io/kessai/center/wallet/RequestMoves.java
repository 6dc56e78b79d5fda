package io.kessai.center.wallet;

import io.kessai.center.ops.BatchCommitter;
import io.kessai.center.ops.ColumnArrays;
import io.kessai.crypto.hsm.EncryptedPan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * The payment path's own moves of a request by group commit (ADR 0019): S8 (to VERIFIED), S13 (to
 * AUTHORIZING, with the chosen card, method and amount) and S14/S17 (the issuer's answer, to DECLINED or
 * COMPLETED). The moves of all phones that pay at the same moment are one statement and one commit
 * ({@link BatchCommitter}, the journal's mechanics); each caller still waits until its own move is
 * durable, and each move is still {@code UPDATE … WHERE state = from}, so two taps or two nodes cannot
 * move a request twice. Other moves (expiry, cancel, refund, recovery) stay in {@link RequestStore}.
 */
final class RequestMoves implements AutoCloseable {
    /** The chosen card, method and amount that the move to AUTHORIZING sets. */
    record Choice(String cardId, String panMasked, String paymentMethod, Optional<Integer> installments, long amountMinor,
            String itemsJson) {}

    /** The issuer's answer that the move to DECLINED or COMPLETED sets. */
    record Outcome(Optional<String> paymentId, Optional<String> approvalCode, String responseCode, String reason) {}

    /** What a move gives back: the request after it, the card's encrypted PAN (to AUTHORIZING) and the shop's webhook flag. */
    record Moved(WalletRequest request, Optional<EncryptedPan> panEncrypted, boolean shopHasWebhook) {}

    /** One move; the writer thread sets {@link #moved} before the caller is released. */
    static final class Move {
        final String id;
        final RequestState from;
        final RequestState to;
        final Instant now;
        final Optional<Choice> choice;
        final Optional<Outcome> outcome;
        private volatile Moved moved;

        Move(String id, RequestState from, RequestState to, Instant now, Optional<Choice> choice, Optional<Outcome> outcome) {
            RequestState.requireTransition(id, from, to);
            this.id = id;
            this.from = from;
            this.to = to;
            this.now = now;
            this.choice = choice;
            this.outcome = outcome;
        }
    }

    private final BatchCommitter<Move> committer;

    RequestMoves(Jdbi jdbi) {
        this.committer = new BatchCommitter<>(jdbi, "wallet-requests", RequestMoves::apply, IllegalStateException::new);
    }

    /** Moves the request and waits for the commit; empty when it was no longer in {@code move.from}. */
    Optional<Moved> move(Move move) {
        return committer.commit(move) ? Optional.of(move.moved) : Optional.empty();
    }

    @Override
    public void close() {
        committer.close();
    }

    /**
     * A batch's moves in one UPDATE: each row sets what its move carries (the verification time, the
     * choice, or the outcome) and keeps the other columns. The PAN and the webhook flag are read by the same
     * statement, only for the moves that need them.
     */
    static final String BATCH_SQL = "UPDATE center.wallet_requests r SET state = v.to_state, updated_at = v.now::timestamptz,"
            + " verified_at = CASE WHEN v.to_state = 'VERIFIED' THEN v.now::timestamptz ELSE r.verified_at END,"
            + " card_id = CASE WHEN v.chosen THEN v.card ELSE r.card_id END,"
            + " pan_masked = CASE WHEN v.chosen THEN v.masked ELSE r.pan_masked END,"
            + " payment_method = CASE WHEN v.chosen THEN v.method ELSE r.payment_method END,"
            + " installments = CASE WHEN v.chosen THEN v.inst::smallint ELSE r.installments END,"
            + " amount_minor = CASE WHEN v.chosen THEN v.amount::bigint ELSE r.amount_minor END,"
            + " items = CASE WHEN v.chosen THEN v.items::jsonb ELSE r.items END,"
            + " attempts = r.attempts + CASE WHEN v.chosen THEN 1 ELSE 0 END,"
            + " payment_id = CASE WHEN v.answered THEN v.pid ELSE r.payment_id END,"
            + " approval_code = CASE WHEN v.answered THEN v.ac ELSE r.approval_code END,"
            + " response_code = CASE WHEN v.answered THEN v.rc ELSE r.response_code END,"
            + " reason = CASE WHEN v.answered THEN v.reason ELSE r.reason END"
            + " FROM (SELECT u.id, u.from_state, u.to_state, u.now, u.card, u.masked, u.method, u.inst, u.amount, u.items, u.pid, u.ac,"
            + " u.rc, u.reason, u.chosen::boolean AS chosen, u.answered::boolean AS answered"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS u(id, from_state, to_state, now, card, masked, method, inst, amount, items, pid, ac, rc, reason, chosen, answered)) v"
            + " WHERE r.id = v.id AND r.state = v.from_state"
            + " RETURNING r.*,"
            + " CASE WHEN v.chosen THEN (SELECT c.pan_key FROM center.wallet_cards c WHERE c.id = r.card_id AND c.wallet_id = r.wallet_id)"
            + " END AS card_pan_key,"
            + " CASE WHEN v.chosen THEN (SELECT c.pan_encrypted FROM center.wallet_cards c WHERE c.id = r.card_id"
            + " AND c.wallet_id = r.wallet_id) END AS card_pan_encrypted,"
            + " CASE WHEN v.answered THEN coalesce((SELECT s.webhook_url IS NOT NULL FROM center.shops s"
            + " WHERE s.merchant_id = r.merchant_id), false) ELSE false END AS shop_has_webhook";

    private static final String[] COLUMNS = {"text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text",
            "text", "text", "text", "text", "text"};

    static Predicate<Move> apply(Connection c, List<Move> batch) throws SQLException {
        // A request moved twice by one UPDATE would come back once, as if both had moved it: a second move of
        // the same request in a batch (two taps at the same instant) is not tried; it is answered as one that
        // found the request moved already (the other tap's move decides).
        Map<String, Move> byId = new HashMap<>();
        ColumnArrays rows = new ColumnArrays(COLUMNS);
        for (Move m : batch) {
            if (byId.putIfAbsent(m.id, m) != null) {
                continue;
            }
            Optional<Choice> choice = m.choice;
            Optional<Outcome> outcome = m.outcome;
            rows.row(m.id, m.from.name(), m.to.name(), m.now.toString(),
                    choice.map(Choice::cardId).orElse(null), choice.map(Choice::panMasked).orElse(null),
                    choice.map(Choice::paymentMethod).orElse(null), choice.flatMap(Choice::installments).map(String::valueOf).orElse(null),
                    choice.map(x -> Long.toString(x.amountMinor())).orElse(null), choice.map(Choice::itemsJson).orElse(null),
                    outcome.flatMap(Outcome::paymentId).orElse(null), outcome.flatMap(Outcome::approvalCode).orElse(null),
                    outcome.map(Outcome::responseCode).orElse(null), outcome.map(Outcome::reason).orElse(null),
                    Boolean.toString(choice.isPresent()), Boolean.toString(outcome.isPresent()));
        }
        Map<Move, Boolean> applied = new java.util.IdentityHashMap<>();
        try (PreparedStatement st = c.prepareStatement(BATCH_SQL)) {
            rows.bind(c, st, 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Move m = byId.get(rs.getString("id"));
                    String key = rs.getString("card_pan_key");
                    m.moved = new Moved(RequestStore.map(rs), key == null ? Optional.empty()
                            : Optional.of(new EncryptedPan(key, rs.getBytes("card_pan_encrypted"))), rs.getBoolean("shop_has_webhook"));
                    applied.put(m, true);
                }
            }
        }
        return applied::containsKey;
    }
}
