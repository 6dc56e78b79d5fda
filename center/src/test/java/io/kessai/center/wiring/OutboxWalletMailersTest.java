package io.kessai.center.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.center.mail.MailComposer;
import io.kessai.center.mail.MailStore;
import io.kessai.center.wallet.OneTimeCodeSender;
import io.kessai.center.wallet.WalletMailers;
import io.kessai.db.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wallet's codes and slips go into the mail channel's durable outbox, not straight to a relay. */
class OutboxWalletMailersTest {
    private static Database db;
    private static WalletMailers mailers;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("outbox-wallet");
        db = Database.embedded(dir.resolve("pg"), 0, 2);
        db.migrate("center", "classpath:db/center");
        mailers = OutboxWalletMailers.of(new MailStore(db.jdbi(), Clock.systemUTC()),
                new MailComposer("pay@kessai.test", "Kessai Test", Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aOneTimeCodeAndASlipAreStoredForTheOutboxWorkers() throws Exception {
        mailers.codes().sendOneTimeCode("+819011112222", "owner@example.jp", "482913", Duration.ofMinutes(10));
        mailers.receipts().sendReceipt("owner@example.jp", "Kessai slip / 利用票", "Thank you", "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII),
                "slip.pdf");

        List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery("SELECT kind, recipient, state, raw FROM center.mail_outbox"
                + " WHERE recipient = 'owner@example.jp' ORDER BY id").mapToMap().list());
        assertThat(rows).extracting(r -> r.get("kind")).containsExactly("WALLET_CODE", "WALLET_SLIP");
        assertThat(rows).extracting(r -> r.get("state")).containsOnly("PENDING");
        String code = new String((byte[]) rows.get(0).get("raw"), StandardCharsets.US_ASCII);
        assertThat(code).contains("Auto-Submitted: auto-replied").contains("To: owner@example.jp");
        String slip = new String((byte[]) rows.get(1).get("raw"), StandardCharsets.US_ASCII);
        assertThat(slip).contains("application/pdf").contains("slip.pdf");
    }

    @Test
    void anAddressThatIsNoAddressIsADeliveryFailureAndQueuesNothing() throws Exception {
        long before = outboxRows();
        assertThatThrownBy(() -> mailers.codes().sendOneTimeCode("+819011112222", "not an address@@", "111111", Duration.ofMinutes(10)))
                .isInstanceOf(OneTimeCodeSender.DeliveryException.class)
                .hasMessageContaining("the verification code could not be queued");
        assertThat(outboxRows()).isEqualTo(before);
    }

    private static long outboxRows() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM center.mail_outbox").mapTo(Long.class).one());
    }
}
