package io.kessai.crypto.dukpt;

import static io.kessai.card.Hex.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import org.junit.jupiter.api.Test;

class TdesKsnTest {
    @Test
    void readsTheTwentyOneBitCounter() throws DukptException {
        TdesKsn ksn = TdesKsn.parse(decode("FFFF9876543210EFFC00"));
        assertThat(ksn.counter()).isEqualTo(0x0FFC00);
        assertThat(Hex.encode(ksn.initialKsn())).isEqualTo("FFFF9876543210E00000");
        assertThat(ksn.hex()).isEqualTo("FFFF9876543210EFFC00");
        assertThat(ksn).hasToString("TdesKsn[FFFF9876543210EFFC00]");
    }

    @Test
    void ofReplacesTheCounter() throws DukptException {
        TdesKsn ksn = TdesKsn.of(decode("FFFF9876543210E00015"), 0x1FF800);
        assertThat(ksn.hex()).isEqualTo("FFFF9876543210FFF800");
        assertThat(ksn).isEqualTo(TdesKsn.parse(decode("FFFF9876543210FFF800")));
        assertThat(ksn.hashCode()).isEqualTo(TdesKsn.parse(ksn.toBytes()).hashCode());
    }

    @Test
    void refusesBadKsns() {
        assertThatThrownBy(() -> TdesKsn.parse(decode("FFFF9876543210E000")))
                .isInstanceOf(DukptException.class)
                .hasMessage("TDES DUKPT KSN must be 10 bytes, got 9");
        assertThatThrownBy(() -> TdesKsn.parse(decode("FFFF9876543210E00000")))
                .isInstanceOf(DukptException.class)
                .hasMessageStartingWith("KSN counter is 0");
        assertThatThrownBy(() -> TdesKsn.parse(decode("FFFF9876543210E007FF")))
                .isInstanceOf(DukptException.class)
                .hasMessage("KSN counter 0x0007FF has 11 one-bits; TDES DUKPT allows at most 10");
        assertThatThrownBy(() -> TdesKsn.of(decode("FFFF9876543210E00000"), 0x200000))
                .isInstanceOf(DukptException.class)
                .hasMessageContaining("does not fit the 21-bit");
    }
}
