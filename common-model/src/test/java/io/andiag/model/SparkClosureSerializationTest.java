package io.andiag.model;

import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.FeatureSettings;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.forest.AnomalyDetector;
import io.andiag.model.forest.CalibrationSettings;
import io.andiag.model.forest.ForestSettings;
import io.andiag.model.forest.IsolationForestTrainer;
import io.andiag.model.forest.ThresholdCalibrator;
import io.andiag.model.noise.ColdStartPrior;
import io.andiag.model.noise.ColdStartSettings;
import io.andiag.model.noise.NoiseFitter;
import io.andiag.model.noise.NoiseSettings;
import io.andiag.model.profile.PatternNamer;
import io.andiag.model.profile.PatternSettings;
import io.andiag.model.profile.QualitySettings;
import io.andiag.model.profile.SeriesQuality;
import io.andiag.model.profile.ShapeAnalyzer;
import io.andiag.model.profile.ShapeFeatures;
import io.andiag.model.profile.ShapeSettings;
import io.andiag.model.series.FrequencySettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything the batch ships to executors in a closure must survive Java serialization (Spark's default). */
class SparkClosureSerializationTest {

    @Test
    void closureObjectsSurviveJavaSerialization() throws Exception {
        double[][] x = new double[64][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {i % 5, i % 4, i % 3, i % 2};
        }
        List<Serializable> objects = List.of(
                FrequencySettings.defaults(),
                new ShapeAnalyzer(ShapeSettings.defaults()),
                new PatternNamer(PatternSettings.defaults()),
                new SeriesQuality(QualitySettings.defaults()),
                new ShapeFeatures(0.5, 0.9, 0.1, -0.2),
                new NoiseFitter(NoiseSettings.defaults(), ShapeSettings.defaults()),
                ColdStartSettings.defaults(),
                ColdStartPrior.fallback(ColdStartSettings.defaults()),
                ScoringProfile.coldStart(ColdStartPrior.fallback(ColdStartSettings.defaults())),
                new FeatureExtractor(FeatureSettings.defaults()),
                ForestSettings.defaults(),
                new ThresholdCalibrator(CalibrationSettings.defaults()),
                new AnomalyDetector(new IsolationForestTrainer(new ForestSettings(3, 16, 1)).train(x, FeatureSchema.NAMES), 0.6));
        for (Serializable o : objects) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                Object back = in.readObject();
                assertThat(back).as(o.getClass().getSimpleName()).isInstanceOf(o.getClass());
                if (o instanceof Record) {
                    assertThat(back).isEqualTo(o);
                }
            }
        }
    }
}
