package io.kessai.issuer.ledger;

import io.kessai.card.ExpiryDate;
import io.kessai.issuer.account.AccountKind;
import io.kessai.issuer.account.AccountStatus;
import io.kessai.issuer.fault.Fault;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the accounts file sets for a card, as the store keeps it: no PAN (masked only), no PIN
 * (its verification value only).
 *
 * @param pinVerificationValue from {@code Hsm.pinVerificationValue}, or null for a card without PIN
 * @param fault the card's fault, or null
 */
public record AccountTerms(
        String maskedPan, ExpiryDate expiry, AccountStatus status, AccountKind kind, long limitMinor,
        String currency, byte[] pinVerificationValue, String issuerCode, Fault fault) {

    public AccountTerms {
        Objects.requireNonNull(maskedPan, "maskedPan");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(issuerCode, "issuerCode");
    }

    /** Same PIN verification value (both absent counts as same). */
    public boolean samePin(AccountTerms other) {
        return Arrays.equals(pinVerificationValue, other.pinVerificationValue);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountTerms that && maskedPan.equals(that.maskedPan) && expiry.equals(that.expiry)
                && status == that.status && kind == that.kind && limitMinor == that.limitMinor
                && currency.equals(that.currency) && samePin(that) && issuerCode.equals(that.issuerCode)
                && Objects.equals(fault, that.fault);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maskedPan, expiry, status, kind, limitMinor, currency, Arrays.hashCode(pinVerificationValue),
                issuerCode, fault);
    }

    @Override
    public String toString() {
        return "AccountTerms[" + maskedPan + ", " + status.code() + ", " + kind.code() + ", limit " + limitMinor + "]";
    }
}
