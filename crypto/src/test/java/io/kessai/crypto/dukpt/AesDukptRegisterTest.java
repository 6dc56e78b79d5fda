package io.kessai.crypto.dukpt;

import static io.kessai.card.Hex.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesDukptRegisterTest {
    private static final byte[] BDK = AesDukptTest.BDK;
    private static final byte[] IKID = AesDukptTest.IKID;
    private static final byte[] INITIAL_KEY = AesDukptTest.INITIAL_KEY;
    private static final int MAX_ONE_BITS = 16;

    @Test
    void firstTransactionsMatchThePublishedVectors() throws DukptException {
        AesDukptRegister register = AesDukptRegister.load(INITIAL_KEY, IKID);
        assertThat(register.counter()).isZero();
        String[] pinKeys = {"AF8CB133A78F8DC2D1359F18527593FB", "D30BDC73EC9714B000BEC66BDB7B6D09",
            "7D69F01F3B45449F62C7816ECE723268"};
        for (int i = 0; i < pinKeys.length; i++) {
            try (AesDukptTransaction transaction = register.next()) {
                assertThat(transaction.ksn().counter()).isEqualTo(i + 1);
                assertThat(Hex.encode(transaction.key(DukptKeyPurpose.PIN))).isEqualTo(pinKeys[i]);
            }
        }
        assertThat(register.counter()).isEqualTo(3);
    }

    @Test
    void everyKeyOfTheFirstCountersEqualsTheHostsKey() throws DukptException {
        AesDukptRegister register = AesDukptRegister.load(INITIAL_KEY, IKID);
        for (long counter = 1; counter <= 600; counter++) {
            assertSameAsHost(register.next(), counter);
        }
    }

    @ParameterizedTest(name = "from 0x{0}")
    @ValueSource(longs = {0x0000FFFEL, 0x0000FFFFL, 0x7FFF8000L, 0x00FFFF00L, 0x80000001L, 0xFFFE0000L})
    void jumpsAheadAndSkipsCountersWithTooManyOneBits(long start) throws DukptException {
        AesDukptRegister register = AesDukptRegister.startingAt(INITIAL_KEY, IKID, start);
        long expected = start;
        for (int i = 0; i < 40 && !register.exhausted(); i++) {
            assertSameAsHost(register.next(), expected);
            expected = nextValidCounter(expected);
        }
    }

    @Test
    void aCounterWithSixteenOneBitsIsFollowedByItsSumWithTheLowestBit() throws DukptException {
        AesDukptRegister register = AesDukptRegister.startingAt(INITIAL_KEY, IKID, 0x0000FFFFL);
        register.next().close();
        try (AesDukptTransaction transaction = register.next()) {
            assertThat(transaction.ksn().counter()).isEqualTo(0x00010000L);
        }
        AesDukptRegister high = AesDukptRegister.startingAt(INITIAL_KEY, IKID, 0x7FFF8000L);
        high.next().close();
        try (AesDukptTransaction transaction = high.next()) {
            assertThat(transaction.ksn().counter()).isEqualTo(0x80000000L);
        }
    }

    @Test
    void exhaustsAfterTheLastValidCounterAndThenRefusesEverything() throws DukptException {
        AesDukptRegister register = AesDukptRegister.startingAt(INITIAL_KEY, IKID, 0xFFFF0000L);
        assertThat(register.exhausted()).isFalse();
        assertSameAsHost(register.next(), 0xFFFF0000L);
        assertThat(register.exhausted()).isTrue();
        assertThat(register.counter()).isEqualTo(0xFFFF0000L);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(register::next)
                    .isInstanceOf(DukptException.class)
                    .hasMessage("AES DUKPT register is exhausted: counter 0xFFFF0000 was its last usable counter;"
                            + " load a new initial key");
        }
        AesDukptRegister restored = AesDukptRegister.importState(register.exportState());
        assertThat(restored.exhausted()).isTrue();
        assertThatThrownBy(restored::next).isInstanceOf(DukptException.class);
    }

    @Test
    void exportedStateContinuesTheSequence() throws DukptException {
        AesDukptRegister register = AesDukptRegister.load(INITIAL_KEY, IKID);
        for (int i = 0; i < 37; i++) {
            register.next().close();
        }
        byte[] state = register.exportState();
        AesDukptRegister restored = AesDukptRegister.importState(state);
        assertThat(restored.counter()).isEqualTo(37);
        for (long counter = 38; counter < 80; counter++) {
            try (AesDukptTransaction fromOriginal = register.next(); AesDukptTransaction fromRestored = restored.next()) {
                assertThat(fromRestored.ksn()).isEqualTo(fromOriginal.ksn());
                assertThat(fromRestored.key(DukptKeyPurpose.MAC)).isEqualTo(fromOriginal.key(DukptKeyPurpose.MAC));
            }
        }
        assertThat(restored.exportState()).isEqualTo(register.exportState());
    }

    @Test
    void forwardSecrecyTheStateHoldsNeitherTheInitialKeyNorAnyUsedKey() throws DukptException {
        AesDukptRegister register = AesDukptRegister.load(INITIAL_KEY, IKID);
        byte[][] usedKeys = new byte[20][];
        for (int i = 0; i < usedKeys.length; i++) {
            try (AesDukptTransaction transaction = register.next()) {
                usedKeys[i] = transaction.key(DukptKeyPurpose.TRANSACTION);
            }
        }
        String state = Hex.encode(register.exportState());
        assertThat(state).doesNotContain(Hex.encode(INITIAL_KEY));
        for (byte[] used : usedKeys) {
            assertThat(state).doesNotContain(Hex.encode(used));
        }
    }

    @Test
    void loadCopiesTheInitialKeySoTheCallerCanWipeIt() throws DukptException {
        byte[] initialKey = INITIAL_KEY.clone();
        AesDukptRegister register = AesDukptRegister.load(initialKey, IKID);
        Arrays.fill(initialKey, (byte) 0);
        assertSameAsHost(register.next(), 1);
    }

    @Test
    void aClosedTransactionAndADestroyedRegisterRefuseUse() throws DukptException {
        AesDukptRegister register = AesDukptRegister.load(INITIAL_KEY, IKID);
        AesDukptTransaction transaction = register.next();
        transaction.close();
        assertThatThrownBy(() -> transaction.key(DukptKeyPurpose.PIN)).isInstanceOf(IllegalStateException.class);
        assertThat(transaction.toString()).isEqualTo("AesDukptTransaction[123456789012345600000001, closed]");
        register.destroy();
        assertThatThrownBy(register::next).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(register::exportState).isInstanceOf(IllegalStateException.class);
        assertThat(register.toString()).contains("destroyed").doesNotContain(Hex.encode(INITIAL_KEY));
    }

    @Test
    void aes256RegisterMatchesTheHost() throws DukptException {
        byte[] bdk256 = decode("FEDCBA9876543210F1F1F1F1F1F1F1F1FEDCBA9876543210F1F1F1F1F1F1F1F1");
        AesDukptRegister register = AesDukptRegister.load(AesDukpt.initialKey(bdk256, IKID), IKID);
        for (long counter = 1; counter <= 20; counter++) {
            try (AesDukptTransaction transaction = register.next()) {
                AesKsn ksn = AesKsn.of(IKID, counter);
                assertThat(transaction.key(DukptKeyPurpose.DATA)).isEqualTo(AesDukpt.hostKey(bdk256, ksn, DukptKeyPurpose.DATA));
            }
        }
        assertThat(AesDukptRegister.importState(register.exportState()).counter()).isEqualTo(20);
    }

    @Test
    void startingAtRefusesInvalidCounters() {
        assertThatThrownBy(() -> AesDukptRegister.startingAt(INITIAL_KEY, IKID, 0x0001FFFFL))
                .isInstanceOf(DukptException.class)
                .hasMessage("KSN counter 0x0001FFFF has 17 one-bits; AES DUKPT allows at most 16");
        assertThatThrownBy(() -> AesDukptRegister.load(INITIAL_KEY, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AesDukptRegister.load(new byte[10], IKID)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void importRefusesDamagedState() throws DukptException {
        AesDukptRegister register = AesDukptRegister.load(INITIAL_KEY, IKID);
        register.next().close();
        byte[] state = register.exportState();

        assertThatThrownBy(() -> AesDukptRegister.importState(Arrays.copyOf(state, state.length - 1)))
                .isInstanceOf(DukptException.class)
                .hasMessageContaining("bytes of keys");
        assertThatThrownBy(() -> AesDukptRegister.importState(Arrays.copyOf(state, 3)))
                .isInstanceOf(DukptException.class);
        assertThatThrownBy(() -> AesDukptRegister.importState(withByte(state, 0, 'X')))
                .isInstanceOf(DukptException.class)
                .hasMessage("not a Kessai DUKPT register state (bad magic)");
        assertThatThrownBy(() -> AesDukptRegister.importState(withByte(state, 2, 9)))
                .isInstanceOf(DukptException.class)
                .hasMessage("register state format version 9 is not supported (this build reads version 1)");
        assertThatThrownBy(() -> AesDukptRegister.importState(withByte(state, 4, 20)))
                .isInstanceOf(DukptException.class)
                .hasMessageContaining("20-byte keys");
        assertThatThrownBy(() -> TdesDukptRegister.importState(state))
                .isInstanceOf(DukptException.class)
                .hasMessage("register state is for AES DUKPT, not TDES DUKPT");
        // Next counter (bytes 13–20) set to 0x1FFFF: 17 one-bits.
        byte[] badCounter = state.clone();
        ByteBuffer.wrap(badCounter, 13, 8).putLong(0x1FFFFL);
        assertThatThrownBy(() -> AesDukptRegister.importState(badCounter))
                .isInstanceOf(DukptException.class)
                .hasMessageContaining("17 one-bits");
    }

    /** The counter after {@code counter}: +1, then skip while too many one-bits by adding the lowest set bit. */
    static long nextValidCounter(long counter) {
        long next = counter + 1;
        while (Long.bitCount(next) > MAX_ONE_BITS) {
            next += Long.lowestOneBit(next);
        }
        return next;
    }

    private static void assertSameAsHost(AesDukptTransaction transaction, long expectedCounter) throws DukptException {
        try (transaction) {
            AesKsn ksn = AesKsn.of(IKID, expectedCounter);
            assertThat(transaction.ksn()).isEqualTo(ksn);
            for (DukptKeyPurpose purpose : DukptKeyPurpose.values()) {
                assertThat(transaction.key(purpose)).as("%s at 0x%X", purpose, expectedCounter)
                        .isEqualTo(AesDukpt.hostKey(BDK, ksn, purpose));
            }
            assertThat(transaction.workingKey(AesKeyUsage.MAC_BOTH, AesDukptKeyType.HMAC128))
                    .isEqualTo(AesDukpt.workingKey(AesDukpt.transactionKey(INITIAL_KEY, ksn), ksn,
                            AesKeyUsage.MAC_BOTH, AesDukptKeyType.HMAC128));
        }
    }

    private static byte[] withByte(byte[] state, int index, int value) {
        byte[] copy = state.clone();
        copy[index] = (byte) value;
        return copy;
    }
}
