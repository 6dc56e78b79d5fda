package io.kessai.issuer.store;

import io.kessai.card.CardDataException;
import io.kessai.card.ExpiryDate;
import io.kessai.db.Database;
import io.kessai.db.DatabaseException;
import io.kessai.issuer.account.AccountKind;
import io.kessai.issuer.account.AccountStatus;
import io.kessai.issuer.fault.Fault;
import io.kessai.issuer.ledger.AccountTerms;
import io.kessai.issuer.ledger.JournalEntry;
import io.kessai.issuer.ledger.Ledger;
import io.kessai.issuer.ledger.PanKey;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The issuer's tables in its own schema: migrations, the account rows, the replay of the journal at
 * start-up. The journal itself is written by the {@link JournalWriter}; this class writes it only
 * when loading the accounts file, in the same transaction as the accounts.
 */
public final class IssuerStore {
    private final Database database;
    private final Schema schema;

    public IssuerStore(Database database, Schema schema) {
        this.database = Objects.requireNonNull(database, "database");
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /** Creates or upgrades the schema (Flyway). */
    public void migrate() {
        database.migrate(schema.name(), Schema.MIGRATIONS);
    }

    public Schema schema() {
        return schema;
    }

    public Database database() {
        return database;
    }

    public List<StoredAccount> accounts() {
        return database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT account_key, masked_pan, expiry, status, kind, limit_minor, currency, "
                        + "pin_verification_value, issuer_code, fault FROM " + schema.table("account"))
                .map((rows, context) -> account(rows))
                .list());
    }

    /** Applies every journal entry in order to a ledger that holds the accounts already. */
    public long replay(Ledger ledger) {
        // A binary COPY stream rather than a cursor: the server produces rows while they are applied,
        // and numbers arrive as numbers (see JournalReader).
        try (Connection connection = database.dataSource().getConnection()) {
            try (Statement statement = connection.createStatement();
                    ResultSet last = statement.executeQuery("SELECT coalesce(max(seq), 0) FROM " + schema.table("journal"))) {
                last.next();
                ledger.expect(last.getLong(1));
            }
            JournalReader reader = new JournalReader(ledger::apply);
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + JournalRows.COLUMNS + " FROM "
                    + schema.table("journal") + " ORDER BY seq) TO STDOUT (FORMAT binary)", reader);
            reader.finish();
            return reader.entries();
        } catch (SQLException | IOException e) {
            throw new DatabaseException("cannot replay the journal of schema " + schema.name() + ": " + e.getMessage(), e);
        }
    }

    /** Upserts accounts and writes their PIN resets, in one transaction: all or nothing. */
    public void saveAccounts(List<StoredAccount> accounts, List<JournalEntry> pinResets) {
        database.jdbi().useTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO " + schema.table("account")
                    + " (account_key, masked_pan, expiry, status, kind, limit_minor, currency, pin_verification_value,"
                    + " issuer_code, fault) VALUES (:key, :masked, :expiry, :status, :kind, :limit, :currency, :pvv,"
                    + " :issuer, :fault) ON CONFLICT (account_key) DO UPDATE SET masked_pan = EXCLUDED.masked_pan,"
                    + " expiry = EXCLUDED.expiry, status = EXCLUDED.status, kind = EXCLUDED.kind,"
                    + " limit_minor = EXCLUDED.limit_minor, currency = EXCLUDED.currency,"
                    + " pin_verification_value = EXCLUDED.pin_verification_value, issuer_code = EXCLUDED.issuer_code,"
                    + " fault = EXCLUDED.fault, loaded_at = now()");
            for (StoredAccount account : accounts) {
                AccountTerms terms = account.terms();
                batch.bind("key", account.key().toBytes())
                        .bind("masked", terms.maskedPan())
                        .bind("expiry", terms.expiry().yymm())
                        .bind("status", terms.status().code())
                        .bind("kind", terms.kind().code())
                        .bind("limit", terms.limitMinor())
                        .bind("currency", terms.currency())
                        .bind("pvv", terms.pinVerificationValue())
                        .bind("issuer", terms.issuerCode())
                        .bind("fault", terms.fault() == null ? null : terms.fault().format())
                        .add();
            }
            if (!accounts.isEmpty()) {
                batch.execute();
            }
            insertEntries(handle, pinResets);
        });
    }

    private void insertEntries(Handle handle, List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        JournalRows rows = new JournalRows().begin();
        entries.forEach(rows::add);
        rows.end();
        try {
            CopyManager copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY " + schema.table("journal") + JournalRows.COPY_SUFFIX,
                    new ByteArrayInputStream(rows.buffer(), 0, rows.length()));
        } catch (SQLException | IOException e) {
            throw new DatabaseException("cannot write " + entries.size() + " journal entries: " + e.getMessage(), e);
        }
    }

    private static StoredAccount account(ResultSet rows) throws SQLException {
        PanKey key = PanKey.of(rows.getBytes("account_key"));
        ExpiryDate expiry;
        try {
            expiry = ExpiryDate.parseYymm(rows.getString("expiry"));
        } catch (CardDataException e) {
            throw new SQLException("account " + rows.getString("masked_pan") + ": stored expiry is not YYMM", e);
        }
        String fault = rows.getString("fault");
        AccountTerms terms = new AccountTerms(
                rows.getString("masked_pan"),
                expiry,
                AccountStatus.fromCode(rows.getString("status")).orElseThrow(),
                AccountKind.fromCode(rows.getString("kind")).orElseThrow(),
                rows.getLong("limit_minor"),
                rows.getString("currency"),
                rows.getBytes("pin_verification_value"),
                rows.getString("issuer_code"),
                fault == null ? null : Fault.parse(fault));
        return new StoredAccount(key, terms);
    }

}
