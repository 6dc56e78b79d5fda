package io.kessai.issuer.decision;

import io.kessai.card.ExpiryDate;
import io.kessai.crypto.hsm.Hsm;
import io.kessai.crypto.hsm.HsmException;
import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.IsoMessage;
import io.kessai.issuer.account.AccountKind;
import io.kessai.issuer.fault.Fault;
import io.kessai.issuer.ledger.ApprovalCode;
import io.kessai.issuer.ledger.Account;
import io.kessai.issuer.ledger.Authorization;
import io.kessai.issuer.ledger.EntryKind;
import io.kessai.issuer.ledger.JournalEntry;
import io.kessai.issuer.ledger.Ledger;
import io.kessai.issuer.ledger.Terminal;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card company's rules: turns a checked request into an answer and the journal entry that goes
 * with it. Every method runs under the ledger's lock (the caller's); none changes the ledger, which
 * the caller does by applying the returned entry. The order of the checks is the order of
 * docs/issuer.md, "Decisions".
 */
final class Authorizer {
    /** The third wrong PIN in a row locks the card's PIN (DE 39 = 75). */
    static final int MAX_PIN_TRIES = 3;
    private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);
    private static final String PURCHASE = "00";
    private static final String CASH = "01";
    private static final int TRANSACTION_TYPE_DIGITS = 2;

    private final Ledger ledger;
    private final Hsm hsm;
    private final String zonePinKeyName;
    private final String pinVerificationKeyName;
    private final Today today;

    Authorizer(Ledger ledger, Hsm hsm, String zonePinKeyName, String pinVerificationKeyName, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.hsm = Objects.requireNonNull(hsm, "hsm");
        this.zonePinKeyName = Objects.requireNonNull(zonePinKeyName, "zonePinKeyName");
        this.pinVerificationKeyName = Objects.requireNonNull(pinVerificationKeyName, "pinVerificationKeyName");
        this.today = new Today(Objects.requireNonNull(clock, "clock"));
    }

    /** A 0100 (hold on approval) or 0200 (posted on approval). */
    Decision authorize(CardRequest request) {
        Authorization earlier = ledger.find(request.key());
        if (earlier != null) {
            if (earlier.fingerprint() == request.fingerprint()) {
                return resend(request, earlier);
            }
            return cardDecision(request, EntryKind.DUPLICATE, Answer.DUPLICATE_TRANSMISSION, null, JournalEntry.NO_PIN_CHECK);
        }
        Account account = request.pan() == null ? null : ledger.account(request.panKey());
        if (ledger.reversedBeforeSeen(request.key(), request.rrnKey())) {
            return decline(request, Answer.DO_NOT_HONOUR, account, JournalEntry.NO_PIN_CHECK);
        }
        if (account == null) {
            return decline(request, Answer.NO_SUCH_CARD, null, JournalEntry.NO_PIN_CHECK);
        }
        Answer refusal = cardRefusal(request, account);
        if (refusal != null) {
            return decline(request, refusal, account, JournalEntry.NO_PIN_CHECK);
        }
        int pinFailuresAfter = JournalEntry.NO_PIN_CHECK;
        if (request.pinBlock() != null) {
            if (account.pinFailures() >= MAX_PIN_TRIES) {
                return decline(request, Answer.PIN_TRIES_EXCEEDED, account, JournalEntry.NO_PIN_CHECK);
            }
            if (account.pinVerificationValue() == null) {
                return decline(request, Answer.INCORRECT_PIN, account, JournalEntry.NO_PIN_CHECK);
            }
            Boolean correct = verifyPin(request, account);
            if (correct == null) {
                return decline(request, Answer.SYSTEM_MALFUNCTION, account, JournalEntry.NO_PIN_CHECK);
            }
            if (!correct) {
                int failures = account.pinFailures() + 1;
                return decline(request, failures >= MAX_PIN_TRIES ? Answer.PIN_TRIES_EXCEEDED : Answer.INCORRECT_PIN,
                        account, failures);
            }
            pinFailuresAfter = 0;
        } else if (account.kind() == AccountKind.DEBIT) {
            return decline(request, Answer.INCORRECT_PIN, account, JournalEntry.NO_PIN_CHECK);
        }
        if (request.amountMinor() == 0) {
            // Account verification (wallet enrolment): every check above passed; nothing is held.
            return decline(request, Answer.NO_REASON_TO_DECLINE, account, pinFailuresAfter);
        }
        if (request.amountMinor() > account.openToBuyMinor()) {
            return decline(request, Answer.INSUFFICIENT_FUNDS, account, pinFailuresAfter);
        }
        if (!request.financial() && ledger.openHoldsFull()) {
            LOG.warn("open-hold table full ({} holds): authorization declined 96", ledger.openHolds());
            return decline(request, Answer.SYSTEM_MALFUNCTION, account, pinFailuresAfter);
        }
        return cardDecision(request, request.financial() ? EntryKind.FINANCIAL : EntryKind.AUTHORIZATION,
                Answer.APPROVED, account, pinFailuresAfter);
    }

    /** Status, expiry, currency, processing code and amount: what refuses a card before its PIN is looked at. */
    private Answer cardRefusal(CardRequest request, Account account) {
        switch (account.status()) {
            case LOST -> {
                return Answer.LOST_CARD;
            }
            case STOLEN -> {
                return Answer.STOLEN_CARD;
            }
            case BLOCKED -> {
                return Answer.RESTRICTED_CARD;
            }
            case ACTIVE -> {
                // go on
            }
        }
        if (account.expiry().isExpiredOn(today.date())) {
            return Answer.EXPIRED_CARD;
        }
        for (ExpiryDate presented : request.cardExpiries()) {
            if (!presented.equals(account.expiry())) {
                return Answer.EXPIRED_CARD; // an expiry the card company did not issue: treated as a wrong/old card
            }
        }
        if (!request.currency().equals(account.currency())) {
            return Answer.INVALID_TRANSACTION;
        }
        String processingCode = request.processingCode();
        if (processingCode != null && processingCode.length() >= TRANSACTION_TYPE_DIGITS) {
            String type = processingCode.substring(0, TRANSACTION_TYPE_DIGITS);
            if (!type.equals(PURCHASE) && !type.equals(CASH)) {
                return Answer.INVALID_TRANSACTION;
            }
        }
        if (request.amountMinor() == 0 && request.financial()) {
            return Answer.INVALID_AMOUNT; // a 0200 posts money; zero is no posting
        }
        return null;
    }

    /** True or false from the HSM; null when the HSM cannot check (no zone PIN key). */
    private Boolean verifyPin(CardRequest request, Account account) {
        try {
            return hsm.verifyPin(zonePinKeyName, request.pinBlock(), request.pan(), pinVerificationKeyName,
                    account.pinVerificationValue());
        } catch (HsmException e) {
            LOG.warn("PIN of {} not checked: {}", account.maskedPan(), e.getMessage());
            return null;
        }
    }

    private Decision decline(CardRequest request, Answer answer, Account account, int pinFailuresAfter) {
        return cardDecision(request, request.financial() ? EntryKind.FINANCIAL : EntryKind.AUTHORIZATION, answer,
                account, pinFailuresAfter);
    }

    private Decision cardDecision(CardRequest request, EntryKind kind, Answer answer, Account account, int pinFailuresAfter) {
        long seq = ledger.nextSeq();
        boolean approved = answer == Answer.APPROVED;
        String approvalCode = approved ? ApprovalCode.forSeq(seq) : null;
        long amount = request.amountMinor();
        long hold = approved && kind == EntryKind.AUTHORIZATION ? amount : 0;
        long posted = approved && kind == EntryKind.FINANCIAL ? amount : 0;
        assert !approved || hold + posted == amount;
        // The account's own masked PAN and currency strings, where they apply: shared, not one per request.
        String maskedPan = account == null ? request.maskedPan() : account.maskedPan();
        String summaryPan = maskedPan;
        String currency = account != null && account.currency().equals(request.currency()) ? account.currency()
                : request.currency();
        JournalEntry entry = new JournalEntry(seq, kind, request.message().mti(), kind == EntryKind.DUPLICATE ? null : request.key(),
                request.key().terminal(), request.key().stan(), request.rrn(),
                account == null ? null : account.key(), maskedPan, amount, currency, answer.code(),
                approvalCode, hold, posted, pinFailuresAfter, request.fingerprint());
        IsoMessage response = answer(request.message(), answer.code(), approvalCode);
        Fault fault = account == null ? null : account.fault();
        String mti = request.message().mti();
        return new Decision(response, entry, true, fault,
                () -> summary(mti, entry.messageStan(), entry.terminal(), summaryPan, answer.code()));
    }

    /** An exact re-send: the first answer again, nothing journaled. */
    private Decision resend(CardRequest request, Authorization first) {
        Account account = first.account();
        IsoMessage response = answer(request.message(), first.responseCode(), first.approvalCode());
        String mti = request.message().mti();
        return new Decision(response, null, true, account == null ? null : account.fault(),
                () -> summary(mti, request.key().stan(), request.key().terminal(),
                        account == null ? "-" : account.maskedPan(), first.responseCode()) + " (re-send)");
    }

    /** A 0220 completion or a 0400/0420 reversal. */
    Decision followUp(FollowUpRequest request) {
        Authorization original = ledger.find(request.originalKey());
        if (original == null) {
            original = ledger.find(request.rrnKey());
        }
        return request.completion() ? complete(request, original) : reverse(request, original);
    }

    private Decision complete(FollowUpRequest request, Authorization original) {
        if (original == null) {
            return unchanged(request, null, Answer.INVALID_TRANSACTION, null);
        }
        String approvalCode = original.approvalCode();
        switch (original.state()) {
            case COMPLETED -> {
                return unchanged(request, original, Answer.APPROVED, approvalCode); // a repeated completion
            }
            case HELD -> {
                // settled below
            }
            default -> {
                return unchanged(request, original, Answer.INVALID_TRANSACTION, null);
            }
        }
        if (request.currency() != null && !request.currency().equals(original.currency())) {
            return unchanged(request, original, Answer.INVALID_TRANSACTION, null);
        }
        if (request.amountMinor() > original.heldMinor()) {
            return unchanged(request, original, Answer.INVALID_AMOUNT, null);
        }
        return settle(request, original, EntryKind.COMPLETION, request.amountMinor(), -original.heldMinor(),
                request.amountMinor());
    }

    private Decision reverse(FollowUpRequest request, Authorization original) {
        if (original == null) {
            if (ledger.reversedBeforeSeen(request.originalKey(), request.rrnKey())) {
                return unchanged(request, null, Answer.APPROVED, null); // a repeated reversal of an unseen original
            }
            long seq = ledger.nextSeq();
            JournalEntry entry = new JournalEntry(seq, EntryKind.UNMATCHED_REVERSAL, request.message().mti(),
                    request.originalKey(), request.terminal(), request.stan(), rrnOf(request.message()), null, null,
                    Math.max(0, request.amountMinor()), request.currency(), Answer.APPROVED.code(), null, 0, 0,
                    JournalEntry.NO_PIN_CHECK, 0);
            String mti = request.message().mti();
            return new Decision(answer(request.message(), Answer.APPROVED.code(), null), entry, true, null,
                    () -> summary(mti, request.stan(), request.terminal(), "-", Answer.APPROVED.code()) + " (original not seen)");
        }
        return switch (original.state()) {
            case HELD -> settle(request, original, EntryKind.REVERSAL, original.heldMinor(), -original.heldMinor(), 0);
            case POSTED, COMPLETED -> settle(request, original, EntryKind.REVERSAL, original.postedMinor(), 0,
                    -original.postedMinor());
            case REVERSED, DECLINED -> unchanged(request, original, Answer.APPROVED, null);
        };
    }

    private Decision settle(FollowUpRequest request, Authorization original, EntryKind kind, long amountMinor,
            long holdDeltaMinor, long postedDeltaMinor) {
        Account account = original.account();
        long seq = ledger.nextSeq();
        String rrn = rrnOf(request.message());
        if (rrn == null && original.rrnKey() != null) {
            rrn = original.rrnKey().rrn();
        }
        String maskedPan = maskedPan(original);
        JournalEntry entry = new JournalEntry(seq, kind, request.message().mti(), original.key(), original.key().terminal(),
                request.stan(), rrn, account == null ? null : account.key(), maskedPan, amountMinor,
                original.currency(), Answer.APPROVED.code(), original.approvalCode(), holdDeltaMinor, postedDeltaMinor,
                JournalEntry.NO_PIN_CHECK, 0);
        IsoMessage response = answer(request.message(), Answer.APPROVED.code(), original.approvalCode());
        String mti = request.message().mti();
        return new Decision(response, entry, true, account == null ? null : account.fault(),
                () -> summary(mti, request.stan(), request.terminal(), maskedPan, Answer.APPROVED.code()));
    }

    /** An answer that changes nothing; still after the journal, since it reads state that may be in flight. */
    private Decision unchanged(FollowUpRequest request, Authorization original, Answer answer, String approvalCode) {
        String maskedPan = original == null ? "-" : maskedPan(original);
        String mti = request.message().mti();
        Account account = original == null ? null : original.account();
        return new Decision(answer(request.message(), answer.code(), approvalCode), null, true,
                account == null ? null : account.fault(),
                () -> summary(mti, request.stan(), request.terminal(), maskedPan, answer.code()));
    }

    private static String maskedPan(Authorization authorization) {
        return authorization.account() == null ? "-" : authorization.account().maskedPan();
    }

    static IsoMessage answer(IsoMessage request, String responseCode, String approvalCode) {
        IsoMessage response = request.createResponse();
        response.set(DataElement.RESPONSE_CODE, responseCode);
        if (approvalCode != null) {
            response.set(DataElement.AUTHORIZATION_ID_RESPONSE, approvalCode);
        }
        return response;
    }

    private static String rrnOf(IsoMessage message) {
        return message.hasField(DataElement.RETRIEVAL_REFERENCE_NUMBER)
                ? message.get(DataElement.RETRIEVAL_REFERENCE_NUMBER).strip() : null;
    }

    /** Built from values read before the request is wiped: a summary may be logged after that. */
    static String summary(String mti, int stan, long terminal, String maskedPan, String responseCode) {
        return mti + " stan=" + String.format("%06d", stan) + " terminal=" + Terminal.unpack(terminal) + " card="
                + maskedPan + " -> " + responseCode;
    }
}
