package io.kessai.app.up;

import io.kessai.crypto.hsm.KeyType;
import java.util.List;

/**
 * One of the two demo card companies of {@code kessai up}: a Visa-like and a JCB-like range, each with
 * its own ISO 8583 port, zone PIN key type and cards (REFERENCE §3: test card numbers, Luhn-valid).
 */
record DemoIssuer(String id, String name, int port, KeyType zpkType, String issuerCode, List<String> binPrefixes,
        List<DemoCard> cards) {

    /** A demo card and what it does, for the start-up banner. */
    record DemoCard(String pan, String expiry, String status, String kind, long limitMinor, String pin, String behaviour) {}

    static final List<DemoIssuer> ALL = List.of(
            new DemoIssuer("visa-demo", "Kessai Demo Visa-like Card Co.", 18583, KeyType.ZPK_TDES, "VISADEMO",
                    List.of("411111", "40128888", "42424242"),
                    List.of(
                            new DemoCard("4111111111111111", "3012", "active", "credit", 500_000, "1234", "approves (PIN 1234 optional)"),
                            new DemoCard("4012888888881881", "3012", "active", "credit", 1_000, "", "declines above ¥1,000 (51)"),
                            new DemoCard("4242424242424242", "3012", "active", "debit", 300_000, "1234", "debit: needs PIN 1234"),
                            new DemoCard("4111119999999994", "3012", "stolen", "credit", 500_000, "", "stolen (43)"))),
            new DemoIssuer("jcb-demo", "Kessai Demo JCB-like Card Co.", 18584, KeyType.ZPK_AES128, "JCBDEMO",
                    List.of("353011", "356600"),
                    List.of(
                            new DemoCard("3530111333300000", "3012", "active", "credit", 800_000, "4321", "approves (PIN 4321 optional)"),
                            new DemoCard("3566002020360505", "2001", "active", "credit", 800_000, "", "expired (54)"),
                            new DemoCard("3530115555555555", "3012", "lost", "credit", 800_000, "", "lost (41)"))));

    String accountsCsv() {
        StringBuilder csv = new StringBuilder("# Demo accounts of " + name + " (kessai up). Test data only.\n");
        csv.append("pan,expiry,status,kind,limit_minor,currency,issuer_code,pin\n");
        for (DemoCard card : cards) {
            csv.append(card.pan()).append(',').append(card.expiry()).append(',').append(card.status()).append(',')
                    .append(card.kind()).append(',').append(card.limitMinor()).append(",JPY,").append(issuerCode).append(',')
                    .append(card.pin()).append('\n');
        }
        return csv.toString();
    }
}
