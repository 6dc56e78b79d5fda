package io.kessai.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpsEnvelopeSenderTest {
    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheOutcomeOfAnAnswer() {
        assertThat(HttpsEnvelopeSender.outcome(200, json("{\"payment_id\":\"pay_1\",\"outcome\":\"approved\",\"message\":"
                + "{\"ja\":\"x\",\"en\":\"y\"}}"))).isEqualTo(Outcome.APPROVED);
        assertThat(HttpsEnvelopeSender.outcome(200, json("{\"message\":{\"outcome\":1},\"outcome\":\"declined\"}")))
                .isEqualTo(Outcome.DECLINED);
    }

    @Test
    void anErrorIsCountedUnderStatusAndApiCode() {
        assertThatThrownBy(() -> HttpsEnvelopeSender.outcome(409, json("{\"error\":{\"code\":\"ksn_replayed\",\"message\":\"m\"}}")))
                .isInstanceOfSatisfying(OpenLoopRun.SendFailure.class, e -> assertThat(e.code()).isEqualTo("http_409:ksn_replayed"));
        assertThatThrownBy(() -> HttpsEnvelopeSender.outcome(502, json("<html>bad gateway</html>")))
                .isInstanceOfSatisfying(OpenLoopRun.SendFailure.class, e -> assertThat(e.code()).isEqualTo("http_502"));
        assertThatThrownBy(() -> HttpsEnvelopeSender.outcome(200, json("{\"payment_id\":\"p\"}")))
                .isInstanceOfSatisfying(OpenLoopRun.SendFailure.class, e -> assertThat(e.code()).isEqualTo("no_outcome"));
        assertThatThrownBy(() -> HttpsEnvelopeSender.outcome(200, json("{\"outcome\":\"maybe\"}")))
                .isInstanceOfSatisfying(OpenLoopRun.SendFailure.class, e -> assertThat(e.code()).isEqualTo("bad_outcome"));
    }
}
