package io.andiag.model.forest;

import io.andiag.model.features.FeatureSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomalyDetectorTest {

    private static IsolationForest forest(List<String> names) {
        double[][] x = new double[64][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[names.size()];
            x[i][0] = i % 8;
        }
        return new IsolationForestTrainer(new ForestSettings(5, 32, 1)).train(x, names);
    }

    @Test
    void shouldRefuseForestTrainedOnOtherFeatures() {
        assertThatThrownBy(() -> new AnomalyDetector(forest(List.of("residual", "level", "old_feature", "log_count")), 0.6))
                .hasMessageContaining("old_feature")
                .hasMessageContaining("schema v" + FeatureSchema.VERSION);
    }

    @Test
    void shouldFlagScoresAtOrAboveThreshold() {
        AnomalyDetector d = new AnomalyDetector(forest(FeatureSchema.NAMES), 0.6);
        assertThat(d.isAnomalous(0.6)).isTrue();
        assertThat(d.isAnomalous(0.59)).isFalse();
        assertThat(d.score(new double[] {100, 0, 0, 0})).isGreaterThan(d.score(new double[] {3, 0, 0, 0}));
        assertThatThrownBy(() -> new AnomalyDetector(forest(FeatureSchema.NAMES), 1.5))
                .hasMessage("threshold must be in [0, 1], got 1.5");
    }

    @Test
    void flagsIsTheThresholdedScore() {
        IsolationForest f = forest(FeatureSchema.NAMES);
        double[] outlier = {100, 0, 0, 0};
        double[] inlier = {3, 0, 0, 0};
        // at the outlier's own score: flagged; just above it: not; the inlier never
        AnomalyDetector atOutlier = new AnomalyDetector(f, f.score(outlier));
        assertThat(atOutlier.flags(outlier)).isTrue();
        assertThat(atOutlier.flags(inlier)).isFalse();
        AnomalyDetector above = new AnomalyDetector(f, Math.nextUp(f.score(outlier)));
        assertThat(above.flags(outlier)).isFalse();
    }
}
