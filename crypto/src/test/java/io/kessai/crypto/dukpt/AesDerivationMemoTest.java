package io.kessai.crypto.dukpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AesDerivationMemoTest {
    /** REFERENCE §1.2 test case 1: AES-128 BDK and Initial Key ID. */
    private static final byte[] BDK = Hex.decode("FEDCBA9876543210F1F1F1F1F1F1F1F1");
    private static final byte[] INITIAL_KEY_ID = Hex.decode("1234567890123456");

    @Test
    void everyCounterGivesTheStatelessDerivationsKeyWhateverCameBefore() throws Exception {
        AesDerivationMemo memo = new AesDerivationMemo(4);
        byte[] initialKey = AesDukpt.initialKey(BDK, INITIAL_KEY_ID);
        Random seeded = new Random(2017);
        List<Long> counters = new ArrayList<>();
        for (long counter = 1; counter < 300; counter++) {
            counters.add(counter); // sequential: the common case
        }
        for (int i = 0; i < 300; i++) {
            counters.add(randomValidCounter(seeded)); // jumps: other branches, shorter and longer paths
        }
        counters.add(0xFFFF_0000L);
        counters.add(0x8000_0000L);
        counters.add(0xFFFF_0000L);
        for (long counter : counters) {
            AesKsn ksn = AesKsn.of(INITIAL_KEY_ID, counter);
            assertThat(memo.transactionKey(ksn, initialKey::clone))
                    .as("counter %08X", counter)
                    .isEqualTo(AesDukpt.transactionKey(initialKey, ksn));
        }
    }

    @Test
    void matchesTheReferenceVectorForCounterOne() throws Exception {
        AesDerivationMemo memo = new AesDerivationMemo(1);
        AesKsn ksn = AesKsn.parse(Hex.decode("123456789012345600000001"));
        // REFERENCE §1.2 TC1: the transaction (derivation) key for counter 1.
        assertThat(Hex.encode(memo.transactionKey(ksn, () -> AesDukpt.initialKey(BDK, INITIAL_KEY_ID))))
                .isEqualTo("4F21B565BAD9835E112B6465635EAE44");
    }

    @Test
    void derivesTheInitialKeyOnlyOncePerRememberedReader() throws Exception {
        AesDerivationMemo memo = new AesDerivationMemo(2);
        AtomicInteger initialKeyDerivations = new AtomicInteger();
        for (long counter = 1; counter <= 10; counter++) {
            memo.transactionKey(AesKsn.of(INITIAL_KEY_ID, counter), () -> {
                initialKeyDerivations.incrementAndGet();
                return AesDukpt.initialKey(BDK, INITIAL_KEY_ID);
            });
        }
        assertThat(initialKeyDerivations).hasValue(1);
        assertThat(memo.readers()).isEqualTo(1);
    }

    @Test
    void keepsAtMostMaxReadersAndStillAnswersRightAfterEviction() throws Exception {
        AesDerivationMemo memo = new AesDerivationMemo(3);
        for (int reader = 0; reader < 10; reader++) {
            byte[] initialKeyId = readerId(reader);
            byte[] initialKey = AesDukpt.initialKey(BDK, initialKeyId);
            AesKsn ksn = AesKsn.of(initialKeyId, 7);
            assertThat(memo.transactionKey(ksn, initialKey::clone)).isEqualTo(AesDukpt.transactionKey(initialKey, ksn));
        }
        assertThat(memo.readers()).isEqualTo(3);
        memo.clear();
        assertThat(memo.readers()).isZero();
    }

    @Test
    void manyThreadsOnManyReadersAgreeWithTheStatelessDerivation() throws Exception {
        AesDerivationMemo memo = new AesDerivationMemo(5);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 40; task++) {
                int seed = task;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 50; i++) {
                        byte[] initialKeyId = readerId(random.nextInt(8));
                        byte[] initialKey = AesDukpt.initialKey(BDK, initialKeyId);
                        AesKsn ksn = AesKsn.of(initialKeyId, randomValidCounter(random));
                        if (!java.util.Arrays.equals(memo.transactionKey(ksn, initialKey::clone), AesDukpt.transactionKey(initialKey, ksn))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesAnEmptyBound() {
        assertThatThrownBy(() -> new AesDerivationMemo(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxReaders");
    }

    private static byte[] readerId(int reader) {
        byte[] id = INITIAL_KEY_ID.clone();
        id[7] = (byte) reader;
        return id;
    }

    private static long randomValidCounter(Random random) {
        while (true) {
            long counter = random.nextLong() & 0xFFFF_FFFFL;
            if (counter != 0 && Long.bitCount(counter) <= AesKsn.MAX_COUNTER_ONE_BITS) {
                return counter;
            }
        }
    }
}
