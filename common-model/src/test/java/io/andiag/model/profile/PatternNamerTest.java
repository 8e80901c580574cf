package io.andiag.model.profile;

import io.andiag.model.series.FrequencyLevel;
import io.andiag.model.series.FrequencySettings;
import io.andiag.model.series.SparseMinuteSeries;
import io.andiag.model.testing.SeriesGenerator;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatternNamerTest {

    private static final double MIN_ACCURACY = 0.90;
    private static final int SERIES_PER_CELL = 25;

    private final PatternNamer namer = new PatternNamer(PatternSettings.defaults());

    @Test
    void shouldNameCentroidsByThresholds() {
        assertThat(namer.name(new double[] {0.3, 0.04, 0.29, 0.0})).isEqualTo(Pattern.STABLE);
        assertThat(namer.name(new double[] {0.6, 0.9, 0.1, 0.0})).isEqualTo(Pattern.SEASONAL);
        assertThat(namer.name(new double[] {0.6, 0.0, 0.9, 1.8})).isEqualTo(Pattern.MEAN_SHIFT);
        assertThat(namer.name(new double[] {0.9, 0.6, 0.7, 1.0})).isEqualTo(Pattern.HYBRID);
        // thresholds are inclusive (defaults: seasonality 0.05, mean_shift 0.30)
        assertThat(namer.name(new double[] {0, 0.05, 0.30, 0})).isEqualTo(Pattern.HYBRID);
    }

    @Test
    void shouldRejectCentroidOfWrongLength() {
        assertThatThrownBy(() -> namer.name(new double[] {1, 2}))
                .hasMessage("shape feature vector must have 4 values [cv, seasonality, mean_shift, trend], got 2");
    }

    /**
     * Seeded mix: for each pattern, series with rates spread log-uniformly over 0.03-10 retx/minute (measured levels
     * LOW, MEDIUM, HIGH). ULTRA_LOW is left out on purpose: below 1 % active minutes a week holds too few retx to show
     * a shape, and its noise model is CONSTANT whatever the pattern. LOW series below ~0.03/minute are also too sparse
     * for a week (see docs/detection.md, limitations).
     */
    @Test
    void shouldClassifyGeneratedSeriesOfEachPatternAndLevel() {
        ShapeAnalyzer analyzer = new ShapeAnalyzer(ShapeSettings.defaults());
        double[][] rateBands = {{0.03, 0.1}, {0.12, 0.6}, {0.8, 10}};
        SplittableRandom rnd = new SplittableRandom(2024);
        Map<FrequencyLevel, int[][]> confusion = new EnumMap<>(FrequencyLevel.class);
        for (Pattern truth : Pattern.values()) {
            for (double[] band : rateBands) {
                for (int i = 0; i < SERIES_PER_CELL; i++) {
                    double rate = Math.exp(Math.log(band[0]) + rnd.nextDouble() * Math.log(band[1] / band[0]));
                    SparseMinuteSeries s = SeriesGenerator.generate(truth, rate, 7, rnd.nextLong());
                    Pattern named = namer.classify(analyzer.analyze(s));
                    confusion.computeIfAbsent(s.level(FrequencySettings.defaults()), l -> new int[4][4])
                            [truth.ordinal()][named.ordinal()]++;
                }
            }
        }
        for (Map.Entry<FrequencyLevel, int[][]> e : confusion.entrySet()) {
            for (Pattern truth : Pattern.values()) {
                int[] row = e.getValue()[truth.ordinal()];
                int total = row[0] + row[1] + row[2] + row[3];
                if (total < 5) {
                    continue; // too few series of this pattern landed in this level to measure
                }
                double accuracy = (double) row[truth.ordinal()] / total;
                assertThat(accuracy)
                        .as("%s series at level %s named [STABLE, SEASONAL, MEAN_SHIFT, HYBRID] = %s",
                                truth, e.getKey(), java.util.Arrays.toString(row))
                        .isGreaterThanOrEqualTo(MIN_ACCURACY);
            }
        }
        assertThat(confusion).containsKeys(FrequencyLevel.LOW, FrequencyLevel.MEDIUM, FrequencyLevel.HIGH);
    }
}
