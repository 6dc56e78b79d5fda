package io.kessai.issuer;

import static io.kessai.issuer.TestCards.CREDIT;
import static io.kessai.issuer.TestCards.CREDIT_PIN;
import static io.kessai.issuer.TestCards.CREDIT_WITH_PIN;
import static io.kessai.issuer.TestCards.DEBIT;
import static io.kessai.issuer.TestCards.DEBIT_PIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoFormatException;
import io.kessai.iso8583.IsoMessage;
import io.kessai.issuer.fault.TrafficFault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fault injection (per card and per share of traffic), and where card data must never show up. */
class IssuerFaultsAndSecrecyTest extends IssuerTestBase {

    @Test
    void aDelayedAnswerComesLateWithoutHoldingBackTheOthers() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage delayed = requests.authorization(TestCards.DELAYED, 100);
            long startNanos = System.nanoTime();
            acquirer.send(delayed);
            acquirer.send(requests.authorization(CREDIT, 100));
            IsoMessage first = acquirer.read();
            assertThat(first.get(DataElement.PAN)).isEqualTo(CREDIT);
            IsoMessage second = acquirer.read();
            long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
            assertAnswer(second, "0110", "00");
            assertThat(second.stan()).isEqualTo(delayed.stan());
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(TestCards.DELAY_MILLIS);
        }
    }

    @Test
    void aDroppedAnswerLeavesTheHoldForTheAcquirersReversal() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage dropped = requests.authorization(TestCards.DROPPED, 2_500);
            acquirer.send(Requests.copy(dropped));
            assertThat(acquirer.silentFor(1_000)).isTrue();
            assertThat(account(TestCards.DROPPED).heldMinor()).isEqualTo(2_500);
            acquirer.send(requests.reversal(dropped));
            assertThat(acquirer.silentFor(500)).as("the card's fault drops every answer about it").isTrue();
            // No answer to wait for: poll the ledger (the reversal may still be in the group commit under load).
            long deadlineNanos = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (account(TestCards.DROPPED).heldMinor() != 0 && System.nanoTime() < deadlineNanos) {
                Thread.sleep(20);
            }
            assertThat(account(TestCards.DROPPED).heldMinor()).isZero();
            assertAnswer(acquirer.exchange(requests.networkManagement("301")), "0810", "00");
        }
    }

    @Test
    void aClosingCardClosesTheConnection() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            acquirer.send(requests.authorization(TestCards.CLOSING, 100));
            assertThat(acquirer.readFrame(TestAcquirer.READ_TIMEOUT_MILLIS)).isNull();
        }
        try (TestAcquirer again = acquirer()) {
            assertAnswer(again.exchange(requests.authorization(CREDIT, 100)), "0110", "00");
        }
    }

    @Test
    void aGarbledAnswerIsAFrameThatDoesNotDecode() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            acquirer.send(requests.authorization(TestCards.GARBLED, 100));
            byte[] garbage = acquirer.readFrame(TestAcquirer.READ_TIMEOUT_MILLIS);
            assertThat(garbage).isNotEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dialects.kessai().decode(garbage))
                    .isInstanceOf(IsoFormatException.class);
            assertAnswer(acquirer.exchange(requests.authorization(CREDIT, 100)), "0110", "00");
        }
    }

    @Test
    void aShareOfTrafficCanBeFaultedButNeverNetworkManagement() throws Exception {
        restart(config().trafficFaults(List.of(TrafficFault.parse("drop@100"))).build());
        try (TestAcquirer acquirer = acquirer()) {
            acquirer.send(requests.authorization(CREDIT, 100));
            assertThat(acquirer.silentFor(800)).isTrue();
            assertAnswer(acquirer.exchange(requests.networkManagement("301")), "0810", "00");
        }
        assertThat(account(CREDIT).heldMinor()).isEqualTo(100);
    }

    @Test
    void noFullPanNoPinAndNoTrackInAnyTableOrLogLine() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            List<IsoMessage> traffic = new ArrayList<>();
            IsoMessage withPin = Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 1_234), CREDIT_PIN);
            traffic.add(withPin);
            traffic.add(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 1_234), "0000"));
            traffic.add(Requests.withPin(requests.financial(DEBIT, 2_000), DEBIT_PIN));
            IsoMessage swiped = requests.authorization(CREDIT, 777);
            swiped.remove(DataElement.PAN);
            swiped.set(DataElement.TRACK_2, CREDIT + "=28121010000012345");
            traffic.add(swiped);
            for (String pan : TestCards.pans()) {
                if (!List.of(TestCards.DELAYED, TestCards.DROPPED, TestCards.CLOSING, TestCards.GARBLED).contains(pan)) {
                    traffic.add(requests.authorization(pan, 100));
                }
            }
            traffic.add(requests.authorization(TestCards.NOT_ON_FILE, 100));
            for (IsoMessage request : traffic) {
                acquirer.exchange(request);
            }
            acquirer.exchange(requests.reversal(withPin));
            IsoMessage broken = requests.authorization(CREDIT, 100);
            broken.remove(DataElement.AMOUNT_TRANSACTION);
            assertAnswer(acquirer.exchange(broken), "0110", "30");
        }
        List<String> secrets = new ArrayList<>(TestCards.pans());
        secrets.add(TestCards.NOT_ON_FILE);
        secrets.add(CREDIT_PIN);
        secrets.add(DEBIT_PIN);
        secrets.add("=2812101");

        List<String> storedText = database.jdbi().withHandle(handle -> {
            List<String> tables = handle.createQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = :schema")
                    .bind("schema", schema.name()).mapTo(String.class).list();
            List<String> rows = new ArrayList<>();
            for (String table : tables) {
                rows.addAll(handle.createQuery("SELECT t::text FROM " + schema.name() + "." + table + " t")
                        .mapTo(String.class).list());
            }
            return rows;
        });
        assertThat(storedText).hasSizeGreaterThan(20);
        assertThat(String.join("\n", storedText)).contains(CREDIT.substring(0, 6) + "******" + CREDIT.substring(12));
        List<String> log = CapturedLog.lines();
        assertThat(log).isNotEmpty();
        for (String secret : secrets) {
            assertThat(storedText).as("tables").noneMatch(row -> row.contains(secret));
            assertThat(log).as("log").noneMatch(line -> line.contains(secret));
        }
    }
}
