package io.andiag.model.noise;

import io.andiag.model.noise.NoiseModel.Kind;
import io.andiag.model.profile.Pattern;
import io.andiag.model.profile.ShapeSettings;
import io.andiag.model.series.FrequencyLevel;
import io.andiag.model.series.SparseMinuteSeries;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.andiag.model.testing.SeriesGenerator.START_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Expected values are computed by hand in the comments (population standard deviations). */
class NoiseFitterTest {

    private static final double EXACT = 1e-9;
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;

    private static NoiseFitter fitter(Map<String, ?> props) {
        return new NoiseFitter(NoiseSettings.from(props), ShapeSettings.from(props));
    }

    private static SparseMinuteSeries series(int... counts) {
        SparseMinuteSeries.Builder b = SparseMinuteSeries.builder(START_MS, counts.length);
        for (int m = 0; m < counts.length; m++) {
            b.add(m, counts[m]);
        }
        return b.build();
    }

    @Test
    void robustUsesUpperTrimmedMeanAndStd() {
        // 10 minutes, trim 0.1 drops floor(1.0) = 1 largest value (50): 0 0 1 2 3 0 0 0 0 -> mean 6/9 = 0.666667,
        // E[x^2] = 14/9, std = sqrt(14/9 - 36/81) = sqrt(10/9) = 1.054093 (above the floor of 1.0)
        NoiseModel m = fitter(Map.of("detection.noise.trim_share", "0.1"))
                .fit(series(0, 0, 1, 2, 3, 0, 0, 0, 0, 50), FrequencyLevel.MEDIUM, Pattern.STABLE);
        assertThat(m.kind()).isEqualTo(Kind.ROBUST);
        assertThat(m.expected(START_MS)).isCloseTo(6.0 / 9, within(EXACT));
        assertThat(m.spread(START_MS)).isCloseTo(Math.sqrt(10.0 / 9), within(EXACT));
        assertThat(m.penalty()).isEqualTo(1.0);
        assertThat(m.scale()).isEqualTo(m.spread(START_MS));
    }

    @Test
    void quietSeriesGetsTheAbsoluteFloor() {
        NoiseModel m = fitter(Map.of()).fit(series(new int[600]), FrequencyLevel.LOW, Pattern.STABLE);
        assertThat(m.expected(START_MS)).isZero();
        assertThat(m.spread(START_MS)).isEqualTo(1.0); // detection.noise.spread_floor_abs
    }

    @Test
    void busySeriesGetsTheRelativeFloor() {
        int[] fifty = new int[600];
        java.util.Arrays.fill(fifty, 50);
        NoiseModel m = fitter(Map.of()).fit(series(fifty), FrequencyLevel.HIGH, Pattern.STABLE);
        // std 0; floor = max(1.0, 0.1 * 50) = 5
        assertThat(m.spread(START_MS)).isCloseTo(5.0, within(EXACT));
    }

    @Test
    void constantModelSpreadIsAtLeastTheUsualNonZeroCount() {
        // ultra-low: 200 minutes with retx 3 and 5 once each. Default trim 0.01 drops floor(2.0) = 2 values (both),
        // so mean 0 and std 0; the median non-zero count (3 + 5) / 2 = 4 becomes the spread.
        int[] c = new int[200];
        c[17] = 3;
        c[150] = 5;
        NoiseModel m = fitter(Map.of()).fit(series(c), FrequencyLevel.ULTRA_LOW, Pattern.SEASONAL);
        assertThat(m.kind()).isEqualTo(Kind.CONSTANT);
        assertThat(m.expected(START_MS)).isZero();
        assertThat(m.spread(START_MS)).isCloseTo(4.0, within(EXACT));
    }

    @Test
    void slottedFitsEachTimeOfDaySlot() {
        // 2 days from midnight, 2 slots of 720 minutes. Slot 0 alternates 0,4 (mean 2, std 2); slot 1 alternates
        // 2,10 (mean 6, std 4). Trim 0. scale = sqrt((1440 * 2^2 + 1440 * 4^2) / 2880) = sqrt(10).
        SparseMinuteSeries.Builder b = SparseMinuteSeries.builder(START_MS, 2880);
        for (int m = 0; m < 2880; m++) {
            boolean morning = (m % 1440) < 720;
            b.add(m, morning ? (m % 2 == 0 ? 0 : 4) : (m % 2 == 0 ? 2 : 10));
        }
        NoiseModel model = fitter(Map.of("detection.noise.slots_per_day", "2", "detection.noise.trim_share", "0"))
                .fit(b.build(), FrequencyLevel.HIGH, Pattern.SEASONAL);
        assertThat(model.kind()).isEqualTo(Kind.SLOTTED);
        assertThat(model.baselines()).containsExactly(new double[] {2, 6}, within(EXACT));
        assertThat(model.spreads()).containsExactly(new double[] {2, 4}, within(EXACT));
        assertThat(model.scale()).isCloseTo(Math.sqrt(10), within(EXACT));
        // slot boundaries (UTC): 11:59 is slot 0, 12:00 slot 1, the last ms of the day slot 1, midnight slot 0
        assertThat(model.expected(START_MS + 12 * HOUR - MIN)).isEqualTo(model.baselines()[0]);
        assertThat(model.expected(START_MS + 12 * HOUR)).isEqualTo(model.baselines()[1]);
        assertThat(model.expected(START_MS + 24 * HOUR - 1)).isEqualTo(model.baselines()[1]);
        assertThat(model.spread(START_MS + 24 * HOUR)).isEqualTo(model.spreads()[0]);
        // any day, not only the fitted ones
        assertThat(model.expected(START_MS + 30 * 24 * HOUR + 13 * HOUR)).isEqualTo(model.baselines()[1]);
    }

