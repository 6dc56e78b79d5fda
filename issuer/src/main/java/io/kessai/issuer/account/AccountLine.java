package io.kessai.issuer.account;

import io.kessai.card.Bytes;
import io.kessai.card.ExpiryDate;
import io.kessai.card.Pan;
import io.kessai.issuer.fault.Fault;
import java.util.Objects;

/**
 * One card account as the accounts file gives it. Holds the clear PIN of test and demo data until
 * the loader has turned it into a PIN verification value; {@link #wipePin()} then zeroes it.
 * {@link #toString()} shows the masked PAN only.
 *
 * @param pin 4–12 digits, or null when the card has no PIN
 * @param fault the card's fault, or null
 */
public record AccountLine(
        int lineNumber, Pan pan, ExpiryDate expiry, AccountStatus status, AccountKind kind, long limitMinor,
        String currency, char[] pin, String issuerCode, Fault fault) {

    public AccountLine {
        Objects.requireNonNull(pan, "pan");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(issuerCode, "issuerCode");
        if (limitMinor < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    public void wipePin() {
        Bytes.wipe(pin);
    }

    @Override
    public String toString() {
        return "AccountLine[line " + lineNumber + ", " + pan.masked() + ", " + status.code() + ", " + kind.code() + "]";
    }
}
