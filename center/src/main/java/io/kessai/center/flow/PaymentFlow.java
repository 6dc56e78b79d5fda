package io.kessai.center.flow;

import io.kessai.card.CardRead;
import io.kessai.card.Hex;
import io.kessai.card.Pan;
import io.kessai.center.flow.FlowDirectory.IssuerEntry;
import io.kessai.center.flow.FlowDirectory.MerchantEntry;
import io.kessai.center.flow.FlowDirectory.ReaderEntry;
import io.kessai.center.flow.FlowDirectory.ResponseRule;
import io.kessai.center.flow.FlowDirectory.ResponseRule.Outcome;
import io.kessai.center.journal.Advice;
import io.kessai.center.journal.AnswerMails;
import io.kessai.center.journal.JournalException;
import io.kessai.center.journal.JournalStore;
import io.kessai.center.journal.NewPayment;
import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import io.kessai.crypto.envelope.CardSettlementInformation;
import io.kessai.crypto.envelope.EncryptedPinBlock;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.PaymentOutcome;
import io.kessai.crypto.envelope.PaymentResult;
import io.kessai.crypto.envelope.ResultCodec;
import io.kessai.crypto.envelope.SealedEnvelope;
import io.kessai.crypto.hsm.DukptKeyIds;
import io.kessai.crypto.hsm.Hsm;
import io.kessai.crypto.hsm.HsmException;
import io.kessai.crypto.hsm.OpenedEnvelope;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 000's flow at the center, S801–S808, top to bottom: receive, open, check reader and merchant,
 * journal, route, translate the PIN, send, answer. I/O stays at the edges (HSM, journal, gateway); each
 * state is committed before the next outside effect, so a crash leaves a record that can be reversed.
 */
