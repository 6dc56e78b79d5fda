package io.kessai.issuer;

import io.kessai.crypto.hsm.HsmException;
import io.kessai.issuer.account.AccountLine;
import io.kessai.issuer.account.AccountsFile;
import io.kessai.issuer.account.AccountsFileException;
import io.kessai.issuer.keys.IssuerKeys;
import io.kessai.issuer.ledger.Account;
import io.kessai.issuer.ledger.AccountTerms;
import io.kessai.issuer.ledger.EntryKind;
import io.kessai.issuer.ledger.JournalEntry;
import io.kessai.issuer.ledger.Ledger;
import io.kessai.issuer.ledger.PanKey;
import io.kessai.issuer.store.IssuerStore;
import io.kessai.issuer.store.StoredAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the accounts file into the store and the ledger: new cards are added, known cards get the
 * file's terms (status, limit, expiry, PIN…) and keep their holds and postings; cards missing from
 * the file are left as they are. Idempotent: loading the same file twice changes nothing. A card
 * whose PIN changed starts again with no wrong PINs (that is how a PIN lockout is lifted).
 *
 * <p>Clear PINs become PIN verification values inside the HSM and are wiped at once; nothing is
 * written unless the whole file is good.
 */
final class AccountLoader {
    /** What a load did, for the start-up banner. */
    record Result(int added, int updated, int unchanged) {}

    private AccountLoader() {}

    /** Call with no decisions running (start-up, or under the engine's decision lock). */
    static Result load(Path file, IssuerKeys keys, IssuerStore store, Ledger ledger) throws IssuerException {
        List<AccountLine> lines;
        try {
            lines = AccountsFile.read(file);
        } catch (AccountsFileException e) {
            throw new IssuerException(e.getMessage(), e);
        }
        List<StoredAccount> changed = new ArrayList<>();
        List<JournalEntry> pinResets = new ArrayList<>();
        int added = 0;
        int unchanged = 0;
        try {
            for (AccountLine line : lines) {
                PanKey key = keys.panIndex().keyOf(line.pan());
                AccountTerms terms = terms(line, keys);
                Account existing = ledger.account(key);
                if (existing == null) {
                    added++;
                    changed.add(new StoredAccount(key, terms));
                } else if (existing.terms().equals(terms)) {
                    unchanged++;
                } else {
                    changed.add(new StoredAccount(key, terms));
                    if (!existing.terms().samePin(terms) && existing.pinFailures() > 0) {
                        pinResets.add(pinReset(ledger.nextSeq() + pinResets.size(), key, terms));
                    }
                }
            }
        } finally {
            lines.forEach(AccountLine::wipePin);
        }
        store.saveAccounts(changed, pinResets);
        for (StoredAccount account : changed) {
            ledger.putAccount(account.key(), account.terms());
        }
        pinResets.forEach(ledger::apply);
        return new Result(added, changed.size() - added, unchanged);
    }

    private static AccountTerms terms(AccountLine line, IssuerKeys keys) throws IssuerException {
        byte[] pinVerificationValue = null;
        if (line.pin() != null) {
            try {
                pinVerificationValue = keys.hsm().pinVerificationValue(IssuerKeys.PVK_NAME, line.pan(), line.pin());
            } catch (HsmException e) {
                throw new IssuerException("accounts file line " + line.lineNumber() + ": " + e.getMessage(), e);
            } finally {
                line.wipePin();
            }
        }
        return new AccountTerms(line.pan().masked(), line.expiry(), line.status(), line.kind(), line.limitMinor(),
                line.currency(), pinVerificationValue, line.issuerCode(), line.fault());
    }

    private static JournalEntry pinReset(long seq, PanKey key, AccountTerms terms) {
        return new JournalEntry(seq, EntryKind.PIN_RESET, "", null, 0, JournalEntry.NO_STAN, null, key,
                terms.maskedPan(), 0, terms.currency(), "00", null, 0, 0, 0, 0);
    }
}
