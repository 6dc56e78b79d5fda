package io.kessai.center.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {
    @Test
    void booleansAreTrueOrFalseAndNothingElse() {
        ConfigValues values = ConfigValues.of(Map.of("A", "TRUE", "B", "false", "C", "yes", "D", "  "));
        assertThat(values.bool("A", false)).isTrue();
        assertThat(values.bool("B", true)).isFalse();
        assertThat(values.bool("D", true)).isTrue();
        assertThat(values.bool("UNSET", false)).isFalse();
        assertThatThrownBy(() -> values.bool("C", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("C must be true or false, got 'yes'");
    }

    @Test
    void numbersOutsideTheirRangeNameTheVariable() {
        ConfigValues values = ConfigValues.of(Map.of("KESSAI_RECOVERY_GRACE_SECONDS", "-1"));
        assertThatThrownBy(() -> values.integer("KESSAI_RECOVERY_GRACE_SECONDS", 150, 0, 3_600))
                .hasMessage("KESSAI_RECOVERY_GRACE_SECONDS must be a whole number from 0 to 3600, got '-1'");
    }
}
