package io.kessai.crypto.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JcePoolTest {
    @Test
    void anObjectGivenBackIsTakenAgainInsteadOfMakingANewOne() {
        AtomicInteger made = new AtomicInteger();
        JcePool<Object> pool = new JcePool<>(() -> new Object[] {made.incrementAndGet()}, 4);
        Object first = pool.take();
        pool.giveBack(first);
        assertThat(pool.take()).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void whenAllAreInUseANewOneIsMadeAndAFullPoolDropsWhatComesBack() {
        AtomicInteger made = new AtomicInteger();
        JcePool<Object> pool = new JcePool<>(() -> new Object[] {made.incrementAndGet()}, 2);
        List<Object> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(pool.take());
        }
        assertThat(made).hasValue(5);
        held.forEach(pool::giveBack);
        assertThat(pool.idle()).isEqualTo(2);
    }

    @Test
    void noObjectIsHandedToTwoHoldersAtOnce() throws Exception {
        JcePool<Object> pool = new JcePool<>(Object::new, 8);
        Set<Object> inUse = ConcurrentHashMap.newKeySet();
        AtomicInteger clashes = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    Object object = pool.take();
                    if (!inUse.add(object)) {
                        clashes.incrementAndGet();
                    }
                    Thread.yield();
                    inUse.remove(object);
                    pool.giveBack(object);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(clashes).hasValue(0);
        assertThat(pool.idle()).isBetween(1, 8);
    }

    @Test
    void aPoolNeedsASlotAndTheFactoryMustMakeSomething() {
        assertThatThrownBy(() -> new JcePool<>(Object::new, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JcePool<>(() -> null, 1).take()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aPooledCipherGivesTheSameAnswersAfterAnotherKeyUsedIt() {
        // FIPS-197 appendix C.1 (AES-128) and C.3 (AES-256), through the pooled ECB cipher in turns.
        byte[] plain = Hex.decode("00112233445566778899aabbccddeeff");
        byte[] key128 = Hex.decode("000102030405060708090a0b0c0d0e0f");
        byte[] key256 = Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        for (int round = 0; round < 3; round++) {
            assertThat(Hex.encode(Ciphers.aesEcbEncrypt(key128, plain))).isEqualToIgnoringCase("69c4e0d86a7b0430d8cdb78070b4c55a");
            assertThat(Hex.encode(Ciphers.aesEcbEncrypt(key256, plain))).isEqualToIgnoringCase("8ea2b7ca516745bfeafc49904b496089");
            try (AesBlockEncryptor aes = AesBlockEncryptor.of(key128)) {
                byte[] block = plain.clone();
                aes.encryptInPlace(block);
                assertThat(Hex.encode(block)).isEqualToIgnoringCase("69c4e0d86a7b0430d8cdb78070b4c55a");
            }
        }
    }

    @Test
    void anEncryptorRefusesUseAfterClose() {
        AesBlockEncryptor aes = AesBlockEncryptor.of(new byte[16]);
        aes.close();
        assertThatThrownBy(() -> aes.encryptInPlace(new byte[16])).isInstanceOf(IllegalStateException.class);
    }
}