public final class PaymentFlow {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentFlow.class);
    /** ISO 8583 DE 39 the center uses for its own answers. */
    static final String CODE_NO_ROUTE = "14";
    static final String CODE_UNAVAILABLE = "91";
    static final String CODE_PIN_UNREADABLE = "55";
    private static final long DUPLICATE_POLL_MILLIS = 50;

    private final Hsm hsm;
    private final JournalStore journal;
    private final FlowDirectory directory;
    private final IssuerGateway gateway;
    private final FlowSettings settings;
    private final FlowMetrics metrics;
    private final Clock clock;

    public PaymentFlow(Hsm hsm, JournalStore journal, FlowDirectory directory, IssuerGateway gateway, FlowSettings settings,
            FlowMetrics metrics, Clock clock) {
        this.hsm = hsm;
        this.journal = journal;
        this.directory = directory;
        this.gateway = gateway;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * What a channel writes with the payment's answer, in the answer's own commit (ADR 0020): the e-mail
     * channel's inbox record and answer mails, composed from the reply before the journal's answer write.
     * Called at most once, on the flow's thread, for the answer the flow is about to journal; the rows are
     * written only if that answer takes effect.
     */
    @FunctionalInterface
    public interface WithAnswer {
        WithAnswer NOTHING = reply -> Optional.empty();

        Optional<AnswerMails> rowsFor(TerminalReply reply);
    }

    /** S801–S808 for one envelope, as it arrived (binary or armored). */
    public TerminalReply receiveEnvelope(byte[] body, Payment.Channel channel) throws TerminalException {
        return receiveEnvelope(body, channel, WithAnswer.NOTHING);
    }

    /** S801–S808 for one envelope, with the channel's rows written in the answer's commit ({@link WithAnswer}). */
    public TerminalReply receiveEnvelope(byte[] body, Payment.Channel channel, WithAnswer withAnswer) throws TerminalException {
        long startNanos = System.nanoTime();
        // S801: received. Parse it; nothing is recorded for something that is not an envelope.
        SealedEnvelope envelope = parse(body);
        String ksn = envelope.ksnHex();
        int scheme = envelope.scheme().code();
        String sha256 = sha256(envelope.toBytes());

        // Exactly once: the KSN ledger is the journal's unique constraint, checked when the payment is
        // journaled (no lookup first, ADR 0011). Every refusal on the way there looks for an earlier payment
        // with this KSN first, so the same envelope again still gets the first answer and a replay is named.
        // S802: opened. The MAC proves which reader sealed it; a forged envelope changes nothing.
        OpenedEnvelope opened;
        try {
            opened = open(envelope);
        } catch (TerminalException e) {
            return earlierAnswerOr(e, scheme, ksn, sha256);
        }
        try {
            CardSettlementInformation info = opened.information();
            MerchantEntry merchant;
            try {
                ReaderEntry reader = checkReader(ksnInitialKeyId(opened), info);
                merchant = checkMerchant(reader);
            } catch (TerminalException e) {
                return earlierAnswerOr(e, scheme, ksn, sha256);
            }
            Pan pan = info.cardRead().pan();

            NewPayment record = newPayment(opened, sha256, channel, pan);
            Optional<TerminalReply> answered;
            try {
                answered = authorize(record, opened, merchant, withAnswer, startNanos);
            } catch (JournalException e) {
                // Another node (or a recovery after a crash) finished this payment first: its answer stands.
                // A payment that never reached the journal has no answer to give: the failure stands.
                Payment stored = journal.find(record.id()).orElseThrow(() -> e);
                LOG.warn("payment {}: {}", record.id(), e.getMessage());
                return answerAgain(stored, sha256);
            }
            if (answered.isEmpty()) {
                // Another delivery of the same envelope won the race for its KSN: wait for its answer.
                return answerAgain(journal.findByKsn(scheme, ksn).orElseThrow(), sha256);
            }
            TerminalReply reply = answered.get();
            metrics.recordPayment(reply.outcome(), Duration.ofNanos(System.nanoTime() - startNanos));
            return reply;
        } finally {
            // PCI DSS 3.3.1: sensitive authentication data is unrecoverable once the authorization completes.
            opened.destroy();
        }
    }

    /**
     * S803–S808: route, send, answer. Empty when another delivery of the same envelope was journaled
     * first (its KSN is taken). The common path journals opened, routed and sent in one durable step
     * before the 0100 leaves, and the answer in a second one before the phone hears it (ADR 0010).
     */
    private Optional<TerminalReply> authorize(NewPayment record, OpenedEnvelope opened, MerchantEntry merchant, WithAnswer withAnswer,
            long startNanos) {
        CardSettlementInformation info = opened.information();
        CardRead card = info.cardRead();

        Optional<IssuerEntry> routed = directory.issuerFor(card.pan());
        if (routed.isEmpty()) {
            return journal.insertOpened(record).map(payment ->
                    decideAlone(payment, opened, PaymentState.OPENED, PaymentState.DECLINED, CODE_NO_ROUTE, "card_not_accepted"));
        }
        IssuerEntry issuer = routed.get();

        Optional<EncryptedPinBlock> pinUnderZoneKey;
        try {
            pinUnderZoneKey = translatePin(opened, issuer);
        } catch (HsmException e) {
            LOG.info("payment {}: PIN block from reader {} does not translate: {}", record.id(), record.readerSerial(), e.getMessage());
            return journal.insertOpened(record).map(payment -> {
                journal.markRouted(payment.id(), issuer.id());
                return decideAlone(payment, opened, PaymentState.ROUTED, PaymentState.REENTER, CODE_PIN_UNREADABLE, "pin_unreadable");
            });
        }

        Instant transmittedAt = clock.instant();
        int stan = journal.nextStan();
        String rrn = RetrievalReferenceNumbers.of(transmittedAt, stan);
        long phaseNanos = phase(PaymentPhase.PREPARE, startNanos);
        // Journaled before it leaves: a crash from here on ends in a reversal, never in a lost charge.
        Optional<Payment> sent = journal.insertSent(record, issuer.id(), stan, transmittedAt, rrn);
        phaseNanos = phase(PaymentPhase.JOURNAL_SENT, phaseNanos);
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        Payment payment = sent.get();

        AuthorizationRequest request = new AuthorizationRequest(payment.id(), issuer.id(), stan, transmittedAt, rrn, card,
                info.amountMinor(), info.currency(), pinUnderZoneKey, payment.merchantId(), payment.terminalId(),
                merchant.merchantCategoryCode(), info.localDateTime());
        IssuerAnswer answer;
        try {
            answer = awaitAnswer(request, Duration.ofMillis(issuer.responseTimeoutMillis()));
        } catch (IssuerUnavailableException e) {
            LOG.warn("payment {}: issuer {} unavailable ({}); reversing", payment.id(), issuer.id(), e.getMessage());
            return Optional.of(unavailable(payment, opened, issuer.id(), e.getMessage()));
        }
        phaseNanos = phase(PaymentPhase.ISSUER, phaseNanos);

        ResponseRule rule = directory.responseRule(answer.responseCode());
        if (rule.outcome() == Outcome.APPROVED && answer.approvalCode().isEmpty()) {
            // An approval the center cannot show the customer is no approval: release whatever it held.
            return Optional.of(unavailable(payment, opened, issuer.id(), "approval without an approval code (DE 38)"));
        }
        PaymentState answered = switch (rule.outcome()) {
            case APPROVED -> PaymentState.APPROVED;
            case DECLINED -> PaymentState.DECLINED;
            case REENTER -> PaymentState.REENTER;
            case UNAVAILABLE -> PaymentState.DECLINED;
        };
        PaymentResult result = result(payment, answered, answer.responseCode(), answer.approvalCode(), rule.reason());
        byte[] sealed = seal(opened, result);
        // S809: after an approval the center asks for the additional items, recorded in the same step.
        boolean askItems = answered == PaymentState.APPROVED;
        List<FlowDirectory.ItemQuestion> questions = askItems ? AdditionalItems.questionsFor(merchant) : List.of();
        TerminalReply reply = new TerminalReply(payment.id(), outcomeOf(answered), answer.responseCode(), answer.approvalCode(),
                rule.reason(), rule.textJa(), rule.textEn(), sealed, questions, false, TerminalReply.Charge.of(payment));
        journal.markAnswered(payment.id(), PaymentState.SENT_TO_ISSUER, answered, answer.responseCode(), answer.approvalCode(),
                rule.reason(), sealed, askItems, withAnswer.rowsFor(reply));
        phase(PaymentPhase.JOURNAL_ANSWER, phaseNanos);
        return Optional.of(reply);
    }

    /** Records the phase that began at {@code sinceNanos} and ends now; returns now, where the next begins. */
    private long phase(PaymentPhase phase, long sinceNanos) {
        long now = System.nanoTime();
        metrics.recordPhase(phase, Duration.ofNanos(now - sinceNanos));
        return now;
    }

    private IssuerAnswer awaitAnswer(AuthorizationRequest request, Duration timeout) {
        try {
            return gateway.authorize(request, timeout).get(timeout.toMillis() + DUPLICATE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof IssuerUnavailableException unavailable
                    ? unavailable
                    : new IssuerUnavailableException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IssuerUnavailableException("no answer in " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuerUnavailableException("interrupted while waiting for the issuer", e);
        }
    }

    /** No answer: tell the phone "not charged", and reverse whatever the issuer may have done. */
    private TerminalReply unavailable(Payment payment, OpenedEnvelope opened, String issuerId, String why) {
        ResponseRule rule = directory.responseRule(CODE_UNAVAILABLE);
        PaymentResult result = result(payment, PaymentState.ISSUER_UNAVAILABLE, CODE_UNAVAILABLE, Optional.empty(), rule.reason());
        byte[] sealed = seal(opened, result);
        Instant now = clock.instant();
        Advice reversal = new Advice(0, payment.id(), Advice.Kind.REVERSAL, issuerId, payment.amountMinor(), journal.nextStan(), now, 0);
        journal.markUnavailable(payment.id(), PaymentState.SENT_TO_ISSUER, "issuer_unavailable: " + why, sealed, Optional.of(reversal));
        return new TerminalReply(payment.id(), Outcome.UNAVAILABLE, CODE_UNAVAILABLE, Optional.empty(), rule.reason(),
                rule.textJa(), rule.textEn(), sealed, List.of(), false, TerminalReply.Charge.of(payment));
    }

    /** The center's own answer, without asking an issuer (no route, unreadable PIN block). */
    private TerminalReply decideAlone(Payment payment, OpenedEnvelope opened, PaymentState from, PaymentState to, String code,
            String reason) {
        ResponseRule rule = directory.responseRule(code);
        byte[] sealed = seal(opened, result(payment, to, code, Optional.empty(), reason));
        journal.markAnswered(payment.id(), from, to, code, Optional.empty(), reason, sealed);
        return new TerminalReply(payment.id(), outcomeOf(to), code, Optional.empty(), reason, rule.textJa(), rule.textEn(), sealed,
                List.of(), false, TerminalReply.Charge.of(payment));
    }

    /** A refused envelope whose KSN was used already is a second delivery (or a replay): that is the answer. */
    private TerminalReply earlierAnswerOr(TerminalException refusal, int scheme, String ksn, String sha256) throws TerminalException {
        Optional<Payment> earlier = journal.findByKsn(scheme, ksn);
        if (earlier.isPresent()) {
            return answerAgain(earlier.get(), sha256);
        }
        throw refusal;
    }

    /** A second delivery: the first answer again (waiting for it if the first is still in flight). */
    private TerminalReply answerAgain(Payment earlier, String sha256) throws TerminalException {
        if (!earlier.envelopeSha256().equals(sha256)) {
            throw new TerminalException(TerminalException.Code.KSN_REPLAYED,
                    "KSN " + earlier.ksn() + " was already used by another envelope: refused as a replay");
        }
        long deadline = System.nanoTime() + settings.duplicateWait().toNanos();
        Payment current = earlier;
        while (current.sealedResult().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new TerminalException(TerminalException.Code.KSN_REPLAYED,
                        "payment " + earlier.id() + " for this envelope is still being authorized; send it again later");
            }
            sleep(DUPLICATE_POLL_MILLIS);
            current = journal.find(earlier.id()).orElseThrow();
        }
        return TerminalReplies.fromJournal(current, directory, true);
    }

    private Optional<EncryptedPinBlock> translatePin(OpenedEnvelope opened, IssuerEntry issuer) throws HsmException {
        Optional<EncryptedPinBlock> fromReader = opened.information().pinBlock();
        if (fromReader.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(hsm.translatePin(opened.scheme(), opened.ksn(), fromReader.get(), opened.information().cardRead().pan(),
                issuer.zonePinKeyName()));
    }

    private NewPayment newPayment(OpenedEnvelope opened, String sha256, Payment.Channel channel, Pan pan) throws TerminalException {
        CardSettlementInformation info = opened.information();
        try {
            return new NewPayment(PaymentIds.next(), opened.scheme().code(), opened.ksnHex(), sha256, channel, info.readerSerial(),
                    info.merchantId(), info.terminalId(), info.sequenceNumber(), info.localDateTime(), info.amountMinor(),
                    info.currency().getCurrencyCode(), pan.masked(), hsm.panIndex(settings.panIndexKeyName(), pan),
                    hsm.encryptPan(settings.panKeyName(), pan), info.cardRead().entryMode(true).de22(), info.pinBlock().isPresent());
        } catch (HsmException e) {
            throw new IllegalStateException("the center's PAN keys are not usable: " + e.getMessage(), e);
        }
    }

    private ReaderEntry checkReader(String initialKeyId, CardSettlementInformation info) throws TerminalException {
        ReaderEntry reader = directory.readerByInitialKeyId(initialKeyId).orElseThrow(() -> new TerminalException(
                TerminalException.Code.UNKNOWN_READER, "no reader is registered with initial key ID " + initialKeyId));
        if (!reader.active()) {
            throw new TerminalException(TerminalException.Code.READER_DISABLED, "reader " + reader.serial() + " is disabled");
        }
        if (!reader.serial().equals(info.readerSerial()) || !reader.merchantId().equals(info.merchantId())
                || !reader.terminalId().equals(info.terminalId())) {
            throw new TerminalException(TerminalException.Code.READER_MISMATCH, "the envelope's reader serial, merchant or terminal ID"
                    + " does not match the registration of reader " + reader.serial());
        }
        return reader;
    }

    private MerchantEntry checkMerchant(ReaderEntry reader) throws TerminalException {
        MerchantEntry merchant = directory.merchant(reader.merchantId()).orElseThrow(() -> new TerminalException(
                TerminalException.Code.UNKNOWN_MERCHANT, "merchant " + reader.merchantId() + " is not registered"));
        if (!merchant.active()) {
            throw new TerminalException(TerminalException.Code.MERCHANT_DISABLED, "merchant " + merchant.id() + " is suspended");
        }
        return merchant;
    }

    /** The registry's key for the reader: AES, the KSN's first 8 bytes; TDES, the initial KSN (envelope.md §Keys). */
    private static String ksnInitialKeyId(OpenedEnvelope opened) {
        try {
            return Hex.encode(DukptKeyIds.initialKeyIdOf(opened.scheme(), opened.ksn()));
        } catch (EnvelopeException e) {
            throw new IllegalStateException("the HSM opened an envelope whose KSN it cannot read: " + e.getMessage(), e);
        }
    }

    private SealedEnvelope parse(byte[] body) throws TerminalException {
        try {
            return SealedEnvelope.parseAny(body);
        } catch (EnvelopeException e) {
            throw TerminalErrors.of(e);
        }
    }

    private OpenedEnvelope open(SealedEnvelope envelope) throws TerminalException {
        try {
            return hsm.openEnvelope(envelope);
        } catch (EnvelopeException e) {
            throw TerminalErrors.of(e);
        }
    }

    private byte[] seal(OpenedEnvelope opened, PaymentResult result) {
        try {
            return hsm.sealResult(opened.scheme(), opened.ksn(), ResultCodec.encode(result)).toBytes();
        } catch (EnvelopeException e) {
            throw new IllegalStateException("cannot seal a result for KSN " + opened.ksnHex() + ": " + e.getMessage(), e);
        }
    }

    static PaymentResult result(Payment payment, PaymentState state, String code, Optional<String> approvalCode, String reason) {
        PaymentOutcome outcome = switch (state) {
            case APPROVED -> PaymentOutcome.APPROVED;
            case REENTER -> PaymentOutcome.REENTER;
            case ISSUER_UNAVAILABLE -> PaymentOutcome.UNAVAILABLE;
            default -> PaymentOutcome.DECLINED;
        };
        return new PaymentResult(outcome, code, outcome == PaymentOutcome.APPROVED ? approvalCode : Optional.empty(),
                outcome == PaymentOutcome.APPROVED ? "" : reason, payment.id(), payment.amountMinor(), payment.currency());
    }

    static Outcome outcomeOf(PaymentState state) {
        return switch (state) {
            case APPROVED, ADDITIONAL_ITEMS_REQUESTED, COMPLETED -> Outcome.APPROVED;
            case REENTER -> Outcome.REENTER;
            case ISSUER_UNAVAILABLE, REVERSED -> Outcome.UNAVAILABLE;
            default -> Outcome.DECLINED;
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void sleep(long millis) throws TerminalException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TerminalException(TerminalException.Code.KSN_REPLAYED, "interrupted while waiting for the first answer");
        }
    }
}
