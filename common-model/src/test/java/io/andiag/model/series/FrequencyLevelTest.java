package io.andiag.model.series;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrequencyLevelTest {

    @ParameterizedTest(name = "share {0} -> {1}")
    @CsvSource({
            "0.0, ULTRA_LOW", "0.0099, ULTRA_LOW", "0.01, LOW", "0.0999, LOW", "0.10, MEDIUM",
            "0.4999, MEDIUM", "0.50, HIGH", "1.0, HIGH"})
    void shouldUseUpperExclusiveDefaultThresholds(double share, FrequencyLevel expected) {
        assertThat(FrequencyLevel.of(share)).isEqualTo(expected);
    }

    @Test
    void shouldUseConfiguredThresholds() {
        FrequencySettings s = FrequencySettings.from(Map.of("detection.frequency.ultra_low_max", "0.05"));
        assertThat(FrequencyLevel.of(0.04, s)).isEqualTo(FrequencyLevel.ULTRA_LOW);
        assertThat(FrequencyLevel.of(0.04)).isEqualTo(FrequencyLevel.LOW);
    }

    @Test
    void shouldRejectThresholdsOutOfOrderNamingThem() {
        assertThatThrownBy(() -> new FrequencySettings(0.2, 0.1, 0.5))
                .hasMessageContaining("detection.frequency.ultra_low_max=0.2")
                .hasMessageContaining("detection.frequency.low_max=0.1");
    }

    @Test
    void shouldRejectShareOutsideUnitInterval() {
        assertThatThrownBy(() -> FrequencyLevel.of(1.5)).hasMessage("active share must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> FrequencyLevel.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
