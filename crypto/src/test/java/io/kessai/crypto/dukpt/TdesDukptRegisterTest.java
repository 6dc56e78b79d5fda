package io.kessai.crypto.dukpt;

import static io.kessai.card.Hex.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import io.kessai.crypto.cipher.Ciphers;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TdesDukptRegisterTest {
    private static final byte[] BDK = TdesDukptTest.BDK;
    private static final byte[] IPEK = TdesDukptTest.IPEK;
    private static final byte[] INITIAL_KSN = TdesDukptTest.INITIAL_KSN;
    private static final int MAX_ONE_BITS = 10;

    @Test
    void theTwentyOneTableRowsComeOutOfTheRegister() throws DukptException {
        String[] encryptedPinBlocks = {"1B9C1845EB993A7A", "10A01C8D02C69107", "18DC07B94797B466", "0BC79509D5645DF7",
            "5BC0AF22AD87B327", "A16DF70AE36158D8", "27711C16CB257F8E", "50E55547A5027551", "536CF7F678ACFC8D",
            "EDABBA23221833FE", "2328981C57B4BDBA", "038D03CC926CF286", "6C8AA97088B62C68", "F17C9E1D72CD4950",
            "B170F6E7F7F2F64A", "D5D9638559EF53D6", "D544F8CDD292C863", "7A21BD10F36DC41D", "78649BD17D0DFA60",
            "7E7E16EA0C31AD56", "72105C22EBC791E6"};
        TdesDukptRegister register = TdesDukptRegister.load(IPEK, INITIAL_KSN);
        for (int row = 0; row < encryptedPinBlocks.length; row++) {
            try (TdesDukptTransaction transaction = register.next()) {
                assertThat(transaction.ksn().counter()).isEqualTo(row + 1);
                byte[] pinKey = transaction.key(DukptKeyPurpose.PIN);
                assertThat(Hex.encode(Ciphers.tdesEcbEncrypt(pinKey, TdesDukptTest.CLEAR_PIN_BLOCK)))
                        .isEqualTo(encryptedPinBlocks[row]);
            }
        }
    }

    @Test
    void everyKeyOfTheFirstCountersEqualsTheHostsKey() throws DukptException {
        TdesDukptRegister register = TdesDukptRegister.load(IPEK, INITIAL_KSN);
        long expected = 1;
        // 0x7FF is the first counter with 11 one-bits: the register must skip it.
        for (int i = 0; i < 2100; i++) {
            assertSameAsHost(register.next(), expected);
            expected = nextValidCounter(expected);
        }
        assertThat(register.counter()).isGreaterThan(2100);
    }

    @Test
    void jumpFromEffc00ToF00000() throws DukptException {
        TdesDukptRegister register = TdesDukptRegister.startingAt(IPEK, INITIAL_KSN, 0x0FFC00);
        try (TdesDukptTransaction transaction = register.next()) {
            assertThat(transaction.ksn().hex()).isEqualTo("FFFF9876543210EFFC00");
            assertThat(Hex.encode(transaction.key(DukptKeyPurpose.TRANSACTION))).isEqualTo("F9430DF975082491C77BE4EF4FDB91EE");
        }
        try (TdesDukptTransaction transaction = register.next()) {
            assertThat(transaction.ksn().hex()).isEqualTo("FFFF9876543210F00000");
            assertThat(Hex.encode(transaction.key(DukptKeyPurpose.TRANSACTION))).isEqualTo("AA4D58DB653EC74A48C75F2F047DD2B5");
        }
    }

    @Test
    void exhaustsAt1ff800() throws DukptException {
        TdesDukptRegister register = TdesDukptRegister.startingAt(IPEK, INITIAL_KSN, 0x1FF000);
        long expected = 0x1FF000;
        int used = 0;
        while (!register.exhausted()) {
            assertSameAsHost(register.next(), expected);
            expected = nextValidCounter(expected);
            used++;
        }
        assertThat(register.counter()).isEqualTo(0x1FF800);
        assertThat(used).isEqualTo(1 + 11 + 1); // 1FF000, the 11 single-bit steps 1FF001…1FF400, 1FF800
        assertThatThrownBy(register::next)
                .isInstanceOf(DukptException.class)
                .hasMessage("TDES DUKPT register is exhausted: counter 0x1FF800 was its last usable counter;"
                        + " load a new initial key");
        assertThat(TdesDukptRegister.importState(register.exportState()).exhausted()).isTrue();
    }

    @Test
    void exportedStateContinuesTheSequence() throws DukptException {
        TdesDukptRegister register = TdesDukptRegister.load(IPEK, INITIAL_KSN);
        for (int i = 0; i < 50; i++) {
            register.next().close();
        }
        TdesDukptRegister restored = TdesDukptRegister.importState(register.exportState());
        for (int i = 0; i < 30; i++) {
            try (TdesDukptTransaction fromOriginal = register.next(); TdesDukptTransaction fromRestored = restored.next()) {
                assertThat(fromRestored.ksn()).isEqualTo(fromOriginal.ksn());
                assertThat(fromRestored.key(DukptKeyPurpose.DATA)).isEqualTo(fromOriginal.key(DukptKeyPurpose.DATA));
            }
        }
        String state = Hex.encode(restored.exportState());
        assertThat(state).doesNotContain(Hex.encode(IPEK));
    }

    @Test
    void loadRefusesAKsnWithCounterBits() {
        assertThatThrownBy(() -> TdesDukptRegister.load(IPEK, decode("FFFF9876543210E00001")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an initial KSN has counter bits 0; this one has 0x000001");
        assertThatThrownBy(() -> TdesDukptRegister.load(new byte[24], INITIAL_KSN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TdesDukptRegister.load(IPEK, new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void importRefusesDamagedState() throws DukptException {
        TdesDukptRegister register = TdesDukptRegister.load(IPEK, INITIAL_KSN);
        byte[] state = register.exportState();
        assertThatThrownBy(() -> TdesDukptRegister.importState(Arrays.copyOf(state, state.length + 16)))
                .isInstanceOf(DukptException.class);
        assertThatThrownBy(() -> TdesDukptRegister.importState(Arrays.copyOf(state, 12)))
                .isInstanceOf(DukptException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> AesDukptRegister.importState(state))
                .isInstanceOf(DukptException.class)
                .hasMessage("register state is for TDES DUKPT, not AES DUKPT");
        byte[] noNextKey = state.clone();
        // Presence mask (4 bytes after the 4-byte header, 10-byte KSN and two counters): register 0 gone.
        noNextKey[4 + 10 + 16 + 3] &= (byte) 0xFE;
        assertThatThrownBy(() -> TdesDukptRegister.importState(noNextKey))
                .isInstanceOf(DukptException.class)
                .hasMessage("TDES DUKPT register state lacks the key for next counter 0x000001");
    }

    static long nextValidCounter(long counter) {
        long next = counter + 1;
        while (Long.bitCount(next) > MAX_ONE_BITS) {
            next += Long.lowestOneBit(next);
        }
        return next;
    }

    private static void assertSameAsHost(TdesDukptTransaction transaction, long expectedCounter) throws DukptException {
        try (transaction) {
            TdesKsn ksn = TdesKsn.of(INITIAL_KSN, expectedCounter);
            assertThat(transaction.ksn()).isEqualTo(ksn);
            for (DukptKeyPurpose purpose : DukptKeyPurpose.values()) {
                assertThat(transaction.key(purpose)).as("%s at 0x%X", purpose, expectedCounter)
                        .isEqualTo(TdesDukpt.hostKey(BDK, ksn, purpose));
            }
        }
    }
}
