package io.andiag.analysis.backtest;

import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.features.FeatureReplay;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.RecentWindow;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.forest.IsolationForest;
import io.andiag.model.forest.IsolationForestTrainer;
import io.andiag.model.forest.ThresholdCalibrator;
import io.andiag.model.noise.ColdStartPrior;
import io.andiag.model.noise.NoiseFitter;
import io.andiag.model.profile.Pattern;
import io.andiag.model.profile.PatternNamer;
import io.andiag.model.profile.SeriesQuality;
import io.andiag.model.profile.ShapeAnalyzer;
import io.andiag.model.profile.ShapeFeatures;
import io.andiag.model.series.FrequencyLevel;
import io.andiag.model.series.SparseMinuteSeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs AND's detection procedure on the series of one metric CSV, with common-model's classes exactly as the nightly
 * batch trains and the speed layer scores:
 * <ol>
 *   <li>per series, on its training part: frequency level, shape features, pattern (the batch's per-series rule,
 *       {@link PatternNamer#classify}; k-means needs many series), quality, noise model ({@link NoiseFitter});</li>
 *   <li>feature replay of every training part ({@link FeatureReplay}); one isolation forest per file on those
 *       vectors (a seeded sample of at most {@value #POOL_SIZE}, the batch's default pool), and the threshold from
 *       {@link ThresholdCalibrator} on the same training minutes: per minute with each series as one IP, as the batch,
 *       when the file has at least 1 / target_share (200) series, else over all training series-minutes as one
 *       population (see {@link #minSeriesPerMinute});</li>
 *   <li>the rest of each series is scored minute by minute, the short window continuing from the replay, as the
 *       speed layer continues from the minutes it has seen.</li>
 * </ol>
 * A series whose training part has no non-zero value is not profiled by the batch; like the speed layer it is then
 * scored with the built-in cold-start model of its level.
 */
public final class Backtester {

    /** The batch's default training pool ({@code --pool-size}). */
    public static final int POOL_SIZE = 100_000;

    private final double trainFraction;

    public Backtester(double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("--train-fraction must be in (0, 1), got " + trainFraction);
        }
        this.trainFraction = trainFraction;
    }

    /** Trains on the series of one file and scores them; all series of a file must have the same step. */
    public List<SeriesBacktest> run(Path file, List<String> names, List<SeriesGrid> grids) {
        long step = grids.get(0).stepMinutes();
        for (int i = 1; i < grids.size(); i++) {
            if (grids.get(i).stepMinutes() != step) {
                throw new BadInputException(file, 0, "series '" + names.get(i) + "' has a step of " + grids.get(i).stepMinutes()
                        + " min, series '" + names.get(0) + "' of " + step + " min: one file, one interval");
            }
        }
        BacktestDetection d = BacktestDetection.forStep(step);
        ShapeAnalyzer shapes = new ShapeAnalyzer(d.shape());
        PatternNamer namer = new PatternNamer(d.pattern());
        SeriesQuality qualities = new SeriesQuality(d.quality());
        NoiseFitter fitter = new NoiseFitter(d.noise(), d.shape());
        FeatureExtractor extractor = new FeatureExtractor(d.features());
        ColdStartPrior prior = ColdStartPrior.fallback(d.coldStart());

        int n = grids.size();
        int[] trainMinutes = new int[n];
        Pattern[] patterns = new Pattern[n];
        ScoringProfile[] profiles = new ScoringProfile[n];
        boolean[] cold = new boolean[n];
        RecentWindow[] windows = new RecentWindow[n];
        double[][][] trainVectors = new double[n][][];
        List<double[]> pool = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SeriesGrid g = grids.get(i);
            SparseMinuteSeries all = g.series();
            int k = split(file, names.get(i), g);
            trainMinutes[i] = k;
            SparseMinuteSeries train = all.slice(0, k);
            FrequencyLevel level = d.frequency().levelOf(train.activeShare());
            ShapeFeatures shape = shapes.analyze(train);
            patterns[i] = namer.classify(shape);
            cold[i] = train.nonZeroCount() == 0;
            if (cold[i]) {
                profiles[i] = ScoringProfile.coldStart(level, prior);
            } else {
                double coverage = Math.min(1.0, train.observedCount() / g.expectedPoints(0, k));
                profiles[i] = new ScoringProfile(fitter.fit(train, level, patterns[i]), level,
                        qualities.of(coverage, shape.cv(), patterns[i]));
            }
            windows[i] = extractor.newWindow();
            double[][] vectors = new double[k][];
            trainVectors[i] = vectors;
            FeatureReplay.replay(train, profiles[i], extractor, windows[i], (m, ts, count, f) -> {
                vectors[m] = f.clone();
                pool.add(vectors[m]);
            });
        }
        if (pool.size() < 2) {
            throw new BadInputException(file, 0, "only " + pool.size() + " observed point(s) in the training parts: too few to"
                    + " train a detector (raise --train-fraction)");
        }
        IsolationForest forest = new IsolationForestTrainer(d.forest()).train(sample(pool, d.forest().seed()), FeatureSchema.NAMES);

        boolean perMinute = n >= minSeriesPerMinute(d.calibration().targetShare());
        List<ThresholdCalibrator.ScoredRow> rows = new ArrayList<>(pool.size());
        double[][] scores = new double[n][];
        for (int i = 0; i < n; i++) {
            SparseMinuteSeries s = grids.get(i).series();
            scores[i] = new double[s.minutes()];
            Arrays.fill(scores[i], Double.NaN);
            for (int m = 0; m < trainMinutes[i]; m++) {
                if (trainVectors[i][m] != null) {
                    scores[i][m] = forest.score(trainVectors[i][m]);
                    rows.add(perMinute ? new ThresholdCalibrator.ScoredRow(s.minuteTs(m), names.get(i), scores[i][m])
                            : new ThresholdCalibrator.ScoredRow(0L, i + "@" + m, scores[i][m]));
                }
            }
        }
        double threshold = new ThresholdCalibrator(d.calibration()).calibrate(rows).threshold();
        if (!perMinute) {
            // Below 1 / target_share training points the pooled rule allows none either; never go above the highest
            // training score, which is the score every point beyond the training range saturates at.
            threshold = Math.max(d.calibration().minThreshold(), Math.min(threshold,
                    rows.stream().mapToDouble(ThresholdCalibrator.ScoredRow::score).max().orElse(threshold)));
        }

        List<SeriesBacktest> out = new ArrayList<>(n);
        double[] v = FeatureSchema.newVector();
        for (int i = 0; i < n; i++) {
            SparseMinuteSeries s = grids.get(i).series();
            for (int m = s.nextObserved(trainMinutes[i]); m >= 0; m = s.nextObserved(m + 1)) {
                extractor.extract(s.countAt(m), s.minuteTs(m), profiles[i], windows[i], v);
                scores[i][m] = forest.score(v);
            }
            out.add(new SeriesBacktest(names.get(i), grids.get(i), trainMinutes[i], patterns[i], profiles[i], cold[i],
                    scores[i], threshold));
        }
        return out;
    }

    /**
     * Series a file needs for the batch's per-minute calibration to mean anything: below 1 / target_share series,
     * a minute may flag floor(target_share * n) = 0 of them, so the threshold lands above the highest training score,
     * which for a single series is the score every more extreme point saturates at (nothing could ever be flagged).
     * Smaller files are calibrated on their training series-minutes as one population, target_share of which may be
     * flagged, and the threshold is at most the highest training score (with fewer than 1 / target_share training
     * points the pooled rule would allow none, with the same saturation).
     */
    static int minSeriesPerMinute(double targetShare) {
        return targetShare <= 0 ? Integer.MAX_VALUE : (int) Math.ceil(1.0 / targetShare);
    }

    /**
     * The first minute of the scored part: the first {@code trainFraction} of the series' time span trains, rounded
     * to a whole number of steps so the split falls on the series' grid.
     */
    private int split(Path file, String name, SeriesGrid g) {
        SparseMinuteSeries s = g.series();
        long step = g.stepMinutes();
        long k = Math.round(trainFraction * s.minutes() / step) * step;
        k = Math.max(1, Math.min(s.minutes() - 1, k));
        int trained = s.observedCount(0, (int) k);
        int scored = s.observedCount((int) k, s.minutes());
        if (trained < 2 || scored < 1) {
            throw new BadInputException(file, 0, "series '" + name + "': --train-fraction " + trainFraction + " leaves " + trained
                    + " observed point(s) to train on and " + scored + " to score; need at least 2 and 1");
        }
        return (int) k;
    }

    /** The training pool: every vector, or a seeded Bernoulli sample of about {@value #POOL_SIZE} (as the batch). */
    private static double[][] sample(List<double[]> pool, long seed) {
        if (pool.size() <= POOL_SIZE) {
            return pool.toArray(new double[0][]);
        }
        double rate = (double) POOL_SIZE / pool.size();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[]> kept = new ArrayList<>(POOL_SIZE + 1000);
        for (double[] v : pool) {
            if (rnd.nextDouble() < rate) {
                kept.add(v);
            }
        }
        return kept.toArray(new double[0][]);
    }
}
