package io.kessai.center.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.center.db.GenericPlans;
import io.kessai.crypto.hsm.EncryptedPan;
import io.kessai.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wallet's stores against a real PostgreSQL: the one-statement reads and writes of the payment path (ADR 0013). */
class WalletStoresTest {
    private static final AtomicInteger PHONES = new AtomicInteger();
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-11-21T10:00:00.123456Z"));
    private static final Clock CLOCK = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return NOW.get();
        }
    };
    private static Database db;
    private static WalletStore wallets;
    private static ShopStore shops;
    private static RequestStore requests;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("wallet-stores");
        db = Database.embedded(dir.resolve("pg"), 0, 4);
        db.migrate("center", "classpath:db/center");
        wallets = new WalletStore(db.jdbi(), CLOCK);
        shops = new ShopStore(db.jdbi(), CLOCK);
        requests = new RequestStore(db.jdbi(), CLOCK);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static void advance(Duration by) {
        NOW.updateAndGet(t -> t.plus(by));
    }

    /** A wallet with two cards and two delivery addresses, stored as enrolment stores it. */
    private static Wallet enrolled() {
        int n = PHONES.incrementAndGet();
        String phone = String.format("+8190%08d", n);
        String verification = "pv_stores_" + n;
        wallets.insertVerification(verification, phone, "owner@example.jp", "hash", CLOCK.instant().plus(Duration.ofMinutes(10)));
        wallets.markVerified(verification);
        String id = "wal_stores_" + n;
        Wallet wallet = new Wallet(id, phone, "Owner " + n, "Tokyo", "owner@example.jp", "ACTIVE", new byte[] {1}, new byte[] {2}, 1_000,
                0, Optional.empty(), 0, List.of(), List.of(new Wallet.DeliveryAddress("home", "Chiyoda 1"),
                        new Wallet.DeliveryAddress("office", "Minato \"2\"")), CLOCK.instant());
        List<WalletStore.NewCard> cards = List.of(
                new WalletStore.NewCard("card_a_" + n, "visa", "411111******1111", "idx-a-" + n, new EncryptedPan("pan-dek", new byte[] {7}),
                        "3012", "00"),
                new WalletStore.NewCard("card_b_" + n, "jcb", "356999******0001", "idx-b-" + n, new EncryptedPan("pan-dek", new byte[] {8}),
                        "2905", "85"));
        assertThat(wallets.insertWallet(verification, wallet, cards, "device-" + n)).isTrue();
        return wallets.byId(id).orElseThrow();
    }

    @Test
    void aWalletComesBackWithItsCardsAndAddressesInOrderFromOneQuery() {
        Wallet wallet = enrolled();
        assertThat(wallet.cards()).extracting(Wallet.Card::position).containsExactly(0, 1);
        Wallet.Card first = wallet.cards().getFirst();
        assertThat(first.id()).startsWith("card_a_");
        assertThat(first.issuerId()).isEqualTo("visa");
        assertThat(first.panMasked()).isEqualTo("411111******1111");
        assertThat(first.expiryYymm()).isEqualTo("3012");
        assertThat(first.verifiedAt()).isEqualTo(CLOCK.instant().truncatedTo(ChronoUnit.MICROS));
        assertThat(wallet.cards().get(1).panIndex()).startsWith("idx-b-");
        assertThat(wallet.deliveryAddresses()).containsExactly(new Wallet.DeliveryAddress("home", "Chiyoda 1"),
                new Wallet.DeliveryAddress("office", "Minato \"2\""));
        assertThat(wallets.byPhone(wallet.phone()).orElseThrow().cards()).hasSize(2);
        assertThat(wallets.byId("wal_nobody")).isEmpty();
    }

    private static WalletRequest counterRequest() {
        Instant now = CLOCK.instant();
        return new WalletRequest("wpr_stores_" + PHONES.incrementAndGet(), "M-STORES-1", WalletRequest.Channel.POS, "POS00001",
                Optional.empty(), RequestState.WAITING_FOR_OWNER, Optional.of(1_000L), "JPY", List.of(), "", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, now, now, now.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aCodeIsUsedOnceWithItsRequestStoredInTheSameStepAndAnUnusableOneSaysWhy() {
        Wallet wallet = enrolled();
        String digits = String.format("%012d", 100_000 + PHONES.incrementAndGet());
        assertThat(wallets.insertCode(digits, wallet.id(), CLOCK.instant().plus(Duration.ofMinutes(2)))).isTrue();
        assertThat(wallets.insertCode(digits, wallet.id(), CLOCK.instant().plus(Duration.ofMinutes(2)))).as("digits taken").isFalse();
        assertThat(wallets.codeState(digits)).contains(new WalletStore.CodeState(wallet.id(), "ACTIVE", false, false));

        WalletRequest first = counterRequest();
        assertThat(requests.insertForCode(first, digits)).contains(new RequestStore.UsedCode(wallet.id(), "ACTIVE"));
        WalletRequest stored = requests.find(first.id()).orElseThrow();
        assertThat(stored.walletId()).contains(wallet.id());
        assertThat(stored.state()).isEqualTo(RequestState.WAITING_FOR_OWNER);
        assertThat(stored.amountMinor()).contains(1_000L);
        WalletRequest second = counterRequest();
        assertThat(requests.insertForCode(second, digits)).isEmpty();
        assertThat(requests.find(second.id())).isEmpty();
        assertThat(wallets.codeState(digits)).contains(new WalletStore.CodeState(wallet.id(), "ACTIVE", false, true));
        assertThat(requests.insertForCode(counterRequest(), "999999999999")).isEmpty();
        assertThat(wallets.codeState("999999999999")).isEmpty();

        String late = String.format("%012d", 200_000 + PHONES.incrementAndGet());
        wallets.insertCode(late, wallet.id(), CLOCK.instant().plus(Duration.ofMinutes(2)));
        advance(Duration.ofMinutes(3));
        assertThat(requests.insertForCode(counterRequest(), late)).isEmpty();
        assertThat(wallets.codeState(late)).contains(new WalletStore.CodeState(wallet.id(), "ACTIVE", true, false));
        // Digits free again an hour after they expired, not before.
        assertThat(wallets.insertCode(late, wallet.id(), CLOCK.instant().plus(Duration.ofMinutes(2)))).isFalse();
        advance(WalletStore.CODE_KEPT_AFTER_EXPIRY);
        assertThat(wallets.insertCode(late, wallet.id(), CLOCK.instant().plus(Duration.ofMinutes(2)))).isTrue();
        assertThat(requests.insertForCode(counterRequest(), late)).contains(new RequestStore.UsedCode(wallet.id(), "ACTIVE"));
    }

    @Test
    void aSuspendedWalletsCodeIsUsedUpWithoutARequest() {
        Wallet wallet = enrolled();
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE center.wallets SET status = 'SUSPENDED' WHERE id = :id").bind("id", wallet.id())
                .execute());
        String digits = String.format("%012d", 300_000 + PHONES.incrementAndGet());
        wallets.insertCode(digits, wallet.id(), CLOCK.instant().plus(Duration.ofMinutes(2)));
        WalletRequest request = counterRequest();
        assertThat(requests.insertForCode(request, digits)).contains(new RequestStore.UsedCode(wallet.id(), "SUSPENDED"));
        assertThat(requests.find(request.id())).isEmpty();
        assertThat(wallets.codeState(digits)).contains(new WalletStore.CodeState(wallet.id(), "SUSPENDED", false, true));
    }

    @Test
    void anApiKeyIsRememberedBrieflyAndForgottenAtOnceWhenReplacedHere() {
        Shop shop = new Shop("M-STORES-1", "https://shop.example.jp", Optional.empty(), "whsec_1", "sk_1234567");
        shops.upsertShop(shop, "key-hash-1");
        assertThat(shops.byApiKeyHash("key-hash-1")).contains(shop);
        assertThat(shops.byApiKeyHash("key-hash-unknown")).isEmpty();

        // Replaced on this node: the old key is refused at once.
        shops.upsertShop(shop, "key-hash-2");
        assertThat(shops.byApiKeyHash("key-hash-1")).isEmpty();
        assertThat(shops.byApiKeyHash("key-hash-2")).contains(shop);

        // Replaced by another node (straight in the database): the old key works until the cache time is over.
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE center.shops SET api_key_hash = 'key-hash-3' WHERE merchant_id = 'M-STORES-1'")
                .execute());
        assertThat(shops.byApiKeyHash("key-hash-2")).contains(shop);
        advance(ShopStore.API_KEY_CACHE_TTL);
        assertThat(shops.byApiKeyHash("key-hash-2")).isEmpty();
        assertThat(shops.byApiKeyHash("key-hash-3")).contains(shop);
    }

    @Test
    void aWalletComesBackWithItsOwnRequestFromOneRoundTripAndWithoutSomeoneElses() {
        Wallet wallet = enrolled();
        Wallet other = enrolled();
        String digits = String.format("%012d", 200_000 + PHONES.incrementAndGet());
        assertThat(wallets.insertCode(digits, wallet.id(), CLOCK.instant().plus(Duration.ofMinutes(2)))).isTrue();
        WalletRequest request = counterRequest();
        assertThat(requests.insertForCode(request, digits)).isPresent();

        WalletStore.WithRequest both = wallets.byIdWithRequest(wallet.id(), request.id()).orElseThrow();
        assertThat(both.wallet()).usingRecursiveComparison().isEqualTo(wallets.byId(wallet.id()).orElseThrow());
        assertThat(both.request()).isEqualTo(requests.find(request.id()));
        assertThat(both.request().orElseThrow().walletId()).contains(wallet.id());

        assertThat(wallets.byIdWithRequest(other.id(), request.id()).orElseThrow().request()).as("another wallet's request").isEmpty();
        assertThat(wallets.byIdWithRequest(wallet.id(), "wpr_nothing").orElseThrow().request()).isEmpty();
        assertThat(wallets.byIdWithRequest("wal_nobody", request.id())).isEmpty();
    }

    /**
     * The PIN's and the payment's request read finds the request by primary key in the generic plan a
     * pooled connection settles on (chosen while a fresh center's wallet_requests is still empty): with
     * the wallet's ID in the statement too, that plan took the index on (wallet_id, created_at) and read
     * all of the wallet's requests on every call (ADR 0023).
     */
    @Test
    void theRequestReadOfThePinAndThePaymentUsesThePrimaryKeyInItsGenericPlan() {
        String plan = GenericPlans.of(db.jdbi(), WalletStore.REQUEST_BY_ID_SQL, "text", "'wpr_1'");
        assertThat(plan).contains("wallet_requests_pkey").doesNotContain("wallet_requests_wallet");
    }

    /**
     * A payment's code and request rows lock no wallet row: their foreign keys were dropped (V10, ADR
     * 0023) because each check locked the wallet (a WAL record per insert, two per payment); the keys of
     * the rare writes stay. And a new code updates one index, the one it is found by.
     */
    @Test
    void thePaymentPathsInsertsCheckNoForeignKeyAndACodeHasOneIndex() {
        List<String> keys = db.jdbi().withHandle(h -> h.createQuery("SELECT conrelid::regclass::text FROM pg_constraint"
                + " WHERE contype = 'f' AND confrelid = 'center.wallets'::regclass ORDER BY 1").mapTo(String.class).list());
        assertThat(keys).doesNotContain("center.wallet_codes", "center.wallet_requests")
                .contains("center.wallet_cards", "center.wallet_addresses", "center.wallet_devices");
        List<String> codeIndexes = db.jdbi().withHandle(h -> h.createQuery("SELECT indexname FROM pg_indexes"
                + " WHERE schemaname = 'center' AND tablename = 'wallet_codes'").mapTo(String.class).list());
        assertThat(codeIndexes).as("a code is found by its digits only").containsExactly("wallet_codes_pkey");
    }

    /** A counter request stored for {@code wallet} through a fresh code, waiting for the owner. */
    private static WalletRequest waitingFor(Wallet wallet) {
        String digits = String.format("%012d", 300_000 + PHONES.incrementAndGet());
        assertThat(wallets.insertCode(digits, wallet.id(), CLOCK.instant().plus(Duration.ofMinutes(2)))).isTrue();
        WalletRequest request = counterRequest();
        assertThat(requests.insertForCode(request, digits)).isPresent();
        return requests.find(request.id()).orElseThrow();
    }

    @Test
    void thePaymentPathsMovesSetWhatEachCarriesAndOnlyFromTheStateTheyName() {
        Wallet wallet = enrolled();
        WalletRequest request = waitingFor(wallet);
        WalletRequest verified = requests.moveToVerified(request.id()).orElseThrow();
        assertThat(verified.state()).isEqualTo(RequestState.VERIFIED);
        assertThat(verified.verifiedAt()).contains(CLOCK.instant().truncatedTo(ChronoUnit.MICROS));
        assertThat(requests.moveToVerified(request.id())).as("no longer waiting for the owner").isEmpty();

        Wallet.Card card = wallet.cards().getFirst();
        RequestMoves.Choice choice = new RequestMoves.Choice(card.id(), card.panMasked(), "10", Optional.empty(), 1_000L, "[]");
        RequestStore.Authorizing authorizing = requests.moveToAuthorizing(request.id(), RequestState.VERIFIED, choice).orElseThrow();
        assertThat(authorizing.request().state()).isEqualTo(RequestState.AUTHORIZING);
        assertThat(authorizing.request().cardId()).contains(card.id());
        assertThat(authorizing.request().paymentMethod()).contains("10");
        assertThat(authorizing.request().attempts()).isEqualTo(1);
        assertThat(authorizing.request().verifiedAt()).as("kept").isEqualTo(verified.verifiedAt());
        assertThat(authorizing.panEncrypted().orElseThrow().sealed()).containsExactly(7);
        assertThat(requests.moveToAuthorizing(request.id(), RequestState.VERIFIED, choice)).as("moved already").isEmpty();

        RequestStore.Finished done = requests.moveAnswered(request.id(), RequestState.COMPLETED,
                new RequestMoves.Outcome(Optional.of("pay_1"), Optional.of("123456"), "00", "")).orElseThrow();
        assertThat(done.request().state()).isEqualTo(RequestState.COMPLETED);
        assertThat(done.request().paymentId()).contains("pay_1");
        assertThat(done.request().approvalCode()).contains("123456");
        assertThat(done.request().cardId()).as("kept").contains(card.id());
        assertThat(done.shopHasWebhook()).isFalse();
        assertThat(requests.find(request.id())).contains(done.request());
    }

    @Test
    void aRequestMovedTwiceInOneBatchMovesOnce() throws Exception {
        WalletRequest request = waitingFor(enrolled());
        List<RequestMoves.Move> twice = List.of(
                new RequestMoves.Move(request.id(), RequestState.WAITING_FOR_OWNER, RequestState.VERIFIED, CLOCK.instant(), Optional.empty(),
                        Optional.empty()),
                new RequestMoves.Move(request.id(), RequestState.WAITING_FOR_OWNER, RequestState.VERIFIED, CLOCK.instant(), Optional.empty(),
                        Optional.empty()));
        Predicate<RequestMoves.Move> applied = db.jdbi().<Predicate<RequestMoves.Move>, SQLException>withHandle(h -> RequestMoves.apply(h.getConnection(), twice));
        assertThat(twice).filteredOn(applied).hasSize(1);
        assertThat(requests.find(request.id()).orElseThrow().state()).isEqualTo(RequestState.VERIFIED);
    }
}
