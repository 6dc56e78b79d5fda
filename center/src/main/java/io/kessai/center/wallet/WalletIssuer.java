package io.kessai.center.wallet;

import io.kessai.card.ExpiryDate;
import io.kessai.card.Hex;
import io.kessai.card.ManualEntry;
import io.kessai.card.Pan;
import io.kessai.center.flow.AuthorizationRequest;
import io.kessai.center.flow.FlowDirectory;
import io.kessai.center.flow.FlowDirectory.IssuerEntry;
import io.kessai.center.flow.FlowDirectory.ResponseRule;
import io.kessai.center.flow.FlowDirectory.ResponseRule.Outcome;
import io.kessai.center.flow.FlowSettings;
import io.kessai.center.flow.IssuerAnswer;
import io.kessai.center.flow.IssuerGateway;
import io.kessai.center.flow.IssuerUnavailableException;
import io.kessai.center.flow.PaymentIds;
import io.kessai.center.flow.RetrievalReferenceNumbers;
import io.kessai.center.journal.Advice;
import io.kessai.center.journal.JournalStore;
import io.kessai.center.journal.NewPayment;
import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import io.kessai.crypto.hsm.EncryptedPan;
import io.kessai.crypto.hsm.Hsm;
import io.kessai.crypto.hsm.HsmException;
import io.kessai.iso8583.kessai.JapanPaymentOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet's way to the card companies (S13, CCS host 8): the center's own issuer links and journal,
 * no second path. An account verification is a zero-amount 0100 (not journaled: it moves no money); a
 * wallet payment is a journal payment of channel WALLET, authorized, then completed at once with its
 * payment method (the amount was confirmed on the phone before), or reversed when the issuer is silent.
 */
