package io.kessai.center.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kessai.card.CardDataException;
import io.kessai.card.Luhn;
import io.kessai.card.Pan;
import io.kessai.crypto.envelope.PaymentOutcome;
import io.kessai.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry on a real PostgreSQL: one embedded server for the class, each test with its own IDs. */
class RegistryTest {
    static final String ACTOR = "test";
    @TempDir static Path dir;
    static Database database;
    static Registry registry;

    @BeforeAll
    static void start() {
        database = Database.embedded(dir.resolve("pg"), 0, 4);
        database.migrate(Registry.SCHEMA, Registry.MIGRATIONS);
        registry = Registry.open(database.jdbi(), ZpkCatalog.ANY);
    }

    @AfterAll
    static void stop() {
        registry.close();
        database.close();
    }

    static Pan pan(String leadingDigits) throws CardDataException {
        String body = leadingDigits + "0".repeat(15 - leadingDigits.length());
        return Pan.of(body + Luhn.checkDigit(body));
    }

    static RegistryException refusal(ThrowingCall call) {
        try {
            call.run();
        } catch (RegistryException e) {
            return e;
        }
        throw new AssertionError("the registry accepted the change");
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws RegistryException;
    }

    @Test
    void theDefaultResponseCodeTableIsSeeded() {
        RegistrySnapshot snapshot = registry.snapshot();
        assertThat(snapshot.responseCodeRule("00").outcome()).isEqualTo(PaymentOutcome.APPROVED);
        ResponseCodeRule wrongPin = snapshot.responseCodeRule("55");
        assertThat(wrongPin.outcome()).isEqualTo(PaymentOutcome.REENTER);
        assertThat(wrongPin.reason()).isEqualTo("wrong_pin");
        assertThat(wrongPin.customerTextJa()).startsWith("暗証番号が違います");
        assertThat(wrongPin.customerTextEn()).startsWith("Wrong PIN");
        for (String declined : List.of("75", "14", "54", "41", "43", "51", "05", "12", "13", "57", "61", "62", "30")) {
            assertThat(snapshot.responseCodeRule(declined).outcome()).as(declined).isEqualTo(PaymentOutcome.DECLINED);
        }
        for (String unavailable : List.of("91", "96", "68")) {
            assertThat(snapshot.responseCodeRule(unavailable).outcome()).as(unavailable).isEqualTo(PaymentOutcome.UNAVAILABLE);
        }
        assertThat(snapshot.responseCodeRule("Q7")).satisfies(rule -> {
            assertThat(rule.outcome()).isEqualTo(PaymentOutcome.DECLINED);
            assertThat(rule.reason()).isEqualTo(RegistrySnapshot.UNKNOWN_CODE_REASON);
            assertThat(rule.code()).isEqualTo("Q7");
        });
        assertThat(snapshot.responseCodeRule(null).outcome()).isEqualTo(PaymentOutcome.DECLINED);
        assertThat(snapshot.configuredResponseCodeRule("Q7")).isEmpty();
    }

    @Test
    void merchantsAreCreatedUpdatedWithVersionsAndDeleted() throws RegistryException {
        Merchant created = registry.createMerchant(Drafts.merchant("M-CRUD"), ACTOR);
        assertThat(created.version()).isEqualTo(1);
        assertThat(registry.snapshot().merchant("M-CRUD")).contains(created);
        assertThat(refusal(() -> registry.createMerchant(Drafts.merchant("M-CRUD"), ACTOR)).code()).isEqualTo("already_exists");

        Merchant suspended = registry.updateMerchant("M-CRUD", new MerchantDraft(null, "Renamed", "5812", "SUSPENDED", 1L), ACTOR);
        assertThat(suspended.version()).isEqualTo(2);
        assertThat(registry.snapshot().merchant("M-CRUD").orElseThrow().status()).isEqualTo(MerchantStatus.SUSPENDED);

        RegistryException stale = refusal(() -> registry.updateMerchant("M-CRUD", new MerchantDraft(null, "x", "5812", "ACTIVE", 1L), ACTOR));
        assertThat(stale.code()).isEqualTo("version_conflict");
        assertThat(stale.kind()).isEqualTo(RegistryException.Kind.CONFLICT);
        assertThat(stale.getMessage()).contains("version 2, not 1");
        assertThat(registry.snapshot().merchant("M-CRUD").orElseThrow().name()).isEqualTo("Renamed");

        assertThat(refusal(() -> registry.updateMerchant("M-NONE", Drafts.merchant(null), ACTOR)).kind())
                .isEqualTo(RegistryException.Kind.NOT_FOUND);
        registry.deleteMerchant("M-CRUD", ACTOR);
        assertThat(registry.snapshot().merchant("M-CRUD")).isEmpty();
        assertThat(refusal(() -> registry.deleteMerchant("M-CRUD", ACTOR)).code()).isEqualTo("not_found");
    }

