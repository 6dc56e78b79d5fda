package io.kessai.center.registry;

import io.kessai.card.Pan;
import io.kessai.crypto.envelope.PaymentOutcome;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything the registry holds, as of one moment, never changing: payments read a snapshot without
 * locks, and a change publishes a whole new one. Look-ups are map reads.
 */
public final class RegistrySnapshot {
    /** DE 39 "00", the approval, which no rule may turn into anything else. */
    public static final String APPROVAL_CODE = "00";
    /** The reason of the built-in rule for a DE 39 code with no row in the table. */
    public static final String UNKNOWN_CODE_REASON = "unknown_response_code";
    static final String UNKNOWN_CODE_TEXT_JA = "このカードはご利用いただけませんでした。カード会社にお問い合わせください。";
    static final String UNKNOWN_CODE_TEXT_EN = "The card was declined. Please contact your card company.";
    private static final int SHORT_BIN_DIGITS = 6;
    private static final int LONG_BIN_DIGITS = 8;

    private final long generation;
    private final NavigableMap<String, Merchant> merchants;
    private final NavigableMap<String, Reader> readers;
    private final Map<String, Reader> readersByInitialKeyId;
    private final NavigableMap<String, Issuer> issuers;
    private final Map<String, Issuer> issuersByCode;
    private final NavigableMap<String, Route> routes;
    private final NavigableMap<String, ResponseCodeRule> responseCodeRules;

    RegistrySnapshot(long generation, Collection<Merchant> merchants, Collection<Reader> readers,
            Collection<Issuer> issuers, Collection<Route> routes, Collection<ResponseCodeRule> rules) {
        this.generation = generation;
        this.merchants = index(merchants, Merchant::id);
        this.readers = index(readers, Reader::serial);
        this.issuers = index(issuers, Issuer::id);
        this.routes = index(routes, Route::binPrefix);
        this.responseCodeRules = index(rules, ResponseCodeRule::code);
        Map<String, Reader> byKeyId = new HashMap<>();
        readers.forEach(reader -> byKeyId.put(reader.initialKeyId(), reader));
        this.readersByInitialKeyId = Map.copyOf(byKeyId);
        Map<String, Issuer> byCode = new HashMap<>();
        issuers.forEach(issuer -> issuer.issuerCodes().forEach(code -> byCode.put(code, issuer)));
        this.issuersByCode = Map.copyOf(byCode);
        assert byKeyId.size() == readers.size() : "initial key IDs are unique (database constraint)";
    }

    private static <T> NavigableMap<String, T> index(Collection<T> values, Function<T, String> key) {
        TreeMap<String, T> map = new TreeMap<>();
        for (T value : values) {
            T previous = map.put(key.apply(value), value);
            assert previous == null : "duplicate key " + key.apply(value);
        }
        return Collections.unmodifiableNavigableMap(map);
    }

    /** Counts registry changes across all nodes sharing the database; higher is newer. */
    public long generation() {
        return generation;
    }

    public Optional<Merchant> merchant(String id) {
        return Optional.ofNullable(merchants.get(id));
    }

    public Optional<Reader> readerBySerial(String serial) {
        return Optional.ofNullable(readers.get(serial));
    }

    /** The reader whose initial key ID (hex, either case) this is: how an envelope's KSN finds its reader. */
    public Optional<Reader> readerByInitialKeyId(String initialKeyIdHex) {
        return Optional.ofNullable(readersByInitialKeyId.get(initialKeyIdHex.toUpperCase(Locale.ROOT)));
    }

    public Optional<Issuer> issuer(String id) {
        return Optional.ofNullable(issuers.get(id));
    }

    /** The issuer an issuer code routes to (仕向判定 by code, for wallet payments that name the card company). */
    public Optional<Issuer> issuerByCode(String issuerCode) {
        return Optional.ofNullable(issuersByCode.get(issuerCode));
    }

    public Optional<Route> route(String binPrefix) {
        return Optional.ofNullable(routes.get(binPrefix));
    }

    /** The route for a card: the 8-digit BIN route if there is one, else the 6-digit one, else none. */
    public Optional<Route> routeFor(Pan pan) {
        Route longest = routes.get(pan.digits().substring(0, LONG_BIN_DIGITS));
        return Optional.ofNullable(longest != null ? longest : routes.get(pan.digits().substring(0, SHORT_BIN_DIGITS)));
    }

    /** The issuer {@link #routeFor} leads to. */
    public Optional<Issuer> issuerFor(Pan pan) {
        return routeFor(pan).flatMap(route -> issuer(route.issuerId()));
    }

    /**
     * What DE 39 {@code code} means. Never empty: a code with no rule (a new or malformed one) is a
     * decline with a general text, so an unexpected answer can never approve a payment.
     */
    public ResponseCodeRule responseCodeRule(String code) {
        ResponseCodeRule rule = code == null ? null : responseCodeRules.get(code);
        return rule != null ? rule : new ResponseCodeRule(code == null ? "" : code, PaymentOutcome.DECLINED,
                UNKNOWN_CODE_REASON, UNKNOWN_CODE_TEXT_JA, UNKNOWN_CODE_TEXT_EN, 0);
    }

    /** The stored rule for {@code code}, without the fallback of {@link #responseCodeRule}. */
    public Optional<ResponseCodeRule> configuredResponseCodeRule(String code) {
        return Optional.ofNullable(responseCodeRules.get(code));
    }

    /** By ID, sorted; unmodifiable. */
    public NavigableMap<String, Merchant> merchants() {
        return merchants;
    }

    /** By serial, sorted; unmodifiable. */
    public NavigableMap<String, Reader> readers() {
        return readers;
    }

    public NavigableMap<String, Issuer> issuers() {
        return issuers;
    }

    /** By BIN prefix, sorted; unmodifiable. */
    public NavigableMap<String, Route> routes() {
        return routes;
    }

    /** By DE 39 code, sorted; unmodifiable. */
    public NavigableMap<String, ResponseCodeRule> responseCodeRules() {
        return responseCodeRules;
    }
}
