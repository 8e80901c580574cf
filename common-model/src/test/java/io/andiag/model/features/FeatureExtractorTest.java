package io.andiag.model.features;

import io.andiag.model.noise.ColdStartPrior;
import io.andiag.model.noise.ColdStartSettings;
import io.andiag.model.noise.NoiseModel;
import io.andiag.model.noise.NoiseModel.Kind;
import io.andiag.model.series.FrequencyLevel;
import io.andiag.model.testing.Allocations;
import org.junit.jupiter.api.Test;

import static io.andiag.model.testing.SeriesGenerator.START_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

class FeatureExtractorTest {

    private static final double EXACT = 1e-12;
    private static final long MIN = 60_000L;

    private final FeatureExtractor extractor = new FeatureExtractor(FeatureSettings.defaults());
    private final NoiseModel robust = NoiseModel.of(Kind.ROBUST, new double[] {2}, new double[] {4}, 1.0, 4);
    private final double[] out = FeatureSchema.newVector();

    @Test
    void shouldComputeHandCheckedVector() {
        RecentWindow w = extractor.newWindow();
        extractor.extract(1, START_MS, robust, FrequencyLevel.MEDIUM, 0.5, w, out);
        extractor.extract(3, START_MS + MIN, robust, FrequencyLevel.MEDIUM, 0.5, w, out);
        boolean inOrder = extractor.extract(10, START_MS + 2 * MIN, robust, FrequencyLevel.MEDIUM, 0.5, w, out);
        assertThat(inOrder).isTrue();
        // residual = q (x - e) / (s p) = 0.5 * (10 - 2) / (4 * 1) = 1
        assertThat(out[FeatureSchema.RESIDUAL]).isCloseTo(1.0, within(EXACT));
        assertThat(out[FeatureSchema.LEVEL]).isEqualTo(2.0);
        // window mean (1 + 3 + 10) / 3 = 14/3; excess = 0.5 * (14/3 - 2) / (scale 4 * 1) = 1/3
        assertThat(out[FeatureSchema.WINDOW_EXCESS]).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(out[FeatureSchema.LOG_COUNT]).isCloseTo(Math.log(11), within(EXACT));
    }

    @Test
    void penaltyAndScaleDivideTheResiduals() {
        NoiseModel regime = NoiseModel.of(Kind.RECENT_REGIME, new double[] {2}, new double[] {4}, 2.0, 5);
        extractor.extract(10, START_MS, regime, FrequencyLevel.HIGH, 1.0, extractor.newWindow(), out);
        // residual = (10 - 2) / (4 * 2) = 1; window_excess = (10 - 2) / (5 * 2) = 0.8
        assertThat(out).containsExactly(new double[] {1.0, 3.0, 0.8, Math.log(11)}, within(EXACT));
    }

    @Test
    void decreasesDoNotRaiseTheResiduals() {
        RecentWindow w = extractor.newWindow();
        double[] residuals = new double[6];
        int[] counts = {2, 0, 1, 2, 0, 0}; // at or below the expected 2
        for (int i = 0; i < counts.length; i++) {
            extractor.extract(counts[i], START_MS + i * MIN, robust, FrequencyLevel.LOW, 1.0, w, out);
            residuals[i] = out[FeatureSchema.RESIDUAL];
            assertThat(out[FeatureSchema.WINDOW_EXCESS]).isZero();
        }
        assertThat(residuals).containsOnly(0.0);
    }

    @Test
    void residualIsMonotoneInTheCount() {
        double previous = -1;
        for (int c = 0; c < 50; c++) {
            extractor.extract(c, START_MS, robust, FrequencyLevel.LOW, 0.7, extractor.newWindow(), out);
            assertThat(out[FeatureSchema.RESIDUAL]).isGreaterThanOrEqualTo(previous);
            previous = out[FeatureSchema.RESIDUAL];
        }
    }

