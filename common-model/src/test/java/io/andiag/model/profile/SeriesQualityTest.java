package io.andiag.model.profile;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SeriesQualityTest {

    private static final double EXACT = 1e-12;
    private final SeriesQuality quality = new SeriesQuality(QualitySettings.defaults());

    @Test
    void stableWellObservedSeriesHasFullQuality() {
        assertThat(quality.of(0.95, 0.3, Pattern.STABLE)).isEqualTo(1.0);
    }

    @Test
    void shouldMultiplyHandComputedFactors() {
        // coverage 0.4 / full_coverage 0.8 = 0.5; cv 2.0 over cv_free 1.0 -> 1 / (1 + 1) = 0.5; SEASONAL 0.9
        assertThat(quality.of(0.4, 2.0, Pattern.SEASONAL)).isCloseTo(0.5 * 0.5 * 0.9, within(EXACT));
        assertThat(quality.of(1.0, 0.0, Pattern.HYBRID)).isCloseTo(0.6, within(EXACT));
    }

    @Test
    void shouldNeverGoBelowMinimum() {
        assertThat(quality.of(0.0, 50, Pattern.HYBRID)).isEqualTo(0.1);
        SeriesQuality strict = new SeriesQuality(QualitySettings.from(Map.of("detection.quality.min", "0.3")));
        assertThat(strict.of(0.01, 0, Pattern.STABLE)).isEqualTo(0.3);
    }

    @Test
    void shouldRejectInvalidInputsNamingThem() {
        assertThatThrownBy(() -> quality.of(1.2, 0, Pattern.STABLE)).hasMessage("coverage must be in [0, 1], got 1.2");
        assertThatThrownBy(() -> new QualitySettings(0.8, 1, 1, 0.9, 0.7, 0.6, 0))
                .hasMessage("detection.quality.min must be in (0, 1], got 0.0");
    }
}
