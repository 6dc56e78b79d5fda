package io.kessai.center.wallet;

import io.kessai.card.CardDataException;
import io.kessai.card.ExpiryDate;
import io.kessai.card.Pan;
import io.kessai.center.flow.FlowDirectory.IssuerEntry;
import io.kessai.center.flow.FlowDirectory.ResponseRule.Outcome;
import io.kessai.center.flow.FlowSettings;
import io.kessai.center.flow.PaymentIds;
import io.kessai.crypto.hsm.Hsm;
import io.kessai.crypto.hsm.HsmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Seed 001 Fig. 4, top to bottom: S1 the application (name, address, phone number proved with a one-time
 * code, cards, delivery addresses, the owner's PIN), each card verified with its issuer, S2 registered in
 * database 7 in one transaction. Nothing is stored when any part is wrong.
 */
public final class Enrolment {
    static final int CODE_DIGITS = 6;
    static final int MAX_CODE_ATTEMPTS = 5;
    static final int MAX_CODES_PER_HOUR = 5;
    static final int MAX_CARDS = 8;
    static final int MAX_ADDRESSES = 8;
    static final Currency WALLET_CURRENCY = Currency.getInstance("JPY");

    private final WalletStore wallets;
    private final WalletIssuer issuer;
    private final OneTimeCodeSender codeSender;
    private final Hsm hsm;
    private final FlowSettings flowSettings;
    private final WalletSettings settings;
    private final PinHasher pins;
    private final Clock clock;

    public Enrolment(WalletStore wallets, WalletIssuer issuer, OneTimeCodeSender codeSender, Hsm hsm, FlowSettings flowSettings,
            WalletSettings settings, Clock clock) {
        this.wallets = wallets;
        this.issuer = issuer;
        this.codeSender = codeSender;
        this.hsm = hsm;
        this.flowSettings = flowSettings;
        this.settings = settings;
        this.pins = new PinHasher(settings.pinIterations());
        this.clock = clock;
    }

    public record Started(String verificationId, Instant expiresAt) {}

    /** S1: a one-time code for the phone number, sent through the pluggable sender. */
    public Started startPhoneVerification(String rawPhone, String rawEmail) {
        String phone = Fields.requirePhone(rawPhone, "phone");
        String email = Fields.requireEmail(rawEmail, "email");
        if (wallets.byPhone(phone).isPresent()) {
            throw WalletErrors.of(WalletErrors.CONFLICT, "phone_already_enrolled", "phone number " + phone + " already has a wallet", "phone");
        }
        Instant now = clock.instant();
        if (wallets.verificationsSince(phone, now.minus(Duration.ofHours(1))) >= MAX_CODES_PER_HOUR) {
            throw WalletErrors.of(WalletErrors.TOO_MANY, "too_many_codes",
                    "at most " + MAX_CODES_PER_HOUR + " codes an hour are sent for one phone number; try again later", "phone");
        }
        String code = Secrets.digits(CODE_DIGITS);
        String id = PaymentIds.next("pv_");
        Instant expiresAt = now.plus(settings.oneTimeCodeTtl());
        wallets.insertVerification(id, phone, email, codeHash(id, code), expiresAt);
        try {
            codeSender.sendOneTimeCode(phone, email, code, settings.oneTimeCodeTtl());
        } catch (OneTimeCodeSender.DeliveryException e) {
            throw WalletErrors.of(WalletErrors.UNAVAILABLE, "code_not_sent", e.getMessage());
        }
        return new Started(id, expiresAt);
    }

    /** S1: the holder types the code back. Five wrong tries use the code up. */
    public void confirmPhone(String verificationId, String code) {
        WalletStore.PhoneVerification v = wallets.verification(verificationId)
                .orElseThrow(() -> WalletErrors.of(WalletErrors.NOT_FOUND, "verification_not_found", "no phone verification " + verificationId));
        if (v.verifiedAt().isPresent()) {
            return; // typed twice: already proved
        }
        if (!v.expiresAt().isAfter(clock.instant())) {
            throw WalletErrors.of(WalletErrors.GONE, "code_expired", "the code expired; ask for a new one");
        }
        if (v.attempts() >= MAX_CODE_ATTEMPTS) {
            throw WalletErrors.of(WalletErrors.TOO_MANY, "too_many_attempts", "the code was typed wrong " + MAX_CODE_ATTEMPTS
                    + " times; ask for a new one");
        }
        if (code == null || code.isBlank()) {
            throw WalletErrors.required("code");
        }
        wallets.countVerificationAttempt(verificationId);
        if (!Secrets.equal(codeHash(verificationId, code.strip()), v.codeHash())) {
            int left = MAX_CODE_ATTEMPTS - v.attempts() - 1;
            throw WalletErrors.of(WalletErrors.UNPROCESSABLE, "code_wrong", "the code is not the one sent; " + left + " tries left", "code");
        }
        wallets.markVerified(verificationId);
    }

    public record CardForm(String number, String expiry) {}

    public record AddressForm(String label, String address) {}

    public record Form(String verificationId, String name, String address, String pin, List<CardForm> cards,
            List<AddressForm> deliveryAddresses) {}

    public record Enrolled(Wallet wallet, String deviceToken) {}

    /** S1–S2: checks everything, verifies each card with its issuer, then stores the wallet at once. */
    public Enrolled enrol(Form form) {
        if (form.verificationId() == null) {
            throw WalletErrors.required("verificationId");
        }
        WalletStore.PhoneVerification v = wallets.verification(form.verificationId())
                .orElseThrow(() -> WalletErrors.of(WalletErrors.NOT_FOUND, "verification_not_found", "no phone verification "
                        + form.verificationId(), "verificationId"));
        if (v.verifiedAt().isEmpty()) {
            throw WalletErrors.of(WalletErrors.CONFLICT, "phone_not_verified", "confirm the code sent for " + v.phone() + " first",
                    "verificationId");
        }
        if (v.usedAt().isPresent()) {
            throw WalletErrors.of(WalletErrors.CONFLICT, "verification_used", "this phone verification was used for a wallet already",
                    "verificationId");
        }
        String name = Fields.requireText(form.name(), "name");
        String address = Fields.requireText(form.address(), "address");
        if (!PinHasher.wellFormed(form.pin())) {
            throw WalletErrors.of(WalletErrors.BAD_REQUEST, "invalid_pin", "pin must be 4 to 6 digits", "pin");
        }
        List<Wallet.DeliveryAddress> deliveries = deliveryAddresses(form.deliveryAddresses());
        List<CardForm> cardForms = form.cards() == null ? List.of() : form.cards();
        if (cardForms.isEmpty() || cardForms.size() > MAX_CARDS) {
            throw WalletErrors.invalid("cards", "a wallet holds 1 to " + MAX_CARDS + " cards, got " + cardForms.size());
        }
        List<WalletStore.NewCard> cards = new ArrayList<>();
        Set<String> indexes = new HashSet<>();
        for (int i = 0; i < cardForms.size(); i++) {
            WalletStore.NewCard card = verifiedCard(cardForms.get(i), "cards[" + i + "]");
            if (!indexes.add(card.panIndex())) {
                throw WalletErrors.invalid("cards[" + i + "].number", "cards[" + i + "] is the same card as an earlier one");
            }
            cards.add(card);
        }
        PinHasher.Hashed pin = pins.hash(form.pin());
        Wallet wallet = new Wallet(PaymentIds.next("wal_"), v.phone(), name, address, v.email(), "ACTIVE", pin.hash(), pin.salt(),
                pin.iterations(), 0, Optional.empty(), 0, List.of(), deliveries, clock.instant());
        String deviceToken = Secrets.token("wdt_");
        if (!wallets.insertWallet(v.id(), wallet, cards, Secrets.sha256Hex(deviceToken))) {
            throw WalletErrors.of(WalletErrors.CONFLICT, "phone_already_enrolled", "phone number " + v.phone()
                    + " got a wallet meanwhile, or this verification was used", "verificationId");
        }
        return new Enrolled(wallets.byId(wallet.id()).orElseThrow(), deviceToken);
    }

    private static List<Wallet.DeliveryAddress> deliveryAddresses(List<AddressForm> forms) {
        List<AddressForm> given = forms == null ? List.of() : forms;
        if (given.size() > MAX_ADDRESSES) {
            throw WalletErrors.invalid("deliveryAddresses", "at most " + MAX_ADDRESSES + " delivery addresses");
        }
        List<Wallet.DeliveryAddress> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            AddressForm form = given.get(i);
            String field = "deliveryAddresses[" + i + "]";
            String label = form.label() == null || form.label().isBlank() ? "#" + (i + 1) : Fields.requireText(form.label(), field + ".label");
            out.add(new Wallet.DeliveryAddress(label, Fields.requireText(form.address(), field + ".address")));
        }
        return out;
    }

    /** One card: well-formed, routed to an issuer, and verified by it (zero-amount 0100); then sealed for the vault. */
    private WalletStore.NewCard verifiedCard(CardForm form, String field) {
        if (form == null || form.number() == null || form.number().isBlank()) {
            throw WalletErrors.required(field + ".number");
        }
        Pan pan;
        try {
            pan = Pan.of(form.number().replace(" ", "").replace("-", ""));
        } catch (CardDataException e) {
            throw WalletErrors.of(WalletErrors.BAD_REQUEST, "invalid_card_number", field + ".number is not a card number (length or"
                    + " check digit)", field + ".number");
        }
        ExpiryDate expiry = expiry(form.expiry(), field + ".expiry");
        if (expiry.isExpiredOn(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.systemDefault()))) {
            throw WalletErrors.of(WalletErrors.UNPROCESSABLE, "card_expired", field + " (" + pan.masked() + ") has expired", field + ".expiry");
        }
        Optional<IssuerEntry> routed = issuer.route(pan);
        if (routed.isEmpty()) {
            throw WalletErrors.of(WalletErrors.UNPROCESSABLE, "card_not_accepted", field + " (" + pan.masked()
                    + ") is from no card company this center works with", field + ".number");
        }
        WalletIssuer.Answer answer = issuer.verifyAccount(pan, expiry, WALLET_CURRENCY);
        if (answer.outcome() == Outcome.UNAVAILABLE) {
            throw WalletErrors.of(WalletErrors.UNAVAILABLE, "issuer_unavailable", "the card company of " + field + " (" + pan.masked()
                    + ") did not answer; try again", field);
        }
        if (answer.outcome() != Outcome.APPROVED) {
            throw WalletErrors.of(WalletErrors.UNPROCESSABLE, "card_not_verified", "the card company refused " + field + " ("
                    + pan.masked() + "): " + answer.reason() + " (DE 39 " + answer.responseCode() + ")", field + ".number");
        }
        try {
            return new WalletStore.NewCard(PaymentIds.next("card_"), routed.get().id(), pan.masked(),
                    hsm.panIndex(flowSettings.panIndexKeyName(), pan), hsm.encryptPan(flowSettings.panKeyName(), pan), expiry.yymm(),
                    answer.responseCode());
        } catch (HsmException e) {
            throw new IllegalStateException("the center's PAN keys are not usable: " + e.getMessage(), e);
        }
    }

    /** "MM/YY" as printed on cards, or "YYMM" as in track data. */
    static ExpiryDate expiry(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw WalletErrors.required(field);
        }
        String s = raw.strip();
        try {
            if (s.matches("[0-9]{2}/[0-9]{2}")) {
                return ExpiryDate.parseYymm(s.substring(3) + s.substring(0, 2));
            }
            if (s.matches("[0-9]{4}")) {
                return ExpiryDate.parseYymm(s);
            }
        } catch (CardDataException e) {
            // falls through to the error below
        }
        throw WalletErrors.invalid(field, field + " must be MM/YY (as printed on the card)");
    }

    private static String codeHash(String verificationId, String code) {
        return Secrets.sha256Hex(verificationId + ":" + code);
    }
}