    @Test
    void readersAreFoundBySerialAndKeyIdAndKeepTheirReferencesValid() throws RegistryException {
        RegistryException noMerchant = refusal(() -> registry.createReader(Drafts.reader("R-REF", "AB00000000000001", "M-REF", "T1"), ACTOR));
        assertThat(noMerchant.code()).isEqualTo("unknown_reference");
        assertThat(noMerchant.field()).isEqualTo("merchantId");

        registry.createMerchant(Drafts.merchant("M-REF"), ACTOR);
        Reader reader = registry.createReader(Drafts.reader("R-REF", "ab00000000000001", "M-REF", "T1"), ACTOR);
        assertThat(reader.phoneAddress()).isEqualTo("taro@example.ne.jp");
        assertThat(registry.snapshot().readerBySerial("R-REF")).contains(reader);
        assertThat(registry.snapshot().readerByInitialKeyId("ab00000000000001")).contains(reader);
        assertThat(registry.snapshot().readerByInitialKeyId("AB00000000000001")).contains(reader);

        RegistryException sameKey = refusal(() -> registry.createReader(Drafts.reader("R-REF2", "AB00000000000001", "M-REF", "T2"), ACTOR));
        assertThat(sameKey.code()).isEqualTo("duplicate_value");
        assertThat(sameKey.field()).isEqualTo("initialKeyId");
        RegistryException sameTerminal = refusal(() -> registry.createReader(Drafts.reader("R-REF2", "AB00000000000002", "M-REF", "T1"), ACTOR));
        assertThat(sameTerminal.code()).isEqualTo("duplicate_value");
        assertThat(sameTerminal.field()).isEqualTo("terminalId");

        RegistryException inUse = refusal(() -> registry.deleteMerchant("M-REF", ACTOR));
        assertThat(inUse.code()).isEqualTo("in_use");
        assertThat(inUse.getMessage()).contains("1 reader");
        registry.deleteReader("R-REF", ACTOR);
        registry.deleteMerchant("M-REF", ACTOR);
        assertThat(registry.snapshot().readerByInitialKeyId("AB00000000000001")).isEmpty();
    }

    @Test
    void theLongestBinPrefixWins() throws Exception {
        registry.createIssuer(Drafts.issuer("I-SIX", List.of()), ACTOR);
        registry.createIssuer(Drafts.issuer("I-EIGHT", List.of()), ACTOR);
        registry.createRoute(Drafts.route("455555", "I-SIX"), ACTOR);
        registry.createRoute(Drafts.route("45555566", "I-EIGHT"), ACTOR);

        RegistrySnapshot snapshot = registry.snapshot();
        assertThat(snapshot.routeFor(pan("45555566"))).map(Route::issuerId).contains("I-EIGHT");
        assertThat(snapshot.routeFor(pan("45555567"))).map(Route::issuerId).contains("I-SIX");
        assertThat(snapshot.issuerFor(pan("4555551"))).map(Issuer::id).contains("I-SIX");
        assertThat(snapshot.routeFor(pan("455556"))).isEmpty();

        registry.deleteRoute("45555566", ACTOR);
        assertThat(registry.snapshot().routeFor(pan("45555566"))).map(Route::issuerId).contains("I-SIX");

        RegistryException noIssuer = refusal(() -> registry.createRoute(Drafts.route("466666", "I-NONE"), ACTOR));
        assertThat(noIssuer.code()).isEqualTo("unknown_reference");
        assertThat(noIssuer.field()).isEqualTo("issuerId");
        RegistryException inUse = refusal(() -> registry.deleteIssuer("I-SIX", ACTOR));
        assertThat(inUse.code()).isEqualTo("in_use");
        Route moved = registry.updateRoute("455555", new RouteDraft(null, "I-EIGHT", null), ACTOR);
        assertThat(moved.version()).isEqualTo(2);
        registry.deleteIssuer("I-SIX", ACTOR);
        assertThat(registry.snapshot().issuerFor(pan("455555"))).map(Issuer::id).contains("I-EIGHT");
    }

