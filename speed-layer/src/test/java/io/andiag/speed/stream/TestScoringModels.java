package io.andiag.speed.stream;

import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.FeatureSettings;
import io.andiag.model.features.RecentWindow;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.forest.AnomalyDetector;
import io.andiag.model.forest.ForestSettings;
import io.andiag.model.forest.IsolationForest;
import io.andiag.model.forest.IsolationForestTrainer;
import io.andiag.model.noise.ColdStartPrior;
import io.andiag.model.noise.ColdStartSettings;
import io.andiag.model.noise.NoiseModel;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.series.FrequencyLevel;
import io.andiag.speed.scoring.IndexedScoringModel;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Real scoring models for topology tests: a forest trained with common-model's trainer on the feature vectors of
 * seeded normal noise (Poisson, mean 1 per minute), scored through the same extractor the speed layer uses.
 */
public final class TestScoringModels {

    public static final int WINDOW_MINUTES = 5;
    private static final AnomalyDetector DETECTOR = train();
    /** Calibrated like the real detector: at most 0.5 % of the normal training vectors score at or above it. */
    public static final double THRESHOLD = DETECTOR.threshold();

    private TestScoringModels() {
    }

    /** A stable series expecting about one retransmission a minute. */
    public static ScoringProfile stableOnePerMinute() {
        return new ScoringProfile(NoiseModel.of(NoiseModel.Kind.ROBUST, new double[]{1.0}, new double[]{1.0}, 1.0, 1.0),
                FrequencyLevel.HIGH, 1.0);
    }

    public static IndexedScoringModel model(String version, Map<SeriesKey, ScoringProfile> profiles) {
        return new IndexedScoringModel(version, profiles,
                ScoringProfile.coldStart(ColdStartPrior.fallback(ColdStartSettings.defaults())), DETECTOR, WINDOW_MINUTES);
    }

    public static AnomalyDetector detector() {
        return DETECTOR;
    }

    private static AnomalyDetector train() {
        FeatureExtractor extractor = new FeatureExtractor(new FeatureSettings(WINDOW_MINUTES));
        ScoringProfile profile = stableOnePerMinute();
        SplittableRandom random = new SplittableRandom(42);
        int n = 4000;
        double[][] data = new double[n][];
        RecentWindow window = extractor.newWindow();
        for (int i = 0; i < n; i++) {
            double[] v = FeatureSchema.newVector();
            extractor.extract(poisson(random, 1.0), i * 60_000L, profile, window, v);
            data[i] = v;
        }
        IsolationForest forest = new IsolationForestTrainer(new ForestSettings(100, 256, 7L)).train(data, FeatureSchema.NAMES);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = forest.score(data[i]);
        }
        java.util.Arrays.sort(scores);
        return new AnomalyDetector(forest, Math.nextUp(scores[(int) Math.ceil(n * 0.995) - 1]));
    }

    private static int poisson(SplittableRandom random, double mean) {
        double l = Math.exp(-mean);
        double p = 1.0;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