    @Test
    void sparseSlotFallsBackToWholeHistory() {
        // slot 0 has 720 observed minutes of 2; slot 1 only 50 minutes of 8 (< min_slot_minutes 100):
        // whole history = 720 x 2 + 50 x 8 -> mean = (1440 + 400) / 770 = 2.389610
        SparseMinuteSeries.Builder b = SparseMinuteSeries.builder(START_MS, 1440);
        for (int m = 0; m < 720; m++) {
            b.add(m, 2);
        }
        for (int m = 720; m < 770; m++) {
            b.add(m, 8);
        }
        NoiseModel model = fitter(Map.of("detection.noise.slots_per_day", "2", "detection.noise.trim_share", "0",
                "detection.noise.min_slot_minutes", "100")).fit(b.build(), FrequencyLevel.HIGH, Pattern.SEASONAL);
        assertThat(model.baselines()[0]).isCloseTo(2.0, within(EXACT));
        assertThat(model.baselines()[1]).isCloseTo(1840.0 / 770, within(EXACT));
    }

    @Test
    void recentRegimeUsesMinutesAfterTheLastChangeWithPenalty() {
        // 12 hours: hours 0-5 alternate 0,2 (mean 1), hours 6-11 alternate 3,7 (mean 5, std 2). Hourly means step
        // from 1 to 5 at hour 6 (R^2 = 1): the regime starts at minute 360.
        int[] c = new int[720];
        for (int m = 0; m < 720; m++) {
            c[m] = m < 360 ? (m % 2 == 0 ? 0 : 2) : (m % 2 == 0 ? 3 : 7);
        }
        NoiseFitter f = fitter(Map.of("detection.shape.min_segment_hours", "3", "detection.noise.trim_share", "0"));
        assertThat(f.regimeStart(series(c))).isEqualTo(360);
        NoiseModel shift = f.fit(series(c), FrequencyLevel.HIGH, Pattern.MEAN_SHIFT);
        assertThat(shift.kind()).isEqualTo(Kind.RECENT_REGIME);
        assertThat(shift.expected(START_MS)).isCloseTo(5.0, within(EXACT));
        assertThat(shift.spread(START_MS)).isCloseTo(2.0, within(EXACT));
        assertThat(shift.penalty()).isEqualTo(1.5);
        assertThat(f.fit(series(c), FrequencyLevel.HIGH, Pattern.HYBRID).penalty()).isEqualTo(2.0);
    }

    @Test
    void recentRegimeWithoutChangePointIsTheWholeHistory() {
        int[] c = new int[720];
        java.util.Arrays.fill(c, 4);
        NoiseFitter f = fitter(Map.of("detection.shape.min_segment_hours", "3"));
        assertThat(f.regimeStart(series(c))).isZero();
        assertThat(f.fit(series(c), FrequencyLevel.HIGH, Pattern.MEAN_SHIFT).expected(START_MS)).isEqualTo(4.0);
    }

    @Test
    void kindFollowsLevelThenPattern() {
        assertThat(NoiseFitter.kindFor(FrequencyLevel.ULTRA_LOW, Pattern.HYBRID)).isEqualTo(Kind.CONSTANT);
        assertThat(NoiseFitter.kindFor(FrequencyLevel.LOW, Pattern.STABLE)).isEqualTo(Kind.ROBUST);
        assertThat(NoiseFitter.kindFor(FrequencyLevel.MEDIUM, Pattern.SEASONAL)).isEqualTo(Kind.SLOTTED);
        assertThat(NoiseFitter.kindFor(FrequencyLevel.HIGH, Pattern.MEAN_SHIFT)).isEqualTo(Kind.RECENT_REGIME);
        assertThat(NoiseFitter.kindFor(FrequencyLevel.HIGH, Pattern.HYBRID)).isEqualTo(Kind.RECENT_REGIME);
    }

    @Test
    void shouldRefuseSeriesWithoutObservedMinutes() {
        SparseMinuteSeries empty = SparseMinuteSeries.builder(START_MS, 60).build();
        assertThatThrownBy(() -> fitter(Map.of()).fit(empty, FrequencyLevel.LOW, Pattern.STABLE))
                .hasMessageContaining("no observed minute");
    }
}