    @Test
    void issuerCodesRouteToOneIssuerEach() throws RegistryException {
        Issuer issuer = registry.createIssuer(Drafts.issuer("I-CODES", List.of("0101", "0102")), ACTOR);
        assertThat(registry.snapshot().issuerByCode("0102")).contains(issuer);
        assertThat(issuer.link()).isEqualTo(new IssuerLink("auth.acme.example", 8583, LengthHeaderKind.BINARY2, true, 5_000));

        RegistryException taken = refusal(() -> registry.createIssuer(Drafts.issuer("I-CODES2", List.of("0199", "0102")), ACTOR));
        assertThat(taken.code()).isEqualTo("duplicate_value");
        assertThat(taken.field()).isEqualTo("issuerCodes[1]");
        assertThat(registry.snapshot().issuer("I-CODES2")).isEmpty();

        Issuer reordered = registry.updateIssuer("I-CODES", Drafts.issuer("I-CODES", List.of("0103", "0101")), ACTOR);
        assertThat(reordered.issuerCodes()).containsExactly("0103", "0101");
        assertThat(registry.snapshot().issuer("I-CODES").orElseThrow().issuerCodes()).containsExactly("0103", "0101");
        assertThat(registry.snapshot().issuerByCode("0102")).isEmpty();
        registry.deleteIssuer("I-CODES", ACTOR);
        assertThat(registry.snapshot().issuerByCode("0101")).isEmpty();
    }

    @Test
    void theApprovalCodeIsProtected() {
        RegistryException delete = refusal(() -> registry.deleteResponseCodeRule("00", ACTOR));
        assertThat(delete.code()).isEqualTo("protected");
        RegistryException decline = refusal(() -> registry.updateResponseCodeRule("00",
                new ResponseCodeRuleDraft(null, "DECLINED", "no", "ja", "en", null), ACTOR));
        assertThat(decline.code()).isEqualTo("protected");
        assertThat(registry.snapshot().responseCodeRule("00").outcome()).isEqualTo(PaymentOutcome.APPROVED);
    }

    @Test
    void listenersHearEachChangeWithoutARestart() throws RegistryException {
        List<RegistryChange> heard = new CopyOnWriteArrayList<>();
        RegistryListener listener = heard::add;
        registry.addListener(listener);
        try {
            registry.createIssuer(Drafts.issuer("I-HEARD", List.of()), ACTOR);
            registry.updateIssuer("I-HEARD", new IssuerDraft(null, "ACME Card", new IssuerLinkDraft("10.0.0.9", 9000, "ascii4", false, 3_000),
                    "zpk-acme", "123456", List.of(), 1L), ACTOR);
            await().atMost(Duration.ofSeconds(15)).until(() -> heard.size() >= 2);
            assertThat(heard.get(0).changedIssuerIds()).containsExactly("I-HEARD");
            assertThat(heard.get(1).changedIssuerIds()).containsExactly("I-HEARD");
            assertThat(heard.get(1).after().issuer("I-HEARD").orElseThrow().link().port()).isEqualTo(9000);
            assertThat(heard.get(1).before().generation()).isEqualTo(heard.get(0).after().generation());
        } finally {
            registry.removeListener(listener);
        }
    }

    @Test
    void anotherNodeSeesTheChangeByPolling() throws RegistryException {
        try (Registry otherNode = Registry.open(database.jdbi(), ZpkCatalog.ANY)) {
            List<RegistryChange> heard = new CopyOnWriteArrayList<>();
            otherNode.addListener(heard::add);
            otherNode.startPolling(Duration.ofMillis(50));
            registry.createMerchant(Drafts.merchant("M-POLL"), ACTOR);
            await().atMost(Duration.ofSeconds(15)).until(() -> otherNode.snapshot().merchant("M-POLL").isPresent());
            await().atMost(Duration.ofSeconds(15)).until(() -> heard.stream().anyMatch(c -> c.changedMerchantIds().contains("M-POLL")));
            assertThat(otherNode.snapshot().generation()).isEqualTo(registry.snapshot().generation());
            assertThat(otherNode.refresh()).isFalse();
        }
    }

    @Test
    void aMissingZoneKeyIsRefused() {
        try (Registry strict = Registry.open(database.jdbi(), name -> Optional.of("the HSM key store has no key named " + name))) {
            RegistryException e = refusal(() -> strict.createIssuer(Drafts.issuer("I-NOKEY", List.of()), ACTOR));
            assertThat(e.code()).isEqualTo("unknown_reference");
            assertThat(e.field()).isEqualTo("zpkKeyName");
        }
    }

    @Test
    void everyChangeIsInTheAuditTrail() throws RegistryException {
        registry.createMerchant(Drafts.merchant("M-AUDIT"), ACTOR);
        registry.deleteMerchant("M-AUDIT", ACTOR);
        List<Map<String, Object>> rows = database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT actor, action, resource FROM center.registry_change WHERE resource_id = 'M-AUDIT' ORDER BY id")
                .mapToMap().list());
        assertThat(rows).containsExactly(
                Map.of("actor", ACTOR, "action", "create", "resource", "merchant"),
                Map.of("actor", ACTOR, "action", "delete", "resource", "merchant"));
    }

    @Test
    void snapshotsCannotBeModified() {
        assertThatThrownBy(() -> registry.snapshot().merchants().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> registry.snapshot().routes().put("1", null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
