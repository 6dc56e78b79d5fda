package io.kessai.center.wallet;

import io.kessai.center.flow.FlowDirectory;
import io.kessai.center.flow.FlowDirectory.MerchantEntry;
import io.kessai.center.flow.FlowDirectory.ResponseRule.Outcome;
import io.kessai.center.flow.PaymentIds;
import io.kessai.iso8583.kessai.JapanPaymentOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 001's payment flows, top to bottom: at the counter (Fig. 5, S1–S17) and online (Fig. 8,
 * STP1–STP17). Both end in the same steps: the owner verifies on the phone (S6–S10), picks card, method
 * and items, confirms the amount (S11–S12), the card company decides (S13–S14), a decline offers the
 * other cards (S15–S16), an approval completes with a slip (S17).
 */
public final class WalletPayments {
    private static final Logger LOG = LoggerFactory.getLogger(WalletPayments.class);
    static final String ONLINE_TERMINAL = "ONLINE01";
    static final String POS_TERMINAL = "POS00001";
    static final int MAX_LINES = 20;
    static final int MAX_QUANTITY = 99;
    static final long MAX_AMOUNT_MINOR = 999_999_999_999L;
    static final int RECOVERY_BATCH = 500;
    private static final java.util.Set<io.kessai.center.journal.PaymentState> IN_FLIGHT = java.util.EnumSet.of(
            io.kessai.center.journal.PaymentState.OPENED, io.kessai.center.journal.PaymentState.ROUTED,
            io.kessai.center.journal.PaymentState.SENT_TO_ISSUER, io.kessai.center.journal.PaymentState.APPROVED);
    /** DE 39 recorded for an attempt a crash interrupted before the issuer answered. */
    static final String UNAVAILABLE_CODE = "91";

    private final RequestStore requests;
    private final WalletStore wallets;
    private final ShopStore shops;
    private final WalletIssuer issuer;
    private final FlowDirectory directory;
    private final Events events;
    private final Webhooks webhooks;
    private final ReceiptSender receipts;
    private final WalletSettings settings;
    private final Function<String, String> issuerNames;
    private final Clock clock;
    private CounterCodes codes;

    public WalletPayments(RequestStore requests, WalletStore wallets, ShopStore shops, WalletIssuer issuer, FlowDirectory directory,
            Events events, Webhooks webhooks, ReceiptSender receipts, WalletSettings settings, Function<String, String> issuerNames,
            Clock clock) {
        this.requests = requests;
        this.wallets = wallets;
        this.shops = shops;
        this.issuer = issuer;
        this.directory = directory;
        this.events = events;
        this.webhooks = webhooks;
        this.receipts = receipts;
        this.settings = settings;
        this.issuerNames = issuerNames;
        this.clock = clock;
    }

    synchronized CounterCodes codes() {
        if (codes == null) {
            codes = new CounterCodes(wallets.secret("counter-code"));
        }
        return codes;
    }

    // ---- the phone's code (S1) ----

    public record Code(String digits, String qrPayload, Instant expiresAt) {}

    /** S1: a short-lived code for the wallet; whether the wallet may pay is checked when a shop uses it (S3–S5). */
    public Code newCode(String walletId) {
        Instant expiresAt = clock.instant().plus(settings.counterCodeTtl());
        for (int tries = 0; tries < 3; tries++) {
            String digits = Secrets.digits(CounterCodes.DIGITS);
            if (wallets.insertCode(digits, walletId, expiresAt)) {
                return new Code(digits, codes().qrPayload(digits, expiresAt), expiresAt);
            }
        }
        throw new IllegalStateException("no free 12-digit code in 3 draws: the code table needs cleaning");
    }

    // ---- the counter: S2–S6 ----

    public record CounterAsk(String merchantId, String terminalId, String code, Long amountMinor, String currency, String description) {}

