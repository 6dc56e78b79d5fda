package io.kessai.issuer;

import static io.kessai.issuer.TestCards.CREDIT;
import static io.kessai.issuer.TestCards.CREDIT_PIN;
import static io.kessai.issuer.TestCards.CREDIT_WITH_PIN;
import static io.kessai.issuer.TestCards.DEBIT;
import static io.kessai.issuer.TestCards.DEBIT_PIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.IsoMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every DE 39 decision of docs/issuer.md, each over a real TCP connection to a running host. */
class IssuerDecisionsTest extends IssuerTestBase {

    @Test
    void approvesWithAHoldOnOpenToBuyAndASixCharacterApprovalCode() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage request = requests.authorization(CREDIT, 12_000);
            IsoMessage response = acquirer.exchange(request);
            assertAnswer(response, "0110", "00");
            assertThat(approvalCode(response)).matches("[0-9A-Z]{6}");
            assertThat(response.stan()).isEqualTo(request.stan());
            assertThat(response.amountMinor()).isEqualTo(12_000);
            AccountView account = account(CREDIT);
            assertThat(account.heldMinor()).isEqualTo(12_000);
            assertThat(account.openToBuyMinor()).isEqualTo(88_000);

            IsoMessage second = acquirer.exchange(requests.authorization(CREDIT, 1_000));
            assertAnswer(second, "0110", "00");
            assertThat(approvalCode(second)).isNotEqualTo(approvalCode(response));
        }
    }

    @Test
    void unknownOrInvalidCardNumberIs14() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(requests.authorization(TestCards.NOT_ON_FILE, 100)), "0110", "14");
            String badLuhn = CREDIT.substring(0, 15) + ((CREDIT.charAt(15) - '0' + 1) % 10);
            assertAnswer(acquirer.exchange(requests.authorization(badLuhn, 100)), "0110", "14");
        }
    }

    @Test
    void expiredCardOrWrongExpiryIs54() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(requests.authorization(TestCards.EXPIRED, 100)), "0110", "54");
            IsoMessage wrongExpiry = requests.authorization(CREDIT, 100).set(DataElement.EXPIRATION_DATE, "2711");
            assertAnswer(acquirer.exchange(wrongExpiry), "0110", "54");
            IsoMessage rightExpiry = requests.authorization(CREDIT, 100).set(DataElement.EXPIRATION_DATE, "2812");
            assertAnswer(acquirer.exchange(rightExpiry), "0110", "00");
        }
    }

    @Test
    void trackTwoCarriesTheCardAndItsExpiry() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage swiped = requests.authorization(CREDIT, 100);
            swiped.remove(DataElement.PAN);
            swiped.set(DataElement.TRACK_2, CREDIT + "=28121010000000000");
            assertAnswer(acquirer.exchange(swiped), "0110", "00");
            IsoMessage oldCard = requests.authorization(CREDIT, 100);
            oldCard.remove(DataElement.PAN);
            oldCard.set(DataElement.TRACK_2, CREDIT + "=25121010000000000");
            assertAnswer(acquirer.exchange(oldCard), "0110", "54");
        }
    }

    @Test
    void lostStolenAndBlockedCards() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(requests.authorization(TestCards.LOST, 100)), "0110", "41");
            assertAnswer(acquirer.exchange(requests.authorization(TestCards.STOLEN, 100)), "0110", "43");
            assertAnswer(acquirer.exchange(requests.authorization(TestCards.BLOCKED, 100)), "0110", "62");
        }
    }

    @Test
    void insufficientOpenToBuyIs51AndPutsNoHold() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(requests.authorization(TestCards.SMALL_LIMIT, 2_000)), "0110", "00");
            IsoMessage declined = acquirer.exchange(requests.authorization(TestCards.SMALL_LIMIT, 1_001));
            assertAnswer(declined, "0110", "51");
            assertThat(approvalCode(declined)).isNull();
            assertAnswer(acquirer.exchange(requests.authorization(TestCards.SMALL_LIMIT, 1_000)), "0110", "00");
            assertThat(account(TestCards.SMALL_LIMIT).openToBuyMinor()).isZero();
        }
    }

    @Test
    void wrongPinIs55AndTheThirdInARowIs75ThenThePinStaysLocked() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), "0000")), "0110", "55");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), "1111")), "0110", "55");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), "2222")), "0110", "75");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), CREDIT_PIN)),
                    "0110", "75");
            assertThat(account(CREDIT_WITH_PIN).pinFailures()).isEqualTo(3);
            // The card itself is not blocked: a credit purchase without PIN still goes through.
            assertAnswer(acquirer.exchange(requests.authorization(CREDIT_WITH_PIN, 100)), "0110", "00");
        }
    }

    @Test
    void aCorrectPinBeforeLockoutStartsTheCountAgain() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), "0000")), "0110", "55");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), "1111")), "0110", "55");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), CREDIT_PIN)),
                    "0110", "00");
            assertThat(account(CREDIT_WITH_PIN).pinFailures()).isZero();
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), "2222")), "0110", "55");
        }
    }

    @Test
    void debitNeedsItsPin() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(requests.authorization(DEBIT, 1_000)), "0110", "55");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(DEBIT, 1_000), DEBIT_PIN)), "0110", "00");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.financial(DEBIT, 2_000), DEBIT_PIN)), "0210", "00");
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(DEBIT, 47_001), DEBIT_PIN)), "0110", "51");
            AccountView account = account(DEBIT);
            assertThat(account.heldMinor()).isEqualTo(1_000);
            assertThat(account.postedMinor()).isEqualTo(2_000);
        }
    }

    @Test
    void aPinForACardWithoutOneIs55() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(Requests.withPin(requests.authorization(CREDIT, 100), "1234")), "0110", "55");
        }
    }

    @Test
    void missingFieldsAreAFormatError() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage noAmount = requests.authorization(CREDIT, 100);
            noAmount.remove(DataElement.AMOUNT_TRANSACTION);
            assertAnswer(acquirer.exchange(noAmount), "0110", "30");
            IsoMessage noCard = requests.authorization(CREDIT, 100);
            noCard.remove(DataElement.PAN);
            assertAnswer(acquirer.exchange(noCard), "0110", "30");
            IsoMessage pinWithoutControl = Requests.withPin(requests.authorization(CREDIT_WITH_PIN, 100), CREDIT_PIN);
            pinWithoutControl.remove(DataElement.SECURITY_CONTROL);
            assertAnswer(acquirer.exchange(pinWithoutControl), "0110", "30");
            IsoMessage reversalWithoutOriginal = requests.reversal(requests.authorization(CREDIT, 100));
            reversalWithoutOriginal.remove(DataElement.ORIGINAL_DATA_ELEMENTS);
            reversalWithoutOriginal.remove(DataElement.RETRIEVAL_REFERENCE_NUMBER);
            assertAnswer(acquirer.exchange(reversalWithoutOriginal), "0410", "30");
            assertThat(account(CREDIT).heldMinor()).isZero();
        }
    }

    @Test
    void aMessageThatDoesNotDecodeIsAnswered30WhenItsMtiCanBeRead() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            acquirer.sendFrame("0100Z000000000000000".getBytes(StandardCharsets.US_ASCII)); // bitmap not hex
            IsoMessage answer = acquirer.read();
            assertAnswer(answer, "0110", "30");
            assertAnswer(acquirer.exchange(requests.authorization(CREDIT, 100)), "0110", "00");
        }
    }

    @Test
    void aFrameWithoutAnMtiClosesTheConnection() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            acquirer.sendFrame("HELLO".getBytes(StandardCharsets.US_ASCII));
            assertThat(acquirer.readFrame(TestAcquirer.READ_TIMEOUT_MILLIS)).isNull();
        }
    }

    @Test
    void otherCurrencyOrProcessingCodeAreRefusedAndAZeroFinancialIs13() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage dollars = requests.authorization(CREDIT, 100).set(DataElement.CURRENCY_CODE_TRANSACTION, "840");
            assertAnswer(acquirer.exchange(dollars), "0110", "12");
            IsoMessage refund = requests.authorization(CREDIT, 100).set(DataElement.PROCESSING_CODE, "200000");
            assertAnswer(acquirer.exchange(refund), "0110", "12");
            assertAnswer(acquirer.exchange(requests.authorization(CREDIT, 0).mti("0200")), "0210", "13");
            assertAnswer(acquirer.exchange(requests.authorization(CREDIT, 100).mti("0600")), "0610", "12");
        }
    }

    @Test
    void aZeroAmountAuthorizationIsAnAccountVerificationAnswered85WithoutAHold() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage verified = acquirer.exchange(requests.authorization(CREDIT, 0));
            assertAnswer(verified, "0110", "85");
            assertThat(approvalCode(verified)).isNull();
            assertThat(account(CREDIT).heldMinor()).isZero();
            assertThat(account(CREDIT).openToBuyMinor()).isEqualTo(100_000);
            // The card checks still apply: a verification tells the wallet which cards cannot be used.
            assertAnswer(acquirer.exchange(requests.authorization(TestCards.EXPIRED, 0)), "0110", "54");
            assertAnswer(acquirer.exchange(requests.authorization(TestCards.LOST, 0)), "0110", "41");
            assertAnswer(acquirer.exchange(requests.authorization(TestCards.NOT_ON_FILE, 0)), "0110", "14");
        }
    }

    @Test
    void aReusedKeyWithOtherContentIs94AndAnExactResendGetsTheFirstAnswer() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage original = requests.authorization(CREDIT, 5_000);
            IsoMessage first = acquirer.exchange(Requests.copy(original));
            assertAnswer(first, "0110", "00");

            IsoMessage resent = acquirer.exchange(Requests.copy(original));
            assertAnswer(resent, "0110", "00");
            assertThat(approvalCode(resent)).isEqualTo(approvalCode(first));
            IsoMessage repeat = acquirer.exchange(Requests.copy(original).mti("0101"));
            assertAnswer(repeat, "0110", "00");
            assertThat(approvalCode(repeat)).isEqualTo(approvalCode(first));

            IsoMessage sameKeyOtherAmount = Requests.copy(original).amountMinor(5_001);
            IsoMessage duplicate = acquirer.exchange(sameKeyOtherAmount);
            assertAnswer(duplicate, "0110", "94");
            assertThat(approvalCode(duplicate)).isNull();
            assertThat(account(CREDIT).heldMinor()).isEqualTo(5_000);
        }
    }

    @Test
    void aCompletionSettlesTheHoldAtTheFinalAmountOnce() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage authorization = requests.authorization(CREDIT, 10_000);
            IsoMessage approved = acquirer.exchange(Requests.copy(authorization));
            assertAnswer(approved, "0110", "00");

            assertAnswer(acquirer.exchange(requests.completion(authorization, 10_001)), "0230", "13");
            assertThat(account(CREDIT).heldMinor()).isEqualTo(10_000);

            IsoMessage completion = requests.completion(authorization, 8_500);
            IsoMessage completed = acquirer.exchange(Requests.copy(completion));
            assertAnswer(completed, "0230", "00");
            assertThat(approvalCode(completed)).isEqualTo(approvalCode(approved));
            AccountView account = account(CREDIT);
            assertThat(account.heldMinor()).isZero();
            assertThat(account.postedMinor()).isEqualTo(8_500);
            assertThat(account.openToBuyMinor()).isEqualTo(91_500);

            assertAnswer(acquirer.exchange(Requests.copy(completion).mti("0221")), "0230", "00");
            assertAnswer(acquirer.exchange(requests.completion(authorization, 9_000)), "0230", "00");
            assertThat(account(CREDIT).postedMinor()).isEqualTo(8_500);
        }
    }

    @Test
    void aCompletionWithoutAnOpenHoldIs12() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(requests.completion(requests.authorization(CREDIT, 100), 100)), "0230", "12");
            IsoMessage declined = requests.authorization(TestCards.LOST, 100);
            assertAnswer(acquirer.exchange(Requests.copy(declined)), "0110", "41");
            assertAnswer(acquirer.exchange(requests.completion(declined, 100)), "0230", "12");
        }
    }

    @Test
    void aCompletionCanBeFoundByRrnAlone() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage authorization = requests.authorization(CREDIT, 4_000);
            assertAnswer(acquirer.exchange(Requests.copy(authorization)), "0110", "00");
            IsoMessage completion = requests.completion(authorization, 4_000);
            completion.remove(DataElement.ORIGINAL_DATA_ELEMENTS);
            assertAnswer(acquirer.exchange(completion), "0230", "00");
            assertThat(account(CREDIT).postedMinor()).isEqualTo(4_000);
        }
    }

    @Test
    void aReversalReleasesTheHoldOnceAndIsIdempotent() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage authorization = requests.authorization(CREDIT, 7_000);
            assertAnswer(acquirer.exchange(Requests.copy(authorization)), "0110", "00");
            assertThat(account(CREDIT).heldMinor()).isEqualTo(7_000);

            IsoMessage reversal = requests.reversal(authorization);
            assertAnswer(acquirer.exchange(Requests.copy(reversal)), "0410", "00");
            assertThat(account(CREDIT).heldMinor()).isZero();
            assertAnswer(acquirer.exchange(Requests.copy(reversal).mti("0401")), "0410", "00");
            assertAnswer(acquirer.exchange(requests.reversalAdvice(authorization)), "0430", "00");
            assertThat(account(CREDIT).openToBuyMinor()).isEqualTo(100_000);
            // A completion after the reversal finds no hold.
            assertAnswer(acquirer.exchange(requests.completion(authorization, 7_000)), "0230", "12");
            assertThat(host.totals().perCurrency().get(0).reversals().count()).isEqualTo(1);
        }
    }

    @Test
    void aReversalBeforeItsOriginalIsAnswered00AndTheLateOriginalIsDeclinedWithoutAHold() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage authorization = requests.authorization(CREDIT, 6_000);
            assertAnswer(acquirer.exchange(requests.reversalAdvice(authorization)), "0430", "00");
            assertAnswer(acquirer.exchange(requests.reversalAdvice(authorization)), "0430", "00");
            IsoMessage late = acquirer.exchange(Requests.copy(authorization));
            assertAnswer(late, "0110", "05");
            assertThat(approvalCode(late)).isNull();
            assertThat(account(CREDIT).heldMinor()).isZero();
            assertAnswer(acquirer.exchange(requests.reversal(authorization)), "0410", "00");
            assertThat(host.totals().unmatchedReversals()).isEqualTo(1);
        }
    }

    @Test
    void aFinancialRequestPostsAtOnceAndItsReversalTakesItBack() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage financial = requests.financial(CREDIT, 3_300);
            assertAnswer(acquirer.exchange(Requests.copy(financial)), "0210", "00");
            assertThat(account(CREDIT).postedMinor()).isEqualTo(3_300);
            assertThat(account(CREDIT).heldMinor()).isZero();
            assertAnswer(acquirer.exchange(requests.reversal(financial)), "0410", "00");
            assertThat(account(CREDIT).postedMinor()).isZero();
        }
    }

    @Test
    void networkManagementIsAnswered() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            assertAnswer(acquirer.exchange(requests.networkManagement("001")), "0810", "00");
            IsoMessage echo = requests.networkManagement("301");
            IsoMessage echoed = acquirer.exchange(echo);
            assertAnswer(echoed, "0810", "00");
            assertThat(echoed.get(DataElement.NETWORK_MANAGEMENT_CODE)).isEqualTo("301");
            assertThat(echoed.stan()).isEqualTo(echo.stan());
            assertAnswer(acquirer.exchange(requests.networkManagement("101")), "0810", "12");
            assertAnswer(acquirer.exchange(requests.networkManagement("002")), "0810", "00");
        }
    }

    @Test
    void totalsAddUpPerCurrency() throws Exception {
        try (TestAcquirer acquirer = acquirer()) {
            IsoMessage held = requests.authorization(CREDIT, 1_000);
            IsoMessage completed = requests.authorization(CREDIT, 2_000);
            IsoMessage reversed = requests.authorization(CREDIT, 4_000);
            for (IsoMessage authorization : new IsoMessage[] {held, completed, reversed}) {
                assertAnswer(acquirer.exchange(Requests.copy(authorization)), "0110", "00");
            }
            assertAnswer(acquirer.exchange(requests.completion(completed, 1_500)), "0230", "00");
            assertAnswer(acquirer.exchange(requests.reversal(reversed)), "0410", "00");
            assertAnswer(acquirer.exchange(requests.financial(CREDIT, 8_000)), "0210", "00");
            assertAnswer(acquirer.exchange(requests.authorization(TestCards.LOST, 16_000)), "0110", "41");
        }
        var totals = host.totals();
        assertThat(totals.perCurrency()).hasSize(1);
        var jpy = totals.perCurrency().get(0);
        assertThat(jpy.currency()).isEqualTo("392");
        assertThat(jpy.authorizationsApproved().count()).isEqualTo(3);
        assertThat(jpy.authorizationsApproved().amountMinor()).isEqualTo(7_000);
        assertThat(jpy.declined().count()).isEqualTo(1);
        assertThat(jpy.declined().amountMinor()).isEqualTo(16_000);
        assertThat(jpy.financialApproved().amountMinor()).isEqualTo(8_000);
        assertThat(jpy.openHolds().count()).isEqualTo(1);
        assertThat(jpy.openHolds().amountMinor()).isEqualTo(1_000);
        assertThat(jpy.completions().count()).isEqualTo(1);
        assertThat(jpy.completions().amountMinor()).isEqualTo(1_500);
        assertThat(jpy.reversals().count()).isEqualTo(1);
        assertThat(jpy.reversals().amountMinor()).isEqualTo(4_000);
        assertThat(jpy.postedAmountMinor()).isEqualTo(9_500);
        assertThat(totals.lines()).contains("392.holds.open.count: 1", "392.posted.amount: 9500",
                "reversals.unmatched.count: 0");
        AccountView account = account(CREDIT);
        assertThat(account.heldMinor()).isEqualTo(jpy.openHolds().amountMinor());
        assertThat(account.postedMinor()).isEqualTo(jpy.postedAmountMinor());
    }
}
