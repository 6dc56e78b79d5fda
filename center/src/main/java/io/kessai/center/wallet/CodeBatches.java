package io.kessai.center.wallet;

import io.kessai.center.ops.BatchCommitter;
import io.kessai.center.ops.ColumnArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The counter code's two writes by group commit (ADR 0019), the statements for {@link BatchCommitter}:
 * S1, a phone's new code ({@link WalletStore#insertCode}), and S3–S5, a shop using a code up with its
 * request stored ({@link RequestStore#insertForCode}). Each is one statement for all the phones or shops
 * of a batch, with the same conditions per row as the statement for one row had. A second write of the
 * same digits in one batch is not tried: it is answered as one that found the digits taken or the code
 * used (the first write of the batch decides), which is what running it after the first would give.
 */
final class CodeBatches {
    private CodeBatches() {}

    /** S1: a new code for a wallet. */
    record NewCode(String digits, String walletId, Instant expiresAt, Instant now) {}

    static final String NEW_CODES_SQL = "INSERT INTO center.wallet_codes (digits, wallet_id, expires_at, created_at)"
            + " SELECT v.d, v.w, v.e::timestamptz, v.now::timestamptz FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS v(d, w, e, now)"
            + " ON CONFLICT (digits) DO UPDATE SET wallet_id = EXCLUDED.wallet_id, expires_at = EXCLUDED.expires_at,"
            + " created_at = EXCLUDED.created_at, used_at = NULL"
            + " WHERE center.wallet_codes.expires_at < EXCLUDED.created_at - make_interval(secs => ?)"
            + " RETURNING digits";

    /** Inserts the batch's codes; a code took effect when its digits came back (stored, or an old code's digits taken over). */
    static Predicate<NewCode> newCodes(Connection c, List<NewCode> batch) throws SQLException {
        Map<String, NewCode> byDigits = new HashMap<>();
        ColumnArrays rows = new ColumnArrays(new String[] {"text", "text", "text", "text"});
        for (NewCode code : batch) {
            if (byDigits.putIfAbsent(code.digits(), code) == null) {
                rows.row(code.digits(), code.walletId(), code.expiresAt().toString(), code.now().toString());
            }
        }
        try (PreparedStatement st = c.prepareStatement(NEW_CODES_SQL)) {
            int next = rows.bind(c, st, 1);
            st.setLong(next, WalletStore.CODE_KEPT_AFTER_EXPIRY.toSeconds());
            return returned(st, byDigits, (write, rs) -> {});
        }
    }

    /** S3–S5: a shop's request for the wallet whose code it was given; the writer sets {@link #used} when the code was used. */
    static final class CounterRequest {
        final WalletRequest request;
        final String digits;
        volatile RequestStore.UsedCode used;

        CounterRequest(WalletRequest request, String digits) {
            if (request.walletId().isPresent() || request.channel() != WalletRequest.Channel.POS) {
                throw new IllegalArgumentException("a counter request takes its wallet from the code: " + request.id());
            }
            this.request = request;
            this.digits = digits;
        }
    }

    static final String COUNTER_REQUESTS_SQL = "WITH v AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS u(digits, id, m, c, t, s, a, cur, items, d, ret, now, exp)),"
            + " used AS (UPDATE center.wallet_codes c SET used_at = v.now::timestamptz FROM v, center.wallets w"
            + " WHERE c.digits = v.digits AND c.used_at IS NULL AND c.expires_at > v.now::timestamptz AND w.id = c.wallet_id"
            + " RETURNING c.digits, c.wallet_id, w.status),"
            + " inserted AS (" + RequestStore.INSERT_COLUMNS + " SELECT v.id, v.m, v.c, v.t, used.wallet_id, v.s, v.a::bigint, v.cur,"
            + " v.items::jsonb, v.d, v.ret, v.now::timestamptz, v.now::timestamptz, v.exp::timestamptz"
            + " FROM used JOIN v ON v.digits = used.digits WHERE used.status = 'ACTIVE')"
            + " SELECT digits, wallet_id, status FROM used";

    /**
     * Uses the batch's codes up and stores the requests of those whose wallet is active; a write took effect
     * when its code was used (its wallet and that wallet's status are then in {@link CounterRequest#used}).
     */
    static Predicate<CounterRequest> counterRequests(Connection c, List<CounterRequest> batch) throws SQLException {
        Map<String, CounterRequest> byDigits = new HashMap<>();
        ColumnArrays rows = new ColumnArrays(new String[] {"text", "text", "text", "text", "text", "text", "text", "text", "text", "text",
                "text", "text", "text"});
        for (CounterRequest write : batch) {
            if (byDigits.putIfAbsent(write.digits, write) != null) {
                continue;
            }
            WalletRequest r = write.request;
            rows.row(write.digits, r.id(), r.merchantId(), r.channel().name(), r.terminalId(), r.state().name(),
                    r.amountMinor().map(String::valueOf).orElse(null), r.currency(), RequestStore.linesJson(r.lines()), r.description(),
                    r.returnUrl().orElse(null), r.createdAt().toString(), r.expiresAt().toString());
        }
        try (PreparedStatement st = c.prepareStatement(COUNTER_REQUESTS_SQL)) {
            rows.bind(c, st, 1);
            return returned(st, byDigits, (write, rs) -> write.used = new RequestStore.UsedCode(rs.getString(2), rs.getString(3)));
        }
    }

    /** What a returned row tells its write (besides that it took effect). */
    @FunctionalInterface
    private interface Result<W> {
        void set(W write, ResultSet rs) throws SQLException;
    }

    /** Runs the statement; a write took effect when its digits (the first column) came back. */
    private static <W> Predicate<W> returned(PreparedStatement st, Map<String, W> byDigits, Result<W> result) throws SQLException {
        Map<W, Boolean> applied = new IdentityHashMap<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                W write = byDigits.get(rs.getString(1));
                result.set(write, rs);
                applied.put(write, true);
            }
        }
        return applied::containsKey;
    }
}