    /** S2–S6: the POS sends the code with its merchant ID (and an amount, or none to let the customer choose items). */
    public WalletRequest askAtCounter(Shop caller, CounterAsk ask) {
        if (ask.merchantId() == null || ask.merchantId().isBlank()) {
            throw WalletErrors.required("merchantId");
        }
        MerchantEntry merchant = registeredMerchant(ask.merchantId());           // S3: is the shop registered?
        if (!caller.merchantId().equals(merchant.id())) {
            throw WalletErrors.of(WalletErrors.FORBIDDEN, "merchant_mismatch", "this API key belongs to merchant " + caller.merchantId()
                    + ", not " + merchant.id(), "merchantId");
        }
        if (ask.code() == null || ask.code().isBlank()) {
            throw WalletErrors.required("code");
        }
        String currency = currency(ask.currency());
        Optional<Long> amount = Optional.ofNullable(ask.amountMinor());
        amount.ifPresent(a -> requireAmount(a, "amountMinor"));
        if (amount.isEmpty() && shops.catalogue(merchant.id()).isEmpty()) {
            throw WalletErrors.required("amountMinor");
        }
        String terminal = ask.terminalId() == null || ask.terminalId().isBlank() ? POS_TERMINAL : terminalId(ask.terminalId());
        String digits = codeDigits(ask.code());
        Instant now = clock.instant();
        WalletRequest draft = new WalletRequest(PaymentIds.next("wpr_"), merchant.id(), WalletRequest.Channel.POS, terminal,
                Optional.empty(), RequestState.WAITING_FOR_OWNER, amount, currency, List.of(),
                ask.description() == null ? "" : Fields.requireText(ask.description(), "description"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, now, now, now.plus(settings.requestTtl()));
        // S3–S5: is the phone registered? Its code is used up and the request stored in one step.
        RequestStore.UsedCode used = requests.insertForCode(draft, digits).orElseThrow(() -> unusableCode(digits));
        if (!used.walletStatus().equals("ACTIVE")) {
            throw WalletErrors.of(WalletErrors.FORBIDDEN, "wallet_suspended", "this wallet is suspended", "code");
        }
        WalletRequest request = new WalletRequest(draft.id(), draft.merchantId(), draft.channel(), draft.terminalId(),
                Optional.of(used.walletId()), draft.state(), draft.amountMinor(), draft.currency(), draft.lines(), draft.description(),
                draft.returnUrl(), draft.verifiedAt(), draft.cardId(), draft.panMasked(), draft.paymentMethod(), draft.installments(),
                draft.paymentId(), draft.approvalCode(), draft.responseCode(), draft.reason(), draft.attempts(), draft.createdAt(),
                draft.updatedAt(), draft.expiresAt());
        events.publish(Events.walletTopic(used.walletId()), "payment_request", Map.of("requestId", request.id()));  // S6: to the phone
        return request;
    }

    /** The digits of a code the phone shows, its signature and time checked (no database yet). */
    private String codeDigits(String code) {
        StringBuilder why = new StringBuilder();
        return codes().digitsOf(code, clock.instant(), why)
                .orElseThrow(() -> WalletErrors.of(WalletErrors.BAD_REQUEST, "invalid_code", why.toString(), "code"));
    }

    /** Why a well-formed code could not be used (S5). */
    private io.kessai.center.http.ApiException unusableCode(String digits) {
        Optional<WalletStore.CodeState> state = wallets.codeState(digits);
        if (state.isEmpty()) {
            return WalletErrors.of(WalletErrors.NOT_FOUND, "wallet_not_found", "no wallet shows this code: the phone is not registered"
                    + " here (S5)", "code");
        }
        if (state.get().expired() && !state.get().alreadyUsed()) {
            return WalletErrors.of(WalletErrors.GONE, "code_expired", "this code has expired; the phone shows a new one", "code");
        }
        return WalletErrors.of(WalletErrors.CONFLICT, "code_used", "this code was used already; the phone shows a new one", "code");
    }

    // ---- online: STP1–STP6 ----

    public record ItemAsk(String sku, Integer quantity, List<String> seats) {}

    public record OnlineAsk(Long amountMinor, String currency, List<ItemAsk> items, String returnUrl, String description) {}

    /** STP1: the shop creates a payment; the customer will give the phone number on the checkout page. */
    public WalletRequest askOnline(Shop shop, OnlineAsk ask) {
        MerchantEntry merchant = registeredMerchant(shop.merchantId());
        String currency = currency(ask.currency());
        String returnUrl = Fields.requireUrl(ask.returnUrl(), "returnUrl");
        List<WalletRequest.Line> lines = ask.items() == null || ask.items().isEmpty() ? List.of() : price(merchant.id(), ask.items(), currency);
        Optional<Long> amount = Optional.ofNullable(ask.amountMinor());
        amount.ifPresent(a -> requireAmount(a, "amountMinor"));
        if (!lines.isEmpty()) {
            long total = total(lines);
            if (amount.isPresent() && amount.get() != total) {
                throw WalletErrors.of(WalletErrors.BAD_REQUEST, "amount_mismatch", "amountMinor " + amount.get()
                        + " is not the items' total " + total, "amountMinor");
            }
            amount = Optional.of(total);
        }
        if (amount.isEmpty()) {
            throw WalletErrors.required("amountMinor");
        }
        Instant now = clock.instant();
        WalletRequest request = new WalletRequest(PaymentIds.next("wpr_"), merchant.id(), WalletRequest.Channel.ONLINE, ONLINE_TERMINAL,
                Optional.empty(), RequestState.WAITING_FOR_CUSTOMER, amount, currency, lines,
                ask.description() == null ? "" : Fields.requireText(ask.description(), "description"), Optional.of(returnUrl),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, now, now, now.plus(settings.requestTtl()));
        requests.insert(request);
        return request;
    }

    /** STP2–STP6: the customer gives the phone number on the checkout page; the center asks that phone. */
    public WalletRequest claimOnline(String requestId, String rawPhone) {
        String phone = Fields.requirePhone(rawPhone, "phone");
        Wallet wallet = wallets.byPhone(phone).filter(w -> w.status().equals("ACTIVE")).orElseThrow(() -> WalletErrors.of(
                WalletErrors.NOT_FOUND, "phone_not_registered", "phone number " + phone + " has no Kessai wallet (STP5)", "phone"));
        return claimOnline(requestId, wallet);
    }

    /** STP2–STP6 the other way: the phone scanned the checkout page's QR code. */
    public WalletRequest claimOnline(String requestId, Wallet wallet) {
        WalletRequest request = requests.find(requestId).filter(r -> r.channel() == WalletRequest.Channel.ONLINE)
                .orElseThrow(() -> notFound(requestId));
        registeredMerchant(request.merchantId());
        if (!wallet.status().equals("ACTIVE")) {
            throw WalletErrors.of(WalletErrors.FORBIDDEN, "wallet_suspended", "this wallet is suspended");
        }
        if (!requests.move(requestId, RequestState.WAITING_FOR_CUSTOMER, RequestState.WAITING_FOR_OWNER, "wallet_id = :w",
                u -> u.bind("w", wallet.id()))) {
            throw stateError(requests.find(requestId).orElseThrow(), "waiting for the customer's phone number");
        }
        events.publish(Events.walletTopic(wallet.id()), "payment_request", Map.of("requestId", requestId));
        publishState(requests.find(requestId).orElseThrow());
        return requests.find(requestId).orElseThrow();
    }

    // ---- the phone: S6–S17 ----

    /** A request the wallet may see: its own, else 404 (never "someone else's"). */
    public WalletRequest forWallet(Wallet wallet, String requestId) {
        return requests.find(requestId).filter(r -> r.walletId().map(wallet.id()::equals).orElse(false))
                .orElseThrow(() -> notFound(requestId));
    }

    public List<WalletRequest> pendingFor(Wallet wallet) {
        return requests.openForWallet(wallet.id());
    }

    /** A wallet with one of its own requests. */
    public record Owned(Wallet wallet, WalletRequest request) {}

    /**
     * The wallet and its request {@code requestId} read in one round trip (the PIN and the payment need
     * both): empty when there is no such wallet; 404 when the request is not this wallet's.
     */
    public Optional<Owned> owned(String walletId, String requestId) {
        return wallets.byIdWithRequest(walletId, requestId).map(found -> new Owned(found.wallet(),
                found.request().flatMap(requests::expiredIfDue).orElseThrow(() -> notFound(requestId))));
    }

    /** S7–S10: the owner's PIN; three wrong in a row lock the wallet. */
    public WalletRequest verifyWithPin(Wallet wallet, String requestId, String pin) {
        return verifyWithPin(new Owned(wallet, forWallet(wallet, requestId)), pin);
    }

    /** As above, for a request read with its wallet. */
    public WalletRequest verifyWithPin(Owned owned, String pin) {
        checkPin(owned.wallet(), pin);
        return markVerified(owned.request());
    }

    /** S8: the owner is verified (PIN checked); a declined request may be verified again for another card. */
    public WalletRequest markVerified(WalletRequest request) {
        if (request.state() == RequestState.VERIFIED || request.state() == RequestState.DECLINED) {
            requests.update(request.id(), request.state(), "verified_at = :now", u -> u.bind("now", java.sql.Timestamp.from(clock.instant())));
            return requests.find(request.id()).orElseThrow();
        }
        WalletRequest verified = requests.moveToVerified(request.id())
                .orElseThrow(() -> stateError(requests.find(request.id()).orElseThrow(), "waiting for the owner"));
        publishState(verified);
        return verified;
    }

    /** The PIN check with lockout; throws the answer the phone shows. */
    public void checkPin(Wallet wallet, String pin) {
        Instant now = clock.instant();
        if (wallet.lockedAt(now)) {
            throw locked(wallet);
        }
        if (!PinHasher.wellFormed(pin)) {
            throw WalletErrors.of(WalletErrors.BAD_REQUEST, "invalid_pin", "pin must be 4 to 6 digits", "pin");
        }
        if (PinHasher.matches(pin, wallet.pinSalt(), wallet.pinIterations(), wallet.pinHash())) {
            // Nothing to reset when the wallet (read for this call) had no wrong try and no lock: a wrong
            // try committed since then counts as after this right one (ADR 0013).
            if (wallet.pinFailures() != 0 || wallet.lockCount() != 0 || wallet.lockedUntil().isPresent()) {
                wallets.recordRightPin(wallet.id());
            }
            return;
        }
        Wallet after = wallets.recordWrongPin(wallet.id(), PinLockout.MAX_WRONG_IN_A_ROW);
        if (after.lockedAt(now)) {
            throw locked(after);
        }
        int left = PinLockout.MAX_WRONG_IN_A_ROW - after.pinFailures();
        throw WalletErrors.of(WalletErrors.UNAUTHORIZED, "wrong_pin", "the PIN is wrong; " + left + (left == 1 ? " try" : " tries")
                + " left before the wallet locks", "pin");
    }

    private static io.kessai.center.http.ApiException locked(Wallet wallet) {
        return WalletErrors.of(WalletErrors.LOCKED, "wallet_locked", "too many wrong PINs: the wallet is locked until "
                + wallet.lockedUntil().orElseThrow() + " (UTC)");
    }

    public record Quote(long amountMinor, String currency, List<WalletRequest.Line> lines) {}

    /** Fig. 6 b–i: prices the chosen items (or takes the shop's amount) for the owner to confirm. */
    public Quote quote(WalletRequest request, List<ItemAsk> items) {
        if (request.amountMinor().isPresent()) {
            if (items != null && !items.isEmpty() && request.lines().isEmpty()) {
                throw WalletErrors.of(WalletErrors.BAD_REQUEST, "amount_fixed", "the shop set the amount; no items can be chosen", "items");
            }
            return new Quote(request.amountMinor().get(), request.currency(), request.lines());
        }
        if (items == null || items.isEmpty()) {
            throw WalletErrors.required("items");
        }
        List<WalletRequest.Line> lines = price(request.merchantId(), items, request.currency());
        return new Quote(total(lines), request.currency(), lines);
    }

    public record PayChoice(String cardId, String paymentMethod, Integer installments, List<ItemAsk> items, Long confirmedAmountMinor) {}

    /** What the phone shows after "pay": completed, or declined with the other cards to choose from. */
    public record PayResult(WalletRequest request, WalletIssuer.Answer answer, List<Wallet.Card> otherCards) {}

    /** S11–S17: card, method, items and the confirmed amount; the card company decides. */
    public PayResult pay(Wallet wallet, String requestId, PayChoice choice) {
        return pay(new Owned(wallet, forWallet(wallet, requestId)), choice);
    }

    /** As above, for a request read with its wallet. */
    public PayResult pay(Owned owned, PayChoice choice) {
        Wallet wallet = owned.wallet();
        WalletRequest request = owned.request();
        if (request.state() != RequestState.VERIFIED && request.state() != RequestState.DECLINED) {
            throw stateError(request, request.state() == RequestState.WAITING_FOR_OWNER ? "verified by the owner (PIN or passkey) first"
                    : "verified and not yet paid");
        }
        if (request.verifiedAt().map(at -> at.plus(settings.requestTtl()).isBefore(clock.instant())).orElse(true)) {
            throw WalletErrors.of(WalletErrors.CONFLICT, "verification_expired", "verify with the PIN or passkey again");
        }
        if (choice.cardId() == null) {
            throw WalletErrors.required("cardId");
        }
        Wallet.Card card = wallet.card(choice.cardId()).orElseThrow(() -> WalletErrors.of(WalletErrors.NOT_FOUND, "card_not_found",
                "this wallet has no card " + choice.cardId(), "cardId"));
        if (choice.paymentMethod() == null) {
            throw WalletErrors.required("paymentMethod");
        }
        JapanPaymentOptions options;
        try {
            options = PaymentMethods.options(choice.paymentMethod(), Optional.ofNullable(choice.installments()));
        } catch (IllegalArgumentException e) {
            throw WalletErrors.of(WalletErrors.BAD_REQUEST, "invalid_payment_method", e.getMessage(), "paymentMethod");
        }
        Quote quote = quote(request, request.amountMinor().isPresent() ? null : choice.items());
        if (choice.confirmedAmountMinor() == null) {
            throw WalletErrors.required("confirmedAmountMinor");
        }
        if (choice.confirmedAmountMinor() != quote.amountMinor()) {
            throw WalletErrors.of(WalletErrors.CONFLICT, "amount_changed", "the amount is " + quote.amountMinor() + " " + quote.currency()
                    + ", not the confirmed " + choice.confirmedAmountMinor() + "; confirm it again (Fig. 6 i)", "confirmedAmountMinor");
        }
        MerchantEntry merchant = registeredMerchant(request.merchantId());
        boolean catalogueLines = !quote.lines().isEmpty();
        if (catalogueLines) {
            try {
                shops.reserve(request.merchantId(), request.id(), quote.lines());
            } catch (ShopStore.Unavailable e) {
                throw WalletErrors.of(WalletErrors.CONFLICT, "out_of_stock", e.getMessage(), e.field());
            }
        }
        Optional<Integer> installments = Optional.ofNullable(choice.installments());
        RequestMoves.Choice chosen = new RequestMoves.Choice(card.id(), card.panMasked(), choice.paymentMethod(),
                installments, quote.amountMinor(), RequestStore.linesJson(quote.lines()));
        Optional<RequestStore.Authorizing> authorizing = requests.moveToAuthorizing(request.id(), request.state(), chosen);
        if (authorizing.isEmpty()) {
            if (catalogueLines) {
                shops.release(request.merchantId(), request.id(), quote.lines());
            }
            throw stateError(requests.find(request.id()).orElseThrow(), "verified and not yet paid");
        }
        WalletIssuer.Answer answer;
        try {
            publishState(authorizing.get().request());
            answer = issuer.charge(new WalletIssuer.Charge(request.id(), request.attempts() + 1, merchant.id(), request.terminalId(),
                    merchant.merchantCategoryCode(), card.id(), card.panIndex(), card.expiryYymm(), authorizing.get().panEncrypted()
                    .orElseThrow(() -> new IllegalStateException("card " + card.id() + " left the wallet during the payment")),
                    quote.amountMinor(), Currency.getInstance(request.currency()), options, choice.paymentMethod(), installments));
        } catch (RuntimeException e) {
            // Nothing reached the issuer, or the journal reverses what did: the owner may try again.
            requests.move(request.id(), RequestState.AUTHORIZING, RequestState.DECLINED, "response_code = '96', reason = 'system_error'", u -> {});
            if (catalogueLines) {
                shops.release(request.merchantId(), request.id(), quote.lines());
            }
            throw e;
        }
        RequestMoves.Outcome outcome = new RequestMoves.Outcome(answer.paymentId(), answer.approvalCode(), answer.responseCode(),
                answer.reason());
        if (answer.outcome() == Outcome.APPROVED) {
            RequestStore.Finished completed = requests.moveAnswered(request.id(), RequestState.COMPLETED, outcome)
                    .orElseThrow(() -> new IllegalStateException("request " + request.id() + " left AUTHORIZING"
                            + " while its payment was authorized"));                                                   // S17
            WalletRequest done = completed.request();
            finished(completed, "payment.completed");
            sendSlip(wallet, done, merchant.name());
            return new PayResult(done, answer, List.of());
        }
        WalletRequest declined = requests.moveAnswered(request.id(), RequestState.DECLINED, outcome).map(RequestStore.Finished::request)
                .orElseThrow(() -> new IllegalStateException("request " + request.id() + " left AUTHORIZING while with the issuer"));  // S14–S15
        if (catalogueLines) {
            shops.release(request.merchantId(), request.id(), quote.lines());
        }
        publishState(declined);
        List<Wallet.Card> others = wallet.cards().stream().filter(c -> !c.id().equals(card.id())).toList();          // S16
        return new PayResult(declined, answer, others);
    }

    /**
     * Requests a crash left AUTHORIZING, untouched since {@code cutoff}, take the outcome of their journal
     * attempt ({@code <id>#<attempt>}): completed (an approval whose completion was not queued yet is
     * completed now, with the method the owner chose); still with the issuer — left for the journal's
     * recovery to finish first, and a later pass; anything else (declined, reversed, never journaled) —
     * back to DECLINED with stock and seats given back, so the owner can try again or another card.
     */
    public int recoverInterrupted(Instant cutoff) {
        int recovered = 0;
        for (WalletRequest r : requests.untouchedSince(RequestState.AUTHORIZING, cutoff, RECOVERY_BATCH)) {
            Optional<io.kessai.center.journal.Payment> attempt = issuer.attempt(r.id(), r.attempts());
            io.kessai.center.journal.PaymentState journaled = attempt.map(io.kessai.center.journal.Payment::state).orElse(null);
            if (journaled != null && IN_FLIGHT.contains(journaled)) {
                continue;
            }
            if (journaled == io.kessai.center.journal.PaymentState.ADDITIONAL_ITEMS_REQUESTED) {
                issuer.completeApproved(attempt.get(), r.paymentMethod().orElseThrow(), r.installments());
                attempt = issuer.attempt(r.id(), r.attempts());
                journaled = io.kessai.center.journal.PaymentState.COMPLETED;
            }
            Optional<io.kessai.center.journal.Payment> outcomeOf = attempt;
            Consumer<Update> outcome = u -> u.bind("pid", outcomeOf.map(io.kessai.center.journal.Payment::id).orElse(null))
                    .bind("ac", outcomeOf.flatMap(io.kessai.center.journal.Payment::approvalCode).orElse(null))
                    .bind("rc", outcomeOf.flatMap(io.kessai.center.journal.Payment::responseCode).orElse(UNAVAILABLE_CODE));
            String columns = "payment_id = :pid, approval_code = :ac, response_code = :rc, reason = ";
            if (journaled == io.kessai.center.journal.PaymentState.COMPLETED) {
                requests.moveAndGet(r.id(), RequestState.AUTHORIZING, RequestState.COMPLETED, columns + "''", outcome)
                        .ifPresent(done -> finished(done, "payment.completed"));
            } else {
                requests.moveAndGet(r.id(), RequestState.AUTHORIZING, RequestState.DECLINED, columns + "'interrupted'", outcome)
                        .ifPresent(this::publishState);
                if (!r.lines().isEmpty()) {
                    shops.release(r.merchantId(), r.id(), r.lines());
                }
            }
            recovered++;
        }
        return recovered;
    }

    /** The owner (or the shop) cancels before paying. */
    public WalletRequest cancel(WalletRequest request) {
        for (RequestState from : List.of(RequestState.WAITING_FOR_CUSTOMER, RequestState.WAITING_FOR_OWNER, RequestState.VERIFIED,
                RequestState.DECLINED)) {
            if (request.state() == from && requests.move(request.id(), from, RequestState.CANCELLED, "", u -> {})) {
                WalletRequest cancelled = requests.find(request.id()).orElseThrow();
                finished(cancelled, "payment.cancelled");
                return cancelled;
            }
        }
        throw stateError(requests.find(request.id()).orElseThrow(), "open (not paid, cancelled or expired)");
    }

    /** A shop refunds a completed payment in full: the authorization's reversal goes to the issuer. */
    public WalletRequest refund(WalletRequest request) {
        if (request.state() == RequestState.REFUNDED) {
            return request;
        }
        if (request.state() != RequestState.COMPLETED) {
            throw stateError(request, "completed");
        }
        // The reversal is queued first (idempotently): a crash between the two steps leaves a request that
        // can be refunded again, never one marked refunded whose money was not released.
        issuer.refund(request.paymentId().orElseThrow());
        if (!requests.move(request.id(), RequestState.COMPLETED, RequestState.REFUNDED, "", u -> {})) {
            return requests.find(request.id()).orElseThrow();
        }
        if (!request.lines().isEmpty()) {
            shops.release(request.merchantId(), request.id(), request.lines());
        }
        WalletRequest refunded = requests.find(request.id()).orElseThrow();
        finished(refunded, "payment.refunded");
        return refunded;
    }

    public WalletRequest forMerchant(String merchantId, String requestId) {
        return requests.find(requestId).filter(r -> r.merchantId().equals(merchantId)).orElseThrow(() -> notFound(requestId));
    }

    public Optional<WalletRequest> find(String requestId) {
        return requests.find(requestId);
    }

    public List<WalletRequest> list(String merchantId, int limit, Optional<String> startingAfter) {
        return requests.list(merchantId, limit, startingAfter);
    }

    public String merchantName(String merchantId) {
        return directory.merchant(merchantId).map(MerchantEntry::name).orElse(merchantId);
    }

    public String issuerName(String issuerId) {
        return issuerNames.apply(issuerId);
    }

    public List<CatalogueItem> catalogue(String merchantId) {
        return shops.catalogue(merchantId);
    }

    // ---- edges ----

    private void finished(WalletRequest request, String eventType) {
        publishState(request);
        try {
            Instant at = clock.instant();
            webhooks.enqueue(request.merchantId(), request.id(), eventType, () -> WalletJson.webhookPayload(request, eventType, at));
        } catch (RuntimeException e) {
            LOG.error("webhook for {} not queued: {}", request.id(), e.getMessage());
        }
    }

    /** As above for a request whose final move said already whether its shop has a webhook URL (no second look-up). */
    private void finished(RequestStore.Finished finished, String eventType) {
        WalletRequest request = finished.request();
        publishState(request);
        if (!finished.shopHasWebhook()) {
            return;
        }
        try {
            webhooks.insert(request.merchantId(), request.id(), eventType, WalletJson.webhookPayload(request, eventType, clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("webhook for {} not queued: {}", request.id(), e.getMessage());
        }
    }

    void publishState(WalletRequest request) {
        Map<String, Object> state = Map.of("requestId", request.id(), "state", request.state().apiName());
        events.publish(Events.requestTopic(request.id()), "state", state);
        request.walletId().ifPresent(w -> events.publish(Events.walletTopic(w), "state", state));
    }

    private void sendSlip(Wallet wallet, WalletRequest done, String merchantName) {
        Thread.ofVirtual().name("slip-mail").start(() -> {
            try {
                receipts.sendReceipt(wallet.email(), "Kessai ご利用控え / slip " + done.id(), "ご利用ありがとうございました。控えを添付します。\r\n"
                        + "Thank you. Your slip is attached.\r\n" + merchantName + ": " + done.amountMinor().orElseThrow() + " "
                        + done.currency() + "\r\n", () -> Slips.pdf(done, merchantName), Slips.fileName(done));
            } catch (OneTimeCodeSender.DeliveryException | RuntimeException e) {
                LOG.warn("slip of {} not mailed: {}", done.id(), e.getMessage());
            }
        });
    }

    /** The shop's merchant must be registered and active (S3). */
    public MerchantEntry requireMerchant(String merchantId) {
        return registeredMerchant(merchantId);
    }

    private MerchantEntry registeredMerchant(String merchantId) {
        MerchantEntry merchant = directory.merchant(merchantId).orElseThrow(() -> WalletErrors.of(WalletErrors.NOT_FOUND,
                "merchant_not_registered", "merchant " + merchantId + " is not registered with this center (S5)", "merchantId"));
        if (!merchant.active()) {
            throw WalletErrors.of(WalletErrors.FORBIDDEN, "merchant_suspended", "merchant " + merchantId + " is suspended", "merchantId");
        }
        return merchant;
    }

    private List<WalletRequest.Line> price(String merchantId, List<ItemAsk> items, String currency) {
        if (items.size() > MAX_LINES) {
            throw WalletErrors.invalid("items", "at most " + MAX_LINES + " items");
        }
        Map<String, CatalogueItem> catalogue = shops.catalogue(merchantId).stream().collect(Collectors.toMap(CatalogueItem::sku, i -> i));
        List<WalletRequest.Line> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ItemAsk ask = items.get(i);
            String field = "items[" + i + "]";
            if (ask == null || ask.sku() == null) {
                throw WalletErrors.required(field + ".sku");
            }
            CatalogueItem item = catalogue.get(ask.sku());
            if (item == null) {
                throw WalletErrors.of(WalletErrors.BAD_REQUEST, "unknown_item", "the shop has no item " + ask.sku(), field + ".sku");
            }
            if (!item.currency().equals(currency)) {
                throw WalletErrors.invalid(field + ".sku", ask.sku() + " is priced in " + item.currency() + ", the payment is in " + currency);
            }
            List<String> seats = ask.seats() == null ? List.of() : List.copyOf(ask.seats());
            int quantity = ask.quantity() == null ? seats.isEmpty() ? 1 : seats.size() : ask.quantity();
            if (quantity < 1 || quantity > MAX_QUANTITY) {
                throw WalletErrors.invalid(field + ".quantity", "quantity must be 1 to " + MAX_QUANTITY);
            }
            if (item.kind() == CatalogueItem.Kind.TICKET && !item.freeSeats().isEmpty() || !seats.isEmpty()) {
                if (seats.size() != quantity) {
                    throw WalletErrors.invalid(field + ".seats", "choose one seat per ticket: " + quantity + " tickets, " + seats.size() + " seats");
                }
                if (seats.stream().distinct().count() != seats.size()) {
                    throw WalletErrors.invalid(field + ".seats", "a seat is chosen twice");
                }
            }
            lines.add(new WalletRequest.Line(item.sku(), item.name(), quantity, item.priceMinor(), seats));
        }
        requireAmount(total(lines), "items");
        return lines;
    }

    private static long total(List<WalletRequest.Line> lines) {
        long total = 0;
        for (WalletRequest.Line line : lines) {
            total = Math.addExact(total, line.totalMinor());
        }
        return total;
    }

    private static void requireAmount(long amount, String field) {
        if (amount < 1 || amount > MAX_AMOUNT_MINOR) {
            throw WalletErrors.invalid(field, field + " must be 1 to " + MAX_AMOUNT_MINOR + " minor units");
        }
    }

    private static String currency(String raw) {
        if (raw == null) {
            return Enrolment.WALLET_CURRENCY.getCurrencyCode();
        }
        try {
            return Currency.getInstance(raw).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw WalletErrors.invalid("currency", "currency must be an ISO 4217 code such as JPY");
        }
    }

    private static String terminalId(String raw) {
        if (!raw.matches("[A-Za-z0-9]{8}")) {
            throw WalletErrors.invalid("terminalId", "terminalId is 8 letters or digits (DE 41)");
        }
        return raw;
    }

    static io.kessai.center.http.ApiException notFound(String requestId) {
        return WalletErrors.of(WalletErrors.NOT_FOUND, "payment_not_found", "no payment " + requestId);
    }

    private static io.kessai.center.http.ApiException stateError(WalletRequest request, String needed) {
        return WalletErrors.of(WalletErrors.CONFLICT, "payment_state", "payment " + request.id() + " is " + request.state().apiName()
                + "; it must be " + needed);
    }
}
