package io.kessai.app.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.app.wallet.WalletWorld.Enrolled;
import io.kessai.app.wallet.WalletWorld.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A crash while a wallet payment is with the card company: after the restart the request takes the
 * outcome of its journal attempt, and one that never completed is open again for another try.
 */
class WalletRecoveryTest {
    static WalletWorld world;

    @BeforeAll
    static void start() throws Exception {
        // One node: at start it takes over at once (several nodes wait KESSAI_RECOVERY_GRACE_SECONDS).
        world = new WalletWorld(Map.of("KESSAI_SINGLE_NODE", "true"));
        world.registerShops("http://127.0.0.1:9/unused");
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    String verifiedRequest(Enrolled wallet, String pin, long amount) throws Exception {
        Reply asked = world.call("POST", "/v1/pos/requests", Map.of("merchantId", WalletWorld.SHOP, "code", world.counterCode(wallet),
                "amountMinor", amount), world.shopKey, Map.of());
        String id = asked.json().get("id").asText();
        assertThat(world.call("POST", "/v1/wallet/requests/" + id + "/verify", Map.of("pin", pin), wallet.token(), Map.of()).status())
                .isEqualTo(200);
        return id;
    }

    @Test
    void aRestartFinishesRequestsACrashLeftWithTheCardCompany() throws Exception {
        Enrolled wallet = world.enrol("+819066660001", "4444", WalletWorld.VISA);
        String card = wallet.cardIds().get(WalletWorld.VISA);
        // One the journal completed just before the crash: the request had not been moved yet.
        String completed = verifiedRequest(wallet, "4444", 700);
        Reply paid = world.call("POST", "/v1/wallet/requests/" + completed + "/pay", Map.of("cardId", card, "paymentMethod", "10",
                "confirmedAmountMinor", 700), wallet.token(), Map.of());
        String approval = paid.json().get("approvalCode").asText();
        // One that crashed before anything was journaled.
        String interrupted = verifiedRequest(wallet, "4444", 800);
        world.center.database().jdbi().useHandle(h -> {
            h.createUpdate("UPDATE center.wallet_requests SET state = 'AUTHORIZING', payment_id = NULL, approval_code = NULL WHERE id = :id")
                    .bind("id", completed).execute();
            h.createUpdate("UPDATE center.wallet_requests SET state = 'AUTHORIZING', attempts = 1 WHERE id = :id")
                    .bind("id", interrupted).execute();
        });

        world.restartCenter();

        Reply first = world.call("GET", "/v1/shop/payments/" + completed, null, world.shopKey, Map.of());
        assertThat(first.json().get("state").asText()).isEqualTo("completed");
        assertThat(first.json().get("approvalCode").asText()).isEqualTo(approval);
        Reply second = world.call("GET", "/v1/shop/payments/" + interrupted, null, world.shopKey, Map.of());
        assertThat(second.json().get("state").asText()).isEqualTo("declined");
        assertThat(second.json().get("declineReason").asText()).isEqualTo("interrupted");
        Reply retried = world.call("POST", "/v1/wallet/requests/" + interrupted + "/pay", Map.of("cardId", card, "paymentMethod", "10",
                "confirmedAmountMinor", 800), wallet.token(), Map.of());
        assertThat(retried.json().get("state").asText()).as(retried.text()).isEqualTo("completed");
        assertThat(retried.json().get("attempts").asInt()).isEqualTo(2);
    }
}
