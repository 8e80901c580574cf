package io.andiag.model;

import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.FeatureSettings;
import io.andiag.model.features.RecentWindow;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.forest.AnomalyDetector;
import io.andiag.model.forest.CalibrationSettings;
import io.andiag.model.forest.ForestSettings;
import io.andiag.model.forest.IsolationForestTrainer;
import io.andiag.model.forest.ThresholdCalibrator;
import io.andiag.model.noise.NoiseFitter;
import io.andiag.model.noise.NoiseSettings;
import io.andiag.model.profile.Pattern;
import io.andiag.model.profile.PatternNamer;
import io.andiag.model.profile.PatternSettings;
import io.andiag.model.profile.SeriesQuality;
import io.andiag.model.profile.QualitySettings;
import io.andiag.model.profile.ShapeAnalyzer;
import io.andiag.model.profile.ShapeFeatures;
import io.andiag.model.profile.ShapeSettings;
import io.andiag.model.series.FrequencyLevel;
import io.andiag.model.series.FrequencySettings;
import io.andiag.model.series.SparseMinuteSeries;
import io.andiag.model.testing.SeriesGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole detection chain on generated data, the way the batch and the speed layer will run it: profile and fit
 * on 7 days of history, replay history features, train the forest on a sample of them, calibrate the threshold on
 * history minutes, then score a held-out 8th day in which some series get a 10-minute retx burst and others a
 * 30-minute drop to zero. Bursts must be found; drops must not raise alarms.
 */
class DetectionEndToEndTest {

    private static final int SERIES = 200;
    private static final int DAY = 1440;
    private static final int HISTORY = 7 * DAY;
    private static final long MIN = 60_000L;
    private static final int BURST_MINUTES = 10;
    private static final int DROP_MINUTES = 30;

    @Test
    void shouldFindInjectedBurstsAndIgnoreDrops() {
        SplittableRandom rnd = new SplittableRandom(8);
        ShapeAnalyzer shapes = new ShapeAnalyzer(ShapeSettings.defaults());
        PatternNamer namer = new PatternNamer(PatternSettings.defaults());
        SeriesQuality qualities = new SeriesQuality(QualitySettings.defaults());
        NoiseFitter fitter = new NoiseFitter(NoiseSettings.defaults(), ShapeSettings.defaults());
        FeatureExtractor extractor = new FeatureExtractor(FeatureSettings.defaults());

        SparseMinuteSeries[] scoringDay = new SparseMinuteSeries[SERIES];
        ScoringProfile[] profiles = new ScoringProfile[SERIES];
        RecentWindow[] windows = new RecentWindow[SERIES];
        List<double[]> trainSample = new ArrayList<>();
        double[][][] calibrationScoresInput = new double[SERIES][][];
        for (int i = 0; i < SERIES; i++) {
            Pattern truth = Pattern.values()[i % 4];
            double rate = Math.exp(Math.log(0.03) + rnd.nextDouble() * Math.log(10 / 0.03));
            SparseMinuteSeries all = SeriesGenerator.generate(truth, rate, 8, rnd.nextLong());
            SparseMinuteSeries history = all.slice(0, HISTORY);
            scoringDay[i] = all.slice(HISTORY, HISTORY + DAY);

            FrequencyLevel level = history.level(FrequencySettings.defaults());
            ShapeFeatures shape = shapes.analyze(history);
            Pattern pattern = namer.classify(shape);
            profiles[i] = new ScoringProfile(fitter.fit(history, level, pattern), level,
                    qualities.of(history, shape, pattern));

            // feature replay of the history in minute order; keep every 50th vector for training and the last
            // 120 minutes for calibration
            windows[i] = extractor.newWindow();
            calibrationScoresInput[i] = new double[120][];
            double[] v = FeatureSchema.newVector();
            for (int m = history.nextObserved(0); m >= 0; m = history.nextObserved(m + 1)) {
                extractor.extract(history.countAt(m), history.minuteTs(m), profiles[i], windows[i], v);
                if (rnd.nextInt(50) == 0) {
                    trainSample.add(v.clone());
                }
                if (m >= HISTORY - 120) {
                    calibrationScoresInput[i][m - (HISTORY - 120)] = v.clone();
                }
            }
        }
        var forest = new IsolationForestTrainer(ForestSettings.defaults())
                .train(trainSample.toArray(new double[0][]), FeatureSchema.NAMES);
        ThresholdCalibrator calibrator = new ThresholdCalibrator(CalibrationSettings.defaults());
        List<ThresholdCalibrator.ScoredRow> rows = new ArrayList<>();
        for (int i = 0; i < SERIES; i++) {
            for (int m = 0; m < 120; m++) {
                if (calibrationScoresInput[i][m] != null) {
                    rows.add(new ThresholdCalibrator.ScoredRow(m, "s" + i, forest.score(calibrationScoresInput[i][m])));
                }
            }
        }
        ThresholdCalibrator.Calibration calibration = calibrator.calibrate(rows);
        AnomalyDetector detector = new AnomalyDetector(forest, calibration.threshold());

        // day 8: series 0..39 get a burst, 40..79 a drop, the rest stay normal
        int burstsFound = 0;
        int bursts = 0;
        long normalMinutes = 0;
        long normalFlags = 0;
        long dropFlags = 0;
        double[] v = FeatureSchema.newVector();
        for (int i = 0; i < SERIES; i++) {
            SparseMinuteSeries day = scoringDay[i];
            int eventStart = 60 + rnd.nextInt(DAY - 120);
            boolean burst = i < 40;
            boolean drop = i >= 40 && i < 80;
            boolean found = false;
            for (int m = day.nextObserved(0); m >= 0; m = day.nextObserved(m + 1)) {
                int count = day.countAt(m);
                boolean inBurst = burst && m >= eventStart && m < eventStart + BURST_MINUTES;
                boolean inDrop = drop && m >= eventStart && m < eventStart + DROP_MINUTES;
                if (inBurst) {
                    count += 20 + SeriesGenerator.poisson(rnd, 3 * profiles[i].noise().expected(day.minuteTs(m)));
                }
                if (inDrop) {
                    count = 0;
                }
                extractor.extract(count, day.minuteTs(m), profiles[i], windows[i], v);
                boolean flagged = detector.isAnomalous(detector.score(v));
                if (inBurst) {
                    found |= flagged;
                } else if (inDrop) {
                    dropFlags += flagged ? 1 : 0;
                } else if (!burst || m < eventStart || m >= eventStart + BURST_MINUTES + 5) {
                    normalMinutes++;
                    normalFlags += flagged ? 1 : 0;
                }
            }
            if (burst) {
                bursts++;
                burstsFound += found ? 1 : 0;
            }
        }
        double falsePositiveShare = (double) normalFlags / normalMinutes;
        System.out.printf("end-to-end: threshold %.4f, bursts found %d/%d, normal series-minutes flagged %.4f %%,"
                        + " flags during drops %d%n", calibration.threshold(), burstsFound, bursts,
                100 * falsePositiveShare, dropFlags);
        assertThat(burstsFound).as("bursts found").isGreaterThanOrEqualTo((int) (0.9 * bursts));
        assertThat(falsePositiveShare).as("share of normal series-minutes flagged").isLessThan(0.01);
        assertThat(dropFlags).as("flags during drops to zero").isZero();
    }
}
