package io.kessai.iso8583.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkConfigTest {
    @Test
    void clientDefaultsAreTheDocumentedOnes() {
        LinkClientConfig config = LinkClientConfig.builder("issuer.example", 5000).build();

        assertThat(config.framing()).isEqualTo(new Framing(LengthHeader.BINARY_2, 8_192));
        assertThat(config.requestTimeoutMillis()).isEqualTo(20_000);
        assertThat(config.maxInFlight()).isEqualTo(512);
        assertThat(config.windowWaitMillis()).isEqualTo(1_000);
        assertThat(config.echoIdleMillis()).isEqualTo(60_000);
        assertThat(config.reconnectInitialMillis()).isEqualTo(500);
        assertThat(config.reconnectMaxMillis()).isEqualTo(30_000);
        assertThat(config.target()).isEqualTo("issuer.example:5000");
    }

    @Test
    void aBadValueIsNamedWithItsRange() {
        assertThatThrownBy(() -> LinkClientConfig.builder("h", 1).requestTimeoutMillis(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requestTimeoutMillis must be 1..3600000, was 0");
        assertThatThrownBy(() -> LinkClientConfig.builder("h", 1).reconnectInitialMillis(500).reconnectMaxMillis(100).build())
                .hasMessage("reconnectMaxMillis must be 500..3600000, was 100");
        assertThatThrownBy(() -> LinkClientConfig.builder("h", 70_000).build())
                .hasMessage("port must be 1..65535, was 70000");
        assertThatThrownBy(() -> LinkServerConfig.builder(0).handlerTimeoutMillis(60_000).idleTimeoutMillis(30_000).build())
                .hasMessage("idleTimeoutMillis must be 60000..3600000, was 30000");
    }

    @Test
    void aFrameCannotBeLargerThanItsHeaderCanSay() {
        assertThatThrownBy(() -> new Framing(LengthHeader.BCD_2, 10_000))
                .hasMessage("maxFrameBytes must be 1..9999, was 10000");
        assertThat(Framing.of(LengthHeader.ASCII_4).maxFrameBytes()).isEqualTo(8_192);
        assertThat(new Framing(LengthHeader.BINARY_2, 65_535).maxFrameBytes()).isEqualTo(65_535);
    }
}
