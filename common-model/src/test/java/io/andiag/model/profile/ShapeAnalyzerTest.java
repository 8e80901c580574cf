package io.andiag.model.profile;

import io.andiag.model.series.SparseMinuteSeries;
import org.junit.jupiter.api.Test;

import java.util.function.IntUnaryOperator;

import static io.andiag.model.testing.SeriesGenerator.START_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShapeAnalyzerTest {

    private static final int WEEK = 7 * 1440;
    /** Features of noiseless series: only rounding of counts and the moving-average edges perturb them. */
    private static final double TIGHT = 0.01;
    private static final double LOOSE = 0.05;

    private final ShapeAnalyzer analyzer = new ShapeAnalyzer(ShapeSettings.defaults());

    private static SparseMinuteSeries week(IntUnaryOperator countAtMinute) {
        SparseMinuteSeries.Builder b = SparseMinuteSeries.builder(START_MS, WEEK);
        for (int m = 0; m < WEEK; m++) {
            b.add(m, countAtMinute.applyAsInt(m));
        }
        return b.build();
    }

    private static int sine(int m, double mean, double amplitude) {
        return (int) Math.round(mean + amplitude * Math.sin(2 * Math.PI * (m % 1440) / 1440.0));
    }

    @Test
    void constantSeriesHasNoShape() {
        ShapeFeatures f = analyzer.analyze(week(m -> 3));
        assertThat(f).isEqualTo(new ShapeFeatures(0, 0, 0, 0));
    }

    @Test
    void pureDailySineIsSeasonalOnly() {
        ShapeFeatures f = analyzer.analyze(week(m -> sine(m, 10, 8)));
        // Hourly means of a sine are a sine of amplitude A * sinc(pi/24) = 8 * 0.99715; the population std of a
        // sine sampled evenly over whole periods is amplitude / sqrt(2): cv = 7.9772 / sqrt(2) / 10 = 0.5641.
        assertThat(f.cv()).isCloseTo(0.5641, within(TIGHT));
        assertThat(f.seasonality()).isGreaterThan(0.99);
        assertThat(f.meanShift()).isLessThan(0.05);
        // a sine over whole periods is not slope-free: integral of x sin(wx) over [0, T] = -T / w, so the OLS slope is
        // -12 A / (w T^2) and trend = slope * T / mean = -12 * 8 / ((2 pi / 24) * 168 * 10) = -0.2183
        assertThat(f.trend()).isCloseTo(-0.2183, within(TIGHT));
    }

    @Test
    void stepChangeIsMeanShiftOnly() {
        ShapeFeatures f = analyzer.analyze(week(m -> m < WEEK / 2 ? 2 : 8));
        // half the hours at 2, half at 8: mean 5, population std 3, cv = 0.6 exactly
        assertThat(f.cv()).isCloseTo(0.6, within(1e-9));
        assertThat(f.meanShift()).isGreaterThan(0.95);
        assertThat(f.seasonality()).isLessThan(0.1);
        // OLS slope of a mid-window step of height d over hours x = 0..n-1: cov(x, y) / var(x)
        // = (d n / 8) / ((n^2 - 1) / 12) = 1.5 d n / (n^2 - 1); trend = slope * n / mean
        // = 1.5 * 6 * 168^2 / (168^2 - 1) / 5 = 1.80006
        assertThat(f.trend()).isCloseTo(1.80006, within(1e-4));
    }

    @Test
    void sinePlusStepIsBoth() {
        ShapeFeatures f = analyzer.analyze(week(m -> sine(m, 10, 5) + (m < WEEK / 2 ? 0 : 10)));
        assertThat(f.seasonality()).isGreaterThan(0.8);
        assertThat(f.meanShift()).isGreaterThan(0.8);
    }

    @Test
    void linearTrendHasTrendAndRampShiftButNoSeasonality() {
        // counts ramp from 2 to 10 over the week: change 8 over a mean of 6 -> trend = 8 / 6 = 1.333
        ShapeFeatures f = analyzer.analyze(week(m -> (int) Math.round(2 + 8.0 * m / WEEK)));
        assertThat(f.trend()).isCloseTo(1.333, within(LOOSE));
        // the best single split of a straight ramp explains 3/4 of its variance (midpoint split: between-segment
        // SS = n/4 * (n/2 * slope)^2 = 3/4 of n^3 slope^2 / 12)
        assertThat(f.meanShift()).isCloseTo(0.75, within(0.02));
        assertThat(f.seasonality()).isLessThan(0.1);
    }

    @Test
    void shouldOrderSeasonalityAndShiftAcrossShapes() {
        ShapeFeatures constant = analyzer.analyze(week(m -> 3));
        ShapeFeatures sine = analyzer.analyze(week(m -> sine(m, 10, 8)));
        ShapeFeatures step = analyzer.analyze(week(m -> m < WEEK / 2 ? 2 : 8));
        ShapeFeatures hybrid = analyzer.analyze(week(m -> sine(m, 10, 5) + (m < WEEK / 2 ? 0 : 10)));
        assertThat(sine.seasonality()).isGreaterThan(hybrid.seasonality());
        assertThat(hybrid.seasonality()).isGreaterThan(step.seasonality());
        assertThat(step.meanShift()).isGreaterThan(hybrid.meanShift());
        assertThat(hybrid.meanShift()).isGreaterThan(sine.meanShift());
        assertThat(constant.meanShift()).isLessThanOrEqualTo(sine.meanShift());
    }

    @Test
    void gapsAreNotZeros() {
        // a constant series with a 6-hour outage (no heartbeats) is still constant
        SparseMinuteSeries.Builder b = SparseMinuteSeries.builder(START_MS, WEEK);
        for (int m = 0; m < WEEK; m++) {
            if (m < 2000 || m >= 2360) {
                b.add(m, 4);
            }
        }
        assertThat(analyzer.analyze(b.build())).isEqualTo(ShapeFeatures.NONE);
    }

    @Test
    void sparselyObservedHoursAreGaps() {
        // 10 observed minutes per hour is below detection.shape.min_minutes_per_hour (30): no valid hour at all
        SparseMinuteSeries.Builder b = SparseMinuteSeries.builder(START_MS, WEEK);
        for (int m = 0; m < WEEK; m += 6) {
            b.add(m, m % 7);
        }
        assertThat(analyzer.analyze(b.build())).isEqualTo(ShapeFeatures.NONE);
    }
}
