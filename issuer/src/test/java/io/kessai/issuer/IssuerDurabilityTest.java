package io.kessai.issuer;

import static io.kessai.issuer.TestCards.CREDIT;
import static io.kessai.issuer.TestCards.CREDIT_PIN;
import static io.kessai.issuer.TestCards.CREDIT_WITH_PIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import io.kessai.crypto.hsm.KeyType;
import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.link.LinkClient;
import io.kessai.iso8583.link.LinkClientConfig;
import io.kessai.iso8583.link.LinkListener;
import io.kessai.iso8583.link.LinkState;
import io.kessai.iso8583.link.iso.IsoLinkCodec;
import io.kessai.iso8583.link.iso.IsoNetworkManagement;
import io.kessai.issuer.store.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Restarts, reloads, keys, a failing journal and concurrent connections, over real TCP and PostgreSQL. */
class IssuerDurabilityTest extends IssuerTestBase {

    @Test
    void aRestartKeepsHoldsPinCountsAndAnswers() throws Exception {
        IsoMessage held = requests.authorization(CREDIT, 10_000);
        IsoMessage toComplete = requests.authorization(CREDIT, 5_000);
        String heldApproval;
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage answer = acquirer.exchange(Requests.copy(held));
            heldApproval = approvalCode(answer);
            assertAnswer(acquirer.exchange(Requests.copy(toComplete)), "0110", "00");
            assertAnswer(acquirer.exchange(requests.completion(toComplete, 4_000)), "0230", "00");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), "0000")), "0110", "55");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), "1111")), "0110", "55");
        }
        AccountView before = account(CREDIT);

        restart(config().build());

        assertThat(host.replayedEntries()).isEqualTo(5);
        assertThat(host.accountsUpdated()).isZero();
        assertThat(account(CREDIT)).isEqualTo(before);
        assertThat(account(CREDIT).heldMinor()).isEqualTo(10_000);
        assertThat(account(CREDIT).postedMinor()).isEqualTo(4_000);
        assertThat(account(CREDIT_WITH_PIN).pinFailures()).isEqualTo(2);
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage resent = acquirer.exchange(Requests.copy(held));
            assertThat(approvalCode(resent)).isEqualTo(heldApproval);
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), "2222")), "0110", "75");
            assertAnswer(acquirer.exchange(requests.reversal(held)), "0410", "00");
            IsoMessage fresh = acquirer.exchange(requests.authorization(CREDIT, 100));
            assertThat(approvalCode(fresh)).isNotIn(heldApproval);
        }
        assertThat(account(CREDIT).heldMinor()).isEqualTo(100);
    }

    @Test
    void reloadingTheAccountsFileChangesTermsKeepsHoldsAndANewPinLiftsTheLockout() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(requests.authorization(CREDIT, 30_000)), "0110", "00");
            for (String wrong : new String[] {"0000", "1111", "2222"}) {
                acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), wrong));
            }
        }
        assertThat(account(CREDIT_WITH_PIN).pinFailures()).isEqualTo(3);

        restart(config().build());
        assertThat(host.accountsUpdated()).as("same file, nothing to update").isZero();

        List<String> lines = new ArrayList<>(TestCards.lines());
        lines.replaceAll(line -> line.startsWith(CREDIT + ",") ? CREDIT + ",2812,active,credit,40000,JPY,ACME,," : line);
        lines.replaceAll(line -> line.startsWith(CREDIT_WITH_PIN + ",")
                ? CREDIT_WITH_PIN + ",2812,active,credit,100000,JPY,ACME,4455," : line);
        TestCards.write(accountsFile, lines);
        restart(config().build());

        assertThat(host.accountsUpdated()).isEqualTo(2);
        AccountView credit = account(CREDIT);
        assertThat(credit.limitMinor()).isEqualTo(40_000);
        assertThat(credit.heldMinor()).isEqualTo(30_000);
        assertThat(credit.openToBuyMinor()).isEqualTo(10_000);
        assertThat(account(CREDIT_WITH_PIN).pinFailures()).isZero();
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(requests.authorization(CREDIT, 10_001)), "0110", "51");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), CREDIT_PIN)),
                    "0110", "55");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), "4455")), "0110", "00");
        }
    }

    @Test
    void aBadAccountsFileStopsTheStartAndLoadsNothing() throws Exception {
        host.close();
        List<String> lines = new ArrayList<>(TestCards.lines());
        lines.add(TestCards.NOT_ON_FILE + ",2812,active,credit,1oo,392,ACME,,");
        TestCards.write(accountsFile, lines);
        schema = new Schema(schema.name() + "_bad");
        assertThatThrownBy(() -> IssuerHost.start(config().build(), database))
                .isInstanceOf(IssuerException.class)
                .hasMessage(accountsFile + " line " + lines.size() + ", column 5 (limit_minor): '1oo' is not a whole number "
                        + "of minor units (0..999999999999)");
        long accounts = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT count(*) FROM " + schema.name() + ".account").mapTo(Long.class).one());
        assertThat(accounts).isZero();
        host = null;
    }

    @Test
    void theSameZonePinKeyAgainIsFineADifferentOneIsRefused() throws Exception {
        restart(config().build());
        host.close();
        byte[] other = Hex.decode("11111111111111112222222222222222");
        IssuerConfig different = config().zonePinKey(new IssuerConfig.ZonePinKey(KeyType.ZPK_TDES, other)).build();
        assertThatThrownBy(() -> IssuerHost.start(different, database))
                .isInstanceOf(IssuerException.class)
                .hasMessageContaining("already holds zone PIN key issuer-zpk (zpk-tdes, kcv ")
                .hasMessageContaining("differs from --zpk (zpk-tdes, kcv ")
                .hasMessageNotContaining("1111111111111111");
        host = IssuerHost.start(config().zonePinKey(null).build(), database);
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), CREDIT_PIN)),
                    "0110", "00");
        }
    }

    @Test
    void withoutAZonePinKeyPinTransactionsAre96() throws Exception {
        host.close();
        IssuerConfig fresh = IssuerConfig.builder(dir.resolve("other-data")).schema(new Schema(schema.name() + "_nozpk"))
                .accountsFile(accountsFile).clock(TODAY).build();
        host = IssuerHost.start(fresh, database);
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), CREDIT_PIN)),
                    "0110", "96");
            assertAnswer(acquirer.exchange(requests.authorization(CREDIT, 100)), "0110", "00");
        }
    }

    @Test
    void aJournalThatCannotBeWrittenStopsTheHostWithoutAnsweringTheLostDecision() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(requests.authorization(CREDIT, 1_000)), "0110", "00");
            database.jdbi().useHandle(handle -> handle.execute("ALTER TABLE " + schema.name() + ".journal RENAME TO journal_away"));
            acquirer.send(requests.authorization(CREDIT, 2_000));
            assertThat(acquirer.readFrame(TestAcquirer.READ_TIMEOUT_MILLIS)).as("no answer, connection closed").isNull();
        }
        assertThat(host.awaitStop(10, TimeUnit.SECONDS)).isTrue();
        assertThat(host.failure()).hasMessageContaining("journal write failed");
        database.jdbi().useHandle(handle -> handle.execute("ALTER TABLE " + schema.name() + ".journal_away RENAME TO journal"));
        restart(config().build());
        assertThat(account(CREDIT).heldMinor()).as("only the acknowledged hold").isEqualTo(1_000);
    }

    @Test
    void concurrentPipelinedConnectionsNeverSpendMoreThanTheLimit() throws Exception {
        final int connections = 4;
        final int requestsPerConnection = 50;
        final long amount = 100;
        AtomicInteger stans = new AtomicInteger();
        List<LinkClient<IsoMessage>> clients = new ArrayList<>();
        List<CompletableFuture<IsoMessage>> answers = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                LinkClient<IsoMessage> client = LinkClient.start(LinkClientConfig.builder("127.0.0.1", host.port()).build(),
                        new IsoLinkCodec(Dialects.kessai()),
                        new IsoNetworkManagement(Dialects.kessai(), stans::incrementAndGet, Clock.systemUTC()),
                        LinkListener.silent());
                clients.add(client);
                assertThat(client.awaitState(LinkState.READY, 10_000)).isTrue();
            }
            Requests shared = new Requests();
            for (int i = 0; i < requestsPerConnection; i++) {
                for (LinkClient<IsoMessage> client : clients) {
                    IsoMessage request;
                    synchronized (shared) {
                        request = shared.authorization(TestCards.SMALL_LIMIT, amount).stan(stans.incrementAndGet());
                    }
                    answers.add(client.send(request));
                }
            }
            long approved = 0;
            for (CompletableFuture<IsoMessage> answer : answers) {
                IsoMessage response = answer.get(20, TimeUnit.SECONDS);
                assertThat(response.responseCode()).isIn("00", "51");
                approved += "00".equals(response.responseCode()) ? 1 : 0;
            }
            assertThat(approved).isEqualTo(3_000 / amount);
            assertThat(account(TestCards.SMALL_LIMIT).openToBuyMinor()).isZero();
        } finally {
            clients.forEach(LinkClient::close);
        }
    }
}