    @Test
    void quietSeriesDoesNotExplodeOnOneRetx() {
        // all-zero history: baseline 0, spread at the floor 1.0 -> one retx is one spread
        NoiseModel quiet = NoiseModel.of(Kind.ROBUST, new double[] {0}, new double[] {1.0}, 1, 1.0);
        extractor.extract(1, START_MS, quiet, FrequencyLevel.ULTRA_LOW, 1.0, extractor.newWindow(), out);
        assertThat(out[FeatureSchema.RESIDUAL]).isEqualTo(1.0);
    }

    @Test
    void lateMinuteLeavesWindowUnchangedAndUsesItsOwnCount() {
        RecentWindow w = extractor.newWindow();
        extractor.extract(6, START_MS + 5 * MIN, robust, FrequencyLevel.LOW, 1.0, w, out);
        byte[] before = w.toBytes();
        boolean inOrder = extractor.extract(10, START_MS + 4 * MIN, robust, FrequencyLevel.LOW, 1.0, w, out);
        assertThat(inOrder).isFalse();
        assertThat(w.toBytes()).isEqualTo(before);
        assertThat(out[FeatureSchema.WINDOW_EXCESS]).isCloseTo((10 - 2) / 4.0, within(EXACT));
    }

    @Test
    void coldStartProfileScoresAgainstThePrior() {
        ScoringProfile cold = ScoringProfile.coldStart(ColdStartPrior.fallback(ColdStartSettings.defaults()));
        extractor.extract(5, START_MS, cold, extractor.newWindow(), out);
        // MEDIUM fallback: baseline 1, spread 2, penalty 2, quality 0.5 -> 0.5 * (5 - 1) / (2 * 2) = 0.5
        assertThat(out[FeatureSchema.RESIDUAL]).isCloseTo(0.5, within(EXACT));
        assertThat(out[FeatureSchema.LEVEL]).isEqualTo(2.0);
    }

    @Test
    void shouldResizeWindowFromOlderConfiguration() {
        RecentWindow old = new RecentWindow(10);
        for (int i = 0; i < 10; i++) {
            old.push(START_MS + i * MIN, 100);
        }
        extractor.extract(0, START_MS + 10 * MIN, robust, FrequencyLevel.LOW, 1.0, old, out);
        assertThat(old.capacity()).isEqualTo(5);
        assertThat(old.size()).isEqualTo(5); // minutes 6..10
    }

    @Test
    void shouldRejectInvalidInputs() {
        RecentWindow w = extractor.newWindow();
        assertThatThrownBy(() -> extractor.extract(-1, START_MS, robust, FrequencyLevel.LOW, 1, w, out))
                .hasMessage("count must be >= 0, got -1");
        assertThatThrownBy(() -> extractor.extract(1, START_MS, robust, FrequencyLevel.LOW, 0, w, out))
                .hasMessage("quality must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> extractor.extract(1, START_MS, robust, FrequencyLevel.LOW, 1, w, new double[2]))
                .hasMessage("feature vector needs 4 slots, got 2");
    }

    @Test
    void shouldNotAllocateOnTheHotPath() {
        NoiseModel slotted = NoiseModel.of(Kind.SLOTTED, new double[24], filled(24, 1.5), 1, 1.5);
        RecentWindow w = extractor.newWindow();
        for (int i = 0; i < 20_000; i++) { // warm up
            extractor.extract(i % 7, START_MS + i * MIN, slotted, FrequencyLevel.MEDIUM, 0.8, w, out);
        }
        assumeThat(Allocations.allocatedBytes()).as("thread allocation counter").isNotNegative();
        long before = Allocations.allocatedBytes();
        for (int i = 20_000; i < 120_000; i++) {
            extractor.extract(i % 7, START_MS + i * MIN, slotted, FrequencyLevel.MEDIUM, 0.8, w, out);
        }
        long allocated = Allocations.allocatedBytes() - before;
        // the counter read itself costs ~1 KB; 100k extractions allocating even 8 bytes each would be 800 KB
        assertThat(allocated).as("bytes allocated by 100k extractions").isLessThan(16_384);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
