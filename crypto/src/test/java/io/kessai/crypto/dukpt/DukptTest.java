package io.kessai.crypto.dukpt;

import static io.kessai.card.Hex.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kessai.card.Hex;
import org.junit.jupiter.api.Test;

class DukptTest {
    @Test
    void twelveByteKsnMeansAesDukpt() throws DukptException {
        assertThat(Hex.encode(Dukpt.hostKey(AesDukptTest.BDK, decode("123456789012345600000001"), DukptKeyPurpose.PIN)))
                .isEqualTo("AF8CB133A78F8DC2D1359F18527593FB");
    }

    @Test
    void tenByteKsnMeansTdesDukpt() throws DukptException {
        assertThat(Hex.encode(Dukpt.hostKey(TdesDukptTest.BDK, decode("FFFF9876543210E00001"), DukptKeyPurpose.PIN)))
                .isEqualTo("042666B49184CF5C68DE9628D0397B36");
    }

    @Test
    void anyOtherLengthIsNamed() {
        assertThatThrownBy(() -> Dukpt.hostKey(AesDukptTest.BDK, new byte[11], DukptKeyPurpose.PIN))
                .isInstanceOf(DukptException.class)
                .hasMessage("KSN must be 10 bytes (TDES DUKPT) or 12 bytes (AES DUKPT), got 11");
    }

    @Test
    void purposesByCliName() {
        for (DukptKeyPurpose purpose : DukptKeyPurpose.values()) {
            assertThat(DukptKeyPurpose.fromCliName(purpose.cliName())).isEqualTo(purpose);
        }
        assertThat(DukptKeyPurpose.MAC_RESPONSE.cliName()).isEqualTo("mac-response");
        assertThat(DukptKeyPurpose.fromCliName("Data-Response")).isEqualTo(DukptKeyPurpose.DATA_RESPONSE);
        assertThatThrownBy(() -> DukptKeyPurpose.fromCliName("mac_response"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown DUKPT key purpose 'mac_response'; valid: "
                        + "transaction, pin, mac, mac-response, data, data-response");
    }
}
