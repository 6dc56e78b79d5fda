package io.kessai.center.mail;

import io.kessai.crypto.hsm.DukptKeyIds;
import io.kessai.card.Hex;
import io.kessai.center.flow.AdditionalItems;
import io.kessai.center.flow.CompletionFlow;
import io.kessai.center.flow.CompletionReply;
import io.kessai.center.flow.FlowDirectory;
import io.kessai.center.flow.FlowDirectory.ItemQuestion;
import io.kessai.center.flow.PaymentFlow;
import io.kessai.center.flow.TerminalException;
import io.kessai.center.flow.TerminalReply;
import io.kessai.center.journal.AnswerMails;
import io.kessai.center.journal.JournalStore;
import io.kessai.center.journal.Payment;
import io.kessai.center.journal.PaymentState;
import io.kessai.center.mail.MailStore.Disposition;
import io.kessai.center.mail.MailStore.InboxEntry;
import io.kessai.crypto.envelope.EnvelopeException;
import io.kessai.crypto.envelope.SealedEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-mail door to the center's flow (seed 000 S207/S611 → S801–S811 → S612/S619–S622), top to
 * bottom for one received mail: read it, drop loops and auto-replies, record bounces, answer a repeated
 * Message-ID as before, then either an envelope (sender check, {@link PaymentFlow#receiveEnvelope}, result
 * mail, additional-items request) or a reply with the additional items ({@link CompletionFlow#submit},
 * confirmation with the PDF slip). Whatever it answers is queued in the outbox in the same commit as the
 * inbox record (for a payment the flow journals, the commit of its answer, ADR 0020); the caller
 * acknowledges the mail only after {@link #receive} returns.
 */
public final class MailChannel {
    private static final Logger LOG = LoggerFactory.getLogger(MailChannel.class);
    private static final Pattern PAYMENT_IN_SUBJECT = Pattern.compile("\\((pay_[A-Za-z0-9_-]{1,64})\\)");
    private static final String SENDER_MISMATCH = "sender_mismatch";
    private static final String UNKNOWN_PAYMENT = "unknown_payment";

    private final PaymentFlow paymentFlow;
    private final CompletionFlow completionFlow;
    private final JournalStore journal;
    private final FlowDirectory directory;
    private final PhoneDirectory phones;
    private final MailStore store;
    private final MailComposer composer;
    private final String centerName;
    private final Set<String> ownAddresses;
    private final OutboxWorker outbox;
    private final MailMetrics metrics;

    public MailChannel(PaymentFlow paymentFlow, CompletionFlow completionFlow, JournalStore journal, FlowDirectory directory,
            PhoneDirectory phones, MailStore store, MailComposer composer, String centerName, Set<String> ownAddresses,
            OutboxWorker outbox, MailMetrics metrics) {
        this.paymentFlow = paymentFlow;
        this.completionFlow = completionFlow;
        this.journal = journal;
        this.directory = directory;
        this.phones = phones;
        this.store = store;
        this.composer = composer;
        this.centerName = centerName;
        this.ownAddresses = ownAddresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /**
     * Takes one mail in, as received. Returns what was done; throws only when the center cannot decide
     * now (the database is down): the sender's server then keeps the mail and delivers it again.
     *
     * @param envelopeSender the SMTP MAIL FROM (reverse path), empty for a bounce; answers go there when
     *     the mail is too broken to have a From
     */
    public Disposition receive(byte[] raw, String envelopeSender) {
        long startNanos = System.nanoTime();
        Disposition disposition = take(raw, envelopeSender);
        metrics.taken(disposition, startNanos);
        return disposition;
    }

    private Disposition take(byte[] raw, String envelopeSender) {
        InboundMail mail;
        try {
            mail = MimeReader.read(raw);
        } catch (MailFormatException e) {
            return unreadable(raw, envelopeSender, e);
        }
        // Loops first: never answer ourselves, a machine, or a bounce.
        if (composer.isOurs(mail.messageId()) || ownAddresses.contains(mail.from().toLowerCase(Locale.ROOT))) {
            return finish(mail, Disposition.IGNORED, Optional.empty(), "our own mail came back", List.of());
        }
        if (mail.bounce()) {
            return bounce(mail);
        }
        if (mail.automatic().isPresent()) {
            LOG.info("mail {} from {} not answered: {}", mail.messageId(), mail.from(), mail.automatic().get());
            return finish(mail, Disposition.IGNORED, Optional.empty(), mail.automatic().get(), List.of());
        }
        byte[] envelope = null;
        MailFormatException noEnvelope = null;
        try {
            envelope = EnvelopeFinder.find(mail);
        } catch (MailFormatException e) {
            noEnvelope = e;
        }
        // A reply to our mail is the additional items, even when it quotes the phone's first mail with its
        // envelope (carriers quote the whole thread); unless it carries an envelope for a payment that
        // asks nothing (a new try after 再入力, sent as a reply to the result).
        Optional<String> replied = repliedPayment(mail);
        if (replied.isPresent() && (envelope == null || awaitsItems(replied.get()))) {
            return additionalItems(mail, replied.get());
        }
        if (envelope == null) {
            return reject(mail, noEnvelope.code().mailCode(), noEnvelope.getMessage(), Optional.empty());
        }
        return payment(mail, envelope);
    }

    private boolean awaitsItems(String paymentId) {
        return journal.find(paymentId).map(p -> p.state() == PaymentState.ADDITIONAL_ITEMS_REQUESTED || p.state() == PaymentState.COMPLETED)
                .orElse(false);
    }

    /** S801–S809 by mail. */
    private Disposition payment(InboundMail mail, byte[] envelope) {
        Optional<String> bound = boundPhone(envelope);
        if (bound.isPresent() && !bound.get().equalsIgnoreCase(mail.from())) {
            // An extra check on top of the MAC, never instead of it: the flow still verifies the envelope.
            return reject(mail, SENDER_MISMATCH, "the envelope's reader is bound to another phone address than " + mail.from(),
                    Optional.empty());
        }
        AnswerInCommit inCommit = new AnswerInCommit(mail);
        TerminalReply reply;
        try {
            reply = paymentFlow.receiveEnvelope(envelope, Payment.Channel.EMAIL, inCommit);
            if (inCommit.handedOver()) {
                logPayment(mail, reply);
                return Disposition.PAYMENT;
            }
        } catch (TerminalException e) {
            return reject(mail, e.code().apiCode(), e.getMessage(), Optional.empty());
        } finally {
            inCommit.release();
        }
        // Not journaled by this delivery (an earlier one's answer again, the center's own refusal): its own commit.
        logPayment(mail, reply);
        return finish(mail, Disposition.PAYMENT, Optional.of(reply.paymentId()), reply.outcome().name(), answersTo(mail, reply));
    }

    /** The reply carries what the result mail shows: no second read of the journal per payment. */
    private List<OutgoingMail> answersTo(InboundMail mail, TerminalReply reply) {
        List<OutgoingMail> answers = new ArrayList<>();
        answers.add(composer.result(mail.from(), mail.messageId(), reply));
        if (!reply.questions().isEmpty()) {
            answers.add(composer.itemsRequest(mail.from(), mail.messageId(), reply.paymentId(), reply.questions()));
        }
        return answers;
    }

    private static void logPayment(InboundMail mail, TerminalReply reply) {
        LOG.info("mail {}: payment {} {}{}", mail.messageId(), reply.paymentId(), reply.outcome(), reply.duplicate() ? " (again)" : "");
    }

    /**
     * A payment mail's inbox record and answers, composed from the flow's reply just before the journal's
     * answer write and committed with it (ADR 0020): the SMTP transaction waits for that one commit, not
     * for a second one of its own. When the answer did not take effect nothing was written, and the
     * channel records whatever the flow answered instead, as for every other mail.
     */
    private final class AnswerInCommit implements PaymentFlow.WithAnswer {
        private final InboundMail mail;
        private List<OutgoingMail> answers = List.of();
        private AnswerMails rows;
        /** Outbox room taken for a hand-over; given back unless handed over. */
        private int reserved;

        AnswerInCommit(InboundMail mail) {
            this.mail = mail;
        }

        @Override
        public Optional<AnswerMails> rowsFor(TerminalReply reply) {
            if (rows != null) {
                throw new IllegalStateException("mail " + mail.messageId() + ": a second answer to journal with it");
            }
            answers = answersTo(mail, reply);
            Optional<Duration> lease = outbox.reserve(answers.size());
            reserved = lease.isPresent() ? answers.size() : 0;
            List<AnswerMails.Outbox> out = answers.stream().map(a -> new AnswerMails.Outbox(a.messageId(), a.kind().name(),
                    a.recipient(), a.paymentId(), a.raw())).toList();
            rows = new AnswerMails(new AnswerMails.Inbox(mail.messageId(), mail.from(), Disposition.PAYMENT.name(),
                    reply.outcome().name()), out, lease);
            return Optional.of(rows);
        }

        /** Whether the answer's commit wrote the mails; if so they are handed to this node's workers (when leased). */
        boolean handedOver() {
            if (rows == null || !rows.committed()) {
                return false;
            }
            List<AnswerMails.Written> written = rows.written();
            if (written.size() != answers.size()) {
                throw new IllegalStateException("mail " + mail.messageId() + ": " + written.size() + " of " + answers.size()
                        + " answers written with the payment's answer");
            }
            Map<String, OutgoingMail> byMessageId = answers.stream().collect(Collectors.toMap(OutgoingMail::messageId, a -> a));
            List<MailStore.Leased> leased = rows.leaseFor().isEmpty() ? List.of() : written.stream().map(w -> {
                OutgoingMail a = byMessageId.get(w.messageId());
                return new MailStore.Leased(w.id(), a.messageId(), a.recipient(), a.raw(), 1);
            }).toList();
            outbox.handOver(leased, reserved);
            reserved = 0;
            return true;
        }

        void release() {
            if (reserved > 0) {
                outbox.unreserve(reserved);
                reserved = 0;
            }
        }
    }

    /** S810–S811 by mail: the reply to the additional-items request. */
    private Disposition additionalItems(InboundMail mail, String paymentId) {
        Optional<Payment> found = journal.find(paymentId);
        if (found.isEmpty()) {
            return reject(mail, UNKNOWN_PAYMENT, "no payment " + paymentId, Optional.empty());
        }
        Payment payment = found.get();
        Optional<String> bound = phones.phoneOfReader(payment.readerSerial());
        if (bound.isPresent() && !bound.get().equalsIgnoreCase(mail.from())) {
            return reject(mail, SENDER_MISMATCH, "payment " + paymentId + " belongs to another phone than " + mail.from(),
                    Optional.of(paymentId));
        }
        List<ItemQuestion> questions = directory.merchant(payment.merchantId()).map(AdditionalItems::questionsFor)
                .orElse(AdditionalItems.STANDARD);
        Map<String, String> answers;
        try {
            answers = ReplyForm.answers(mail.text(), questions.stream().map(ItemQuestion::key).collect(Collectors.toSet()));
        } catch (MailFormatException e) {
            return reject(mail, e.code().mailCode(), e.getMessage(), Optional.of(paymentId));
        }
        CompletionReply reply;
        try {
            reply = completionFlow.submit(paymentId, answers);
        } catch (TerminalException e) {
            String detail = e.getMessage() + (e.field() == null ? "" : " (" + e.field() + ")");
            return reject(mail, e.code().apiCode(), detail, Optional.of(paymentId));
        }
        Payment completed = journal.find(paymentId).orElseThrow();
        byte[] slip = ReceiptPdf.render(completed, answers, centerName);
        List<OutgoingMail> answersOut = new ArrayList<>();
        answersOut.add(composer.confirmation(mail.from(), mail.messageId(), completed, answers, reply.issuerAcknowledged(), slip));
        String receiptTo = answers.get(AdditionalItems.CUSTOMER_EMAIL);
        if (receiptTo != null && !reply.duplicate() && !receiptTo.equalsIgnoreCase(mail.from())) {
            // The customer asked for the receipt (控え) at this address: the same slip, once.
            answersOut.add(composer.confirmation(receiptTo, mail.messageId(), completed, answers, reply.issuerAcknowledged(), slip));
        }
        LOG.info("mail {}: payment {} completed{}", mail.messageId(), paymentId, reply.duplicate() ? " (again)" : "");
        return finish(mail, Disposition.ITEMS, Optional.of(paymentId), "completed", answersOut);
    }

    /** Which payment a reply answers: the request mail it names, else the payment ID in its subject. */
    private Optional<String> repliedPayment(InboundMail mail) {
        for (String reference : mail.references()) {
            if (composer.isOurs(reference)) {
                Optional<String> payment = store.paymentOfOurMail(reference);
                if (payment.isPresent()) {
                    return payment;
                }
            }
        }
        Matcher m = PAYMENT_IN_SUBJECT.matcher(mail.subject());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private Optional<String> boundPhone(byte[] envelope) {
        try {
            SealedEnvelope sealed = SealedEnvelope.parse(envelope);
            return phones.phoneOfInitialKeyId(Hex.encode(DukptKeyIds.initialKeyIdOf(sealed.scheme(), sealed.ksn())));
        } catch (EnvelopeException e) {
            // The finder parsed it already; the flow will name whatever is wrong.
            return Optional.empty();
        }
    }

    private Disposition bounce(InboundMail mail) {
        List<String> ours = new ArrayList<>();
        mail.references().stream().filter(composer::isOurs).forEach(ours::add);
        for (String text : mail.texts()) {
            Matcher m = MESSAGE_ID_IN_TEXT.matcher(text);
            while (m.find()) {
                if (composer.isOurs(m.group(1))) {
                    ours.add(m.group(1));
                }
            }
        }
        int recorded = 0;
        for (String id : ours.stream().distinct().toList()) {
            if (store.recordBounce(id, "bounced: " + mail.subject())) {
                recorded++;
            }
        }
        LOG.warn("bounce {} from {}: {} of our mails marked bounced", mail.messageId(), mail.from(), recorded);
        return finish(mail, Disposition.BOUNCE, Optional.empty(), recorded + " bounced: " + mail.subject(), List.of());
    }

    private static final Pattern MESSAGE_ID_IN_TEXT = Pattern.compile("<?(kessai\\.[A-Za-z0-9._-]{1,120}@[A-Za-z0-9.-]{1,253})>?");

    private Disposition unreadable(byte[] raw, String envelopeSender, MailFormatException e) {
        String messageId = MimeReader.syntheticId(raw);
        List<OutgoingMail> answers = envelopeSender.isBlank()
                ? List.of()
                : List.of(composer.error(envelopeSender, messageId, e.code().mailCode(), e.getMessage(), Optional.empty()));
        LOG.info("unreadable mail from {}: {}", envelopeSender.isBlank() ? "<>" : envelopeSender, e.getMessage());
        if (store.inbound(messageId).isPresent()) {
            return Disposition.REJECTED;
        }
        record(new InboxEntry(messageId, envelopeSender, Disposition.REJECTED, Optional.empty(), e.code().mailCode()), answers);
        return Disposition.REJECTED;
    }

    private Disposition reject(InboundMail mail, String code, String detail, Optional<String> paymentId) {
        // Exactly once by Message-ID: a refused mail delivered again is not answered again. (A payment mail
        // or a reply delivered again runs again: the journal gives its first answer again, no second charge.)
        Optional<InboxEntry> earlier = store.inbound(mail.messageId());
        if (earlier.isPresent()) {
            LOG.info("mail {} delivered again; it was {} before", mail.messageId(), earlier.get().disposition());
            return earlier.get().disposition();
        }
        LOG.info("mail {} from {} refused: {}: {}", mail.messageId(), mail.from(), code, detail);
        return finish(mail, Disposition.REJECTED, paymentId, code + ": " + detail,
                List.of(composer.error(mail.from(), mail.messageId(), code, detail, paymentId)));
    }

    private Disposition finish(InboundMail mail, Disposition disposition, Optional<String> paymentId, String detail,
            List<OutgoingMail> answers) {
        record(new InboxEntry(mail.messageId(), mail.from(), disposition, paymentId, detail), answers);
        return disposition;
    }

    /**
     * The inbox record and the answers in one commit; the answers go to this node's outbox worker straight
     * away, already leased to it, when it has room (else it finds them in the table, as another node would).
     */
    private void record(InboxEntry entry, List<OutgoingMail> answers) {
        if (answers.isEmpty()) {
            store.record(entry, answers);
            return;
        }
        Optional<Duration> lease = outbox.reserve(answers.size());
        boolean handedOver = false;
        try {
            List<MailStore.Leased> leased = store.record(entry, answers, lease);
            outbox.handOver(leased, lease.isPresent() ? answers.size() : 0);
            handedOver = true;
        } finally {
            if (!handedOver && lease.isPresent()) {
                outbox.unreserve(answers.size());
            }
        }
    }
}
