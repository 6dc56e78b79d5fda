package io.kessai.issuer.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultTest {
    @Test
    void parsesEveryKind() {
        assertThat(Fault.parse("delay:1500")).isEqualTo(Fault.delay(1500));
        assertThat(Fault.parse("DROP")).isEqualTo(Fault.of(Fault.Kind.DROP));
        assertThat(Fault.parse("close").format()).isEqualTo("close");
        assertThat(Fault.parse(" garbage ").kind()).isEqualTo(Fault.Kind.GARBAGE);
        assertThatThrownBy(() -> Fault.parse("delay:0")).hasMessageContaining("1..600000");
        assertThatThrownBy(() -> Fault.parse("delay:soon")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Fault.parse("melt")).hasMessageContaining("not one of delay:MS, drop, close, garbage");
    }

    @Test
    void trafficSharesAreExactIntegers() {
        assertThat(TrafficFault.parse("drop@5").partsPerMillion()).isEqualTo(50_000);
        assertThat(TrafficFault.parse("delay:200@0.0001").partsPerMillion()).isEqualTo(1);
        assertThat(TrafficFault.parse("close@100").toString()).isEqualTo("close@100");
        assertThatThrownBy(() -> TrafficFault.parse("drop")).hasMessageContaining("KIND@PERCENT");
        assertThatThrownBy(() -> TrafficFault.parse("drop@0")).hasMessageContaining("above 0");
        assertThatThrownBy(() -> TrafficFault.parse("drop@100.5")).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> TrafficFault.parse("drop@0.00001")).hasMessageContaining("4 decimals");
        assertThatThrownBy(() -> new FaultPlan(List.of(TrafficFault.parse("drop@60"), TrafficFault.parse("close@50")), 1))
                .hasMessageContaining("more than 100%");
    }

    @Test
    void aPlanDrawsItsSharesAndACardFaultWins() {
        FaultPlan plan = new FaultPlan(List.of(TrafficFault.parse("drop@25")), 42);
        int drops = 0;
        final int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            if (plan.choose(null) != null) {
                drops++;
            }
        }
        assertThat(drops).isBetween(24_000, 26_000);
        assertThat(plan.choose(Fault.of(Fault.Kind.CLOSE))).isEqualTo(Fault.of(Fault.Kind.CLOSE));
        assertThat(FaultPlan.none().choose(null)).isNull();
    }
}
