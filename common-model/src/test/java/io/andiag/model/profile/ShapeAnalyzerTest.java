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
        // seasonality: relative amplitude of the hourly-binned cosine, 0.8 * sinc(pi / 24) = 0.7977, minus 3 standard
        // errors sqrt(2 / events) = sqrt(2 / (10 * 10080)) = 0.0045 each: 0.7844 (rounding to integer counts aside)
        assertThat(f.seasonality()).isCloseTo(0.7844, within(TIGHT));
        assertThat(f.meanShift()).isZero();
        // a sine over whole periods is not slope-free: integral of x sin(wx) over [0, T] = -T / w, so the OLS slope is
        // -12 A / (w T^2) and trend = slope * T / mean = -12 * 8 / ((2 pi / 24) * 168 * 10) = -0.2183
        assertThat(f.trend()).isCloseTo(-0.2183, within(TIGHT));
    }

    @Test
    void stepChangeIsMeanShiftOnly() {
        ShapeFeatures f = analyzer.analyze(week(m -> m < WEEK / 2 ? 2 : 8));
        // half the hours at 2, half at 8: mean 5, population std 3, cv = 0.6 exactly
        assertThat(f.cv()).isCloseTo(0.6, within(1e-9));
        // 1 - 2/8 = 0.75 less 3.5 standard errors of the log ratio (sqrt(1/10080 + 1/40320) = 0.0111):
        // 1 - exp(-(ln 4 - 0.0390)) = 0.7404
        assertThat(f.meanShift()).isCloseTo(0.7404, within(1e-3));
        assertThat(f.seasonality()).isZero();
        // OLS slope of a mid-window step of height d over hours x = 0..n-1: cov(x, y) / var(x)
        // = (d n / 8) / ((n^2 - 1) / 12) = 1.5 d n / (n^2 - 1); trend = slope * n / mean
        // = 1.5 * 6 * 168^2 / (168^2 - 1) / 5 = 1.80006
        assertThat(f.trend()).isCloseTo(1.80006, within(1e-4));
    }

    @Test
    void sinePlusStepIsBoth() {
        ShapeFeatures f = analyzer.analyze(week(m -> sine(m, 10, 5) + (m < WEEK / 2 ? 0 : 10)));
        // relative amplitude 5/10 before, 5/20 after: one multiplicative cycle fits between the two
        assertThat(f.seasonality()).isBetween(0.25, 0.5);
        // the level doubles (10 -> 20): 1 - 1/2 = 0.5, less the bound
        assertThat(f.meanShift()).isCloseTo(0.5, within(LOOSE));
    }

    @Test
    void linearTrendHasTrendAndRampShiftButNoSeasonality() {
        // counts ramp from 2 to 10 over the week: change 8 over a mean of 6 -> trend = 8 / 6 = 1.333
        ShapeFeatures f = analyzer.analyze(week(m -> (int) Math.round(2 + 8.0 * m / WEEK)));
        assertThat(f.trend()).isCloseTo(1.333, within(LOOSE));
        // a ramp is cut into regimes; the largest change between neighbouring regimes is a level change
        assertThat(f.meanShift()).isGreaterThan(0.3);
        assertThat(f.seasonality()).isLessThan(0.05);
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
        assertThat(constant.seasonality()).isZero();
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

    private static final int THREE_DAYS = 3 * 1440;

    /** A sparse series observed every minute of three days, with one retx at each minute {@code hasEvent} accepts. */
    private static SparseMinuteSeries sparse(java.util.function.IntPredicate hasEvent) {
        SparseMinuteSeries.Builder b = SparseMinuteSeries.builder(START_MS, THREE_DAYS).observeRange(0, THREE_DAYS);
        for (int m = 0; m < THREE_DAYS; m++) {
            if (hasEvent.test(m)) {
                b.add(m, 1);
            }
        }
        return b.build();
    }

    @Test
    void evenlySpacedSparseEventsHaveNoShape() {
        // 96 retx minutes, one every 45 minutes: a constant rate
        ShapeFeatures f = analyzer.analyze(sparse(m -> m % 45 == 0));
        assertThat(f.seasonality()).isZero();
        assertThat(f.meanShift()).isZero();
    }

    @Test
    void sparseEventsCrowdedIntoTheSameHoursOfEveryDayAreSeasonal() {
        // one retx minute every 15 minutes from 03:00 to 09:00 (24), one every 3 hours otherwise (6): 30 a day
        ShapeFeatures f = analyzer.analyze(sparse(m -> {
            int minuteOfDay = m % 1440;
            boolean peak = minuteOfDay >= 180 && minuteOfDay < 540;
            return peak ? m % 15 == 0 : m % 180 == 0;
        }));
        assertThat(f.seasonality()).isGreaterThan(0.3);
        assertThat(f.meanShift()).isZero();
    }

    @Test
    void sparseStepIsMeanShift() {
        // one retx minute an hour for 36 hours, then one every 15 minutes: the rate quadruples. 36 vs 144 events:
        // ln 4 - 3.5 sqrt(1/36 + 1/144) = 0.734, 1 - exp(-0.734) = 0.52
        ShapeFeatures f = analyzer.analyze(sparse(m -> m < THREE_DAYS / 2 ? m % 60 == 0 : m % 15 == 0));
        assertThat(f.meanShift()).isCloseTo(0.52, within(0.02));
        assertThat(f.seasonality()).isLessThan(PatternSettings.defaults().seasonalityMin());
    }

    @Test
    void aHandfulOfEventsShowsNoShape() {
        // six retx minutes at six different hours of day over three days: nothing can be told
        ShapeFeatures f = analyzer.analyze(sparse(m -> m % 720 == 240));
        assertThat(f.seasonality()).isZero();
        assertThat(f.meanShift()).isZero();
    }

    @Test
    void aBurstHourIsNeitherARegimeNorACycle() {
        // the evenly spaced series plus 40 retx minutes in one hour (an incident): the hour is left out as an outlier
        ShapeFeatures f = analyzer.analyze(sparse(m -> m % 45 == 0 || (m >= 2000 && m < 2040)));
        assertThat(f.seasonality()).isZero();
        assertThat(f.meanShift()).isZero();
    }
}