public final class WalletIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(WalletIssuer.class);
    /** DE 42 / DE 41 of account verifications: the center itself asks, for no shop. */
    static final String VERIFY_MERCHANT_ID = "KESSAI-WALLET";
    static final String VERIFY_TERMINAL_ID = "ENROL001";
    static final String VERIFY_MCC = "5999";
    /** Card-present-less, card on file: the journal's reader fields say where the payment came from. */
    static final String WALLET_READER = "WALLET";
    static final int WALLET_KEY_SCHEME = 0;
    /** The issuer's answer to an account verification with nothing against the card (ISO 8583 "85"). */
    static final String NO_REASON_TO_DECLINE = "85";
    private static final long WAIT_MARGIN_MILLIS = 100;

    private final Hsm hsm;
    private final JournalStore journal;
    private final FlowDirectory directory;
    private final IssuerGateway gateway;
    private final FlowSettings settings;
    private final Clock clock;

    public WalletIssuer(Hsm hsm, JournalStore journal, FlowDirectory directory, IssuerGateway gateway, FlowSettings settings,
            Clock clock) {
        this.hsm = hsm;
        this.journal = journal;
        this.directory = directory;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
    }

    /** The answer to a verification or a charge, with the texts the phone shows. */
    public record Answer(Outcome outcome, String responseCode, Optional<String> approvalCode, String reason, String textJa,
            String textEn, Optional<String> paymentId) {}

    public Optional<IssuerEntry> route(Pan pan) {
        return directory.issuerFor(pan);
    }

    /** Fig. 4: is this card good with its issuer? A zero-amount 0100; "00" or "85" say yes. */
    public Answer verifyAccount(Pan pan, ExpiryDate expiry, Currency currency) {
        Optional<IssuerEntry> routed = directory.issuerFor(pan);
        if (routed.isEmpty()) {
            return own("14", "card_not_accepted", Optional.empty());
        }
        IssuerEntry issuer = routed.get();
        Instant at = clock.instant();
        int stan = journal.nextStan();
        ManualEntry card = ManualEntry.of(pan, expiry);
        AuthorizationRequest request = new AuthorizationRequest(PaymentIds.next("ver_"), issuer.id(), stan, at,
                RetrievalReferenceNumbers.of(at, stan), card, 0, currency, Optional.empty(), VERIFY_MERCHANT_ID, VERIFY_TERMINAL_ID,
                VERIFY_MCC, LocalDateTime.ofInstant(at, ZoneId.systemDefault()));
        try {
            IssuerAnswer answer = await(request, Duration.ofMillis(issuer.responseTimeoutMillis()));
            boolean good = answer.responseCode().equals(IssuerAnswer.APPROVED) || answer.responseCode().equals(NO_REASON_TO_DECLINE);
            if (good) {
                return new Answer(Outcome.APPROVED, answer.responseCode(), Optional.empty(), "", "カードを確認しました", "card verified",
                        Optional.empty());
            }
            return fromRule(directory.responseRule(answer.responseCode()), answer, Optional.empty());
        } catch (IssuerUnavailableException e) {
            LOG.warn("account verification with issuer {} unanswered: {}", issuer.id(), e.getMessage());
            return own("91", "issuer_unavailable", Optional.empty());
        } finally {
            card.destroy();
        }
    }

    /** What one wallet payment attempt needs: the card on file and what the owner confirmed. */
    public record Charge(String requestId, int attempt, String merchantId, String terminalId, String merchantCategoryCode,
            String cardId, String panIndex, String expiryYymm, EncryptedPan panEncrypted, long amountMinor, Currency currency,
            JapanPaymentOptions options, String paymentMethodCode, Optional<Integer> installments) {}

    /** S13–S17: authorize with the card's issuer; on approval complete at once (0220 queued with the method). */
    public Answer charge(Charge charge) {
        Pan pan;
        try {
            pan = hsm.decryptPan(settings.panKeyName(), charge.panEncrypted());
        } catch (HsmException e) {
            throw new IllegalStateException("card " + charge.cardId() + " does not decrypt: " + e.getMessage(), e);
        }
        ManualEntry card;
        try {
            card = ManualEntry.of(pan, ExpiryDate.parseYymm(charge.expiryYymm()));
        } catch (io.kessai.card.CardDataException e) {
            throw new IllegalStateException("card " + charge.cardId() + " has a stored expiry that does not parse", e);
        }
        try {
            return charge(charge, pan, card);
        } finally {
            card.destroy();
        }
    }

    private Answer charge(Charge charge, Pan pan, ManualEntry card) {
        Instant now = clock.instant();
        LocalDateTime localAt = LocalDateTime.ofInstant(now, ZoneId.systemDefault());
        String paymentId = PaymentIds.next();
        EncryptedPan stored;
        try {
            stored = hsm.encryptPan(settings.panKeyName(), pan);
        } catch (HsmException e) {
            throw new IllegalStateException("the center's PAN key is not usable: " + e.getMessage(), e);
        }
        String attemptKey = charge.requestId() + "#" + charge.attempt();
        NewPayment row = new NewPayment(paymentId, WALLET_KEY_SCHEME, attemptKey, Hex.encode(Secrets.sha256(attemptKey.getBytes(StandardCharsets.UTF_8))),
                Payment.Channel.WALLET, WALLET_READER, charge.merchantId(), charge.terminalId(), charge.attempt(), localAt,
                charge.amountMinor(), charge.currency().getCurrencyCode(), pan.masked(), charge.panIndex(), stored,
                card.entryMode(false).de22(), false);
        Optional<IssuerEntry> routed = directory.issuerFor(pan);
        if (routed.isEmpty()) {
            journal.insertOpened(row).orElseThrow(() -> new IllegalStateException("attempt " + attemptKey + " was journaled twice"));
            journal.markAnswered(paymentId, PaymentState.OPENED, PaymentState.DECLINED, "14", Optional.empty(), "card_not_accepted", null);
            return own("14", "card_not_accepted", Optional.of(paymentId));
        }
        IssuerEntry issuer = routed.get();
        Instant transmittedAt = clock.instant();
        int stan = journal.nextStan();
        String rrn = RetrievalReferenceNumbers.of(transmittedAt, stan);
        // OPENED, ROUTED and SENT_TO_ISSUER in one durable step (group commit) before the 0100 leaves: a crash
        // from here on reverses.
        journal.insertSent(row, issuer.id(), stan, transmittedAt, rrn)
                .orElseThrow(() -> new IllegalStateException("attempt " + attemptKey + " was journaled twice"));
        AuthorizationRequest request = new AuthorizationRequest(paymentId, issuer.id(), stan, transmittedAt, rrn, card,
                charge.amountMinor(), charge.currency(), Optional.empty(), charge.merchantId(), charge.terminalId(),
                charge.merchantCategoryCode(), localAt, Optional.of(charge.options()));
        IssuerAnswer answer;
        try {
            answer = await(request, Duration.ofMillis(issuer.responseTimeoutMillis()));
        } catch (IssuerUnavailableException e) {
            LOG.warn("wallet payment {}: issuer {} unavailable ({}); reversing", paymentId, issuer.id(), e.getMessage());
            Advice reversal = new Advice(0, paymentId, Advice.Kind.REVERSAL, issuer.id(), charge.amountMinor(), journal.nextStan(),
                    clock.instant(), 0);
            journal.markUnavailable(paymentId, PaymentState.SENT_TO_ISSUER, "issuer_unavailable: " + e.getMessage(), null,
                    Optional.of(reversal));
            return own("91", "issuer_unavailable", Optional.of(paymentId));
        }
        ResponseRule rule = directory.responseRule(answer.responseCode());
        boolean approved = rule.outcome() == Outcome.APPROVED && answer.approvalCode().isPresent();
        if (!approved) {
            PaymentState answered = rule.outcome() == Outcome.REENTER ? PaymentState.REENTER : PaymentState.DECLINED;
            String reason = rule.reason().isEmpty() ? "declined" : rule.reason();
            journal.markAnswered(paymentId, PaymentState.SENT_TO_ISSUER, answered, answer.responseCode(), answer.approvalCode(), reason,
                    null, false);
            return fromRule(rule, answer, Optional.of(paymentId));
        }
        // S17: the amount and method were confirmed before the authorization, so the payment completes now.
        String items = itemsJson(charge.paymentMethodCode(), charge.installments());
        // Approved, on to the items (confirmed already) and completed with its 0220 queued: one group commit.
        journal.approveAndComplete(paymentId, answer.responseCode(), answer.approvalCode().orElseThrow(), items, new Advice(0, paymentId,
                Advice.Kind.COMPLETION, issuer.id(), charge.amountMinor(), journal.nextStan(), clock.instant(), 0));
        return new Answer(Outcome.APPROVED, answer.responseCode(), answer.approvalCode(), "", rule.textJa(), rule.textEn(),
                Optional.of(paymentId));
    }

    /** A refund: the reversal of the completed payment's authorization, through the store-and-forward queue. */
    public boolean refund(String paymentId) {
        Payment payment = journal.find(paymentId).orElseThrow(() -> new IllegalStateException("no journal payment " + paymentId));
        return journal.queueRefund(new Advice(0, paymentId, Advice.Kind.REVERSAL, payment.issuerId().orElseThrow(), payment.amountMinor(),
                journal.nextStan(), clock.instant(), 0));
    }

    /** An approval a crash left before its completion was queued: the completion (0220) is queued now. */
    public void completeApproved(Payment payment, String paymentMethodCode, Optional<Integer> installments) {
        journal.complete(payment.id(), itemsJson(paymentMethodCode, installments), new Advice(0, payment.id(), Advice.Kind.COMPLETION,
                payment.issuerId().orElseThrow(), payment.amountMinor(), journal.nextStan(), clock.instant(), 0));
    }

    private static String itemsJson(String paymentMethodCode, Optional<Integer> installments) {
        return "{\"payment_method\":\"" + paymentMethodCode + "\""
                + installments.map(n -> ",\"installments\":\"" + n + "\"").orElse("") + "}";
    }

    /** The journal payment of a request's attempt, if it was journaled. */
    public Optional<Payment> attempt(String requestId, int attempt) {
        return journal.findByKsn(WALLET_KEY_SCHEME, requestId + "#" + attempt);
    }

    private IssuerAnswer await(AuthorizationRequest request, Duration timeout) {
        try {
            return gateway.authorize(request, timeout).get(timeout.toMillis() + WAIT_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof IssuerUnavailableException unavailable ? unavailable
                    : new IssuerUnavailableException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IssuerUnavailableException("no answer in " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuerUnavailableException("interrupted while waiting for the issuer", e);
        }
    }

    private Answer own(String code, String reason, Optional<String> paymentId) {
        ResponseRule rule = directory.responseRule(code);
        Outcome outcome = code.equals("91") ? Outcome.UNAVAILABLE : Outcome.DECLINED;
        return new Answer(outcome, code, Optional.empty(), reason, rule.textJa(), rule.textEn(), paymentId);
    }

    private static Answer fromRule(ResponseRule rule, IssuerAnswer answer, Optional<String> paymentId) {
        Outcome outcome = rule.outcome() == Outcome.APPROVED ? Outcome.DECLINED : rule.outcome();
        String reason = rule.reason().isEmpty() ? "declined" : rule.reason();
        return new Answer(outcome, answer.responseCode(), Optional.empty(), reason, rule.textJa(), rule.textEn(), paymentId);
    }
}
