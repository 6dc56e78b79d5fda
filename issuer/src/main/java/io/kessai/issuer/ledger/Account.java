package io.kessai.issuer.ledger;

import io.kessai.card.ExpiryDate;
import io.kessai.issuer.account.AccountKind;
import io.kessai.issuer.account.AccountStatus;
import io.kessai.issuer.fault.Fault;
import java.util.Objects;

/**
 * A card account in memory: what the accounts file says (status, limit, PIN verification value…)
 * and what the journal did to it (held and posted amounts, wrong-PIN count). Mutable; guarded by
 * its {@link Ledger}'s lock. Money in minor units of {@link #currency()}.
 */
public final class Account {
    private final PanKey key;
    /** Position in the ledger's account list: what an authorization keeps instead of a reference. */
    private final int id;
    private String maskedPan;
    private ExpiryDate expiry;
    private AccountStatus status;
    private AccountKind kind;
    private long limitMinor;
    private String currency;
    private byte[] pinVerificationValue;
    private String issuerCode;
    private Fault fault;
    private long heldMinor;
    private long postedMinor;
    private int pinFailures;

    Account(PanKey key, int id, AccountTerms terms) {
        this.key = Objects.requireNonNull(key, "key");
        this.id = id;
        update(terms);
    }

    int id() {
        return id;
    }

    /** New terms from the accounts file; holds, postings and the wrong-PIN count stay. */
    public void update(AccountTerms terms) {
        this.maskedPan = terms.maskedPan();
        this.expiry = terms.expiry();
        this.status = terms.status();
        this.kind = terms.kind();
        this.limitMinor = terms.limitMinor();
        this.currency = terms.currency();
        this.pinVerificationValue = terms.pinVerificationValue();
        this.issuerCode = terms.issuerCode();
        this.fault = terms.fault();
    }

    public AccountTerms terms() {
        return new AccountTerms(maskedPan, expiry, status, kind, limitMinor, currency, pinVerificationValue, issuerCode, fault);
    }

    /** Limit minus holds minus postings; negative when a reload lowered the limit below what is used. */
    public long openToBuyMinor() {
        return limitMinor - heldMinor - postedMinor;
    }

    void applyDeltas(long holdDeltaMinor, long postedDeltaMinor) {
        heldMinor += holdDeltaMinor;
        postedMinor += postedDeltaMinor;
        assert heldMinor >= 0 : "held amount went negative for " + maskedPan;
        assert postedMinor >= 0 : "posted amount went negative for " + maskedPan;
    }

    void pinFailures(int count) {
        assert count >= 0;
        this.pinFailures = count;
    }

    public PanKey key() {
        return key;
    }

    public String maskedPan() {
        return maskedPan;
    }

    public ExpiryDate expiry() {
        return expiry;
    }

    public AccountStatus status() {
        return status;
    }

    public AccountKind kind() {
        return kind;
    }

    public long limitMinor() {
        return limitMinor;
    }

    public String currency() {
        return currency;
    }

    /** Null when the card has no PIN. The array is the account's: do not change it. */
    public byte[] pinVerificationValue() {
        return pinVerificationValue;
    }

    public String issuerCode() {
        return issuerCode;
    }

    public Fault fault() {
        return fault;
    }

    public long heldMinor() {
        return heldMinor;
    }

    public long postedMinor() {
        return postedMinor;
    }

    public int pinFailures() {
        return pinFailures;
    }

    @Override
    public String toString() {
        return "Account[" + maskedPan + ", " + status.code() + ", " + kind.code() + "]";
    }
}
