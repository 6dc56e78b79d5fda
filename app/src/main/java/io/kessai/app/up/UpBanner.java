package io.kessai.app.up;

import io.kessai.center.wiring.Center;
import io.kessai.db.Database;
import io.kessai.issuer.IssuerHost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** What {@code kessai up} prints once everything runs: where things are, and a first payment to paste. */
record UpBanner(PrintWriter out, Path data, DemoSetup demo, Center center, Database database, List<IssuerHost> issuers) {

    void print() {
        String base = "https://localhost:" + center.port();
        out.println();
        out.println("Kessai is up.");
        out.println();
        out.println("  center       " + base + "   (self-signed certificate: " + center.certificateFile() + ")");
        out.println("  terminal API " + base + "/v1/terminal/envelopes");
        out.println("  admin API    " + base + "/v1/admin   (token in " + data.resolve("center").resolve("admin-token") + ")");
        out.println("  wallet       " + base + "/wallet/enrol (enrol a phone)   " + base + "/wallet (the phone app)   " + base
                + "/pos (a shop's POS)   one-time codes and slips: " + data.resolve("center").resolve("wallet-mail"));
        out.println("  OpenAPI      " + base + "/openapi.json    health: " + base + "/health    metrics: " + base + "/metrics");
        out.println("  database     " + database.description());
        for (int i = 0; i < issuers.size(); i++) {
            DemoIssuer issuer = DemoIssuer.ALL.get(i);
            out.println("  issuer       " + issuer.id() + ": ISO 8583 on 127.0.0.1:" + issuers.get(i).port() + ", BINs "
                    + String.join(", ", issuer.binPrefixes()) + ", accounts in " + demo.accountsFile(issuer));
            for (DemoIssuer.DemoCard card : issuer.cards()) {
                out.println("                 " + card.pan() + " exp " + card.expiry() + ": " + card.behaviour());
            }
        }
        for (DemoSetup.DemoReader reader : DemoSetup.READERS) {
            out.println("  reader       " + reader.serial() + " (" + reader.scheme() + "): " + demo.readerFile(reader)
                    + ", phone " + reader.phoneAddress());
        }
        center.mail().ifPresent(mail -> {
            out.println("  mail in      SMTP " + DemoMailbox.HOST + ":" + mail.smtpPort().orElse(0) + " for " + UpCommand.DEMO_CENTER_ADDRESS
                    + " (STARTTLS with the center's certificate)");
            out.println("  mailbox      demo phones' mail: IMAP " + DemoMailbox.HOST + ":" + DemoMailbox.IMAP_PORT + ", SMTP relay "
                    + DemoMailbox.HOST + ":" + DemoMailbox.RELAY_PORT + " (user and password: the phone's address)");
        });
        DemoSetup.DemoReader first = DemoSetup.READERS.get(0);
        out.println();
        out.println("First payment (paste in another terminal):");
        out.println();
        out.println("  ./kessai terminal pay --reader " + demo.readerFile(first) + " --track2 '4111111111111111=30121010000012345678'"
                + " --amount 1000 --pin 1234 --center " + base + " --center-cert " + center.certificateFile());
        if (center.mail().isPresent()) {
            out.println();
            out.println("The same by e-mail (the seed's way: SMTP to the center, the result mail read over IMAP):");
            out.println();
            out.println("  ./kessai terminal pay --via email --reader " + demo.readerFile(first)
                    + " --track2 '4111111111111111=30121010000012345678' --amount 1000 --pin 1234 --phone-address " + first.phoneAddress()
                    + " --center-address " + UpCommand.DEMO_CENTER_ADDRESS + " --smtp " + DemoMailbox.HOST + ":"
                    + center.mail().get().smtpPort().orElse(0) + " --imap " + DemoMailbox.HOST + ":" + DemoMailbox.IMAP_PORT
                    + " --center-cert " + center.certificateFile());
        }
        out.println();
        out.println("A shop for wallet payments (the API key is printed once; then use /pos or ./kessai pos pay):");
        out.println();
        out.println("  curl -sk -X PUT -H \"Authorization: Bearer $(cat " + data.resolve("center").resolve("admin-token") + ")\" -H 'Content-Type: application/json'"
                + " -d '{\"url\":\"https://shop.example.jp\"}' " + base + "/v1/admin/shops/" + DemoSetup.MERCHANT_ID);
        out.println();
        out.println("Ctrl-C stops everything; the next './kessai up' finds the same data.");
        out.flush();
    }
}
