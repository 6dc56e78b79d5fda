package io.kessai.crypto.dukpt;

import static io.kessai.card.Hex.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import org.junit.jupiter.api.Test;

class AesKsnTest {
    private static final byte[] IKID = decode("1234567890123456");

    @Test
    void splitsIntoInitialKeyIdAndCounter() throws DukptException {
        AesKsn ksn = AesKsn.parse(decode("1234567890123456FFFF0000"));
        assertThat(Hex.encode(ksn.initialKeyId())).isEqualTo("1234567890123456");
        assertThat(ksn.counter()).isEqualTo(0xFFFF0000L);
        assertThat(ksn.hex()).isEqualTo("1234567890123456FFFF0000");
        assertThat(ksn.toBytes()).isEqualTo(decode("1234567890123456FFFF0000"));
        assertThat(ksn).isEqualTo(AesKsn.of(IKID, 0xFFFF0000L)).hasToString("AesKsn[1234567890123456FFFF0000]");
        assertThat(ksn.hashCode()).isEqualTo(AesKsn.of(IKID, 0xFFFF0000L).hashCode());
        assertThat(ksn).isNotEqualTo(AesKsn.of(IKID, 1));
    }

    @Test
    void isImmutable() throws DukptException {
        byte[] ikid = IKID.clone();
        AesKsn ksn = AesKsn.of(ikid, 1);
        ikid[0] = 0;
        ksn.initialKeyId()[1] = 0;
        assertThat(ksn.hex()).isEqualTo("123456789012345600000001");
    }

    @Test
    void refusesBadKsns() {
        assertThatThrownBy(() -> AesKsn.parse(decode("12345678901234560000000001")))
                .isInstanceOf(DukptException.class)
                .hasMessage("AES DUKPT KSN must be 12 bytes, got 13");
        assertThatThrownBy(() -> AesKsn.parse(decode("123456789012345600000000")))
                .isInstanceOf(DukptException.class)
                .hasMessageStartingWith("KSN counter is 0");
        assertThatThrownBy(() -> AesKsn.parse(decode("12345678901234560001FFFF")))
                .isInstanceOf(DukptException.class)
                .hasMessage("KSN counter 0x0001FFFF has 17 one-bits; AES DUKPT allows at most 16");
        assertThatThrownBy(() -> AesKsn.of(decode("1234"), 1))
                .isInstanceOf(DukptException.class)
                .hasMessage("AES DUKPT Initial Key ID must be 8 bytes, got 2");
        assertThatThrownBy(() -> AesKsn.of(IKID, 0x1_0000_0000L))
                .isInstanceOf(DukptException.class)
                .hasMessageContaining("does not fit the 32-bit");
        assertThatThrownBy(() -> AesKsn.of(IKID, -1)).isInstanceOf(DukptException.class);
    }
}
