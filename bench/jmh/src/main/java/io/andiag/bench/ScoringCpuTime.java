package io.andiag.bench;

import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.FeatureSettings;
import io.andiag.model.features.RecentWindow;
import io.andiag.model.forest.IsolationForest;
import io.andiag.model.params.ParameterSet;
import io.andiag.model.params.ParameterSetLoader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * ScoringBenchmark's featuresAndScore timed in CPU time of the scoring thread instead of wall time, for A/B runs of
 * two builds on a machine too loaded for JMH's wall-clock numbers: rounds of every series of the set for one minute
 * each, after warm-up rounds; prints ns of CPU per series-minute per round and the median. With {@code screen}, each
 * round is timed twice, alternately: full scores ({@code score}) and scores only as far as the set's threshold
 * decides ({@code scoreAtLeast}, what the speed layer and the router replay run), on the same series-minutes, and the
 * two must flag the same series-minutes.
 *
 * <pre>java -cp and-bench.jar io.andiag.bench.ScoringCpuTime LAKE [rounds] [screen]</pre>
 */
public final class ScoringCpuTime {

    private ScoringCpuTime() {
    }

    public static void main(String[] args) {
        ParameterSet set = ParameterSetLoader.loadLatest(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        boolean screen = args.length > 2 && args[2].equals("screen");
        SampleSeries series = SampleSeries.of(set, 1_763_856_000_000L, 64, 97, 42);
        FeatureExtractor extractor = new FeatureExtractor(new FeatureSettings(set.detectorInfo().windowMinutes()));
        IsolationForest forest = set.detector().forest();
        double threshold = set.detector().threshold();
        Pass full = new Pass(series, extractor, threshold, forest::score);
        Pass screened = screen ? new Pass(series, extractor, threshold, x -> forest.scoreAtLeast(x, threshold)) : null;
        double[] fullNs = new double[rounds];
        double[] screenNs = new double[rounds];
        int passesPerRound = Math.max(1, 400_000 / series.size());
        long clock = 0;
        for (int r = -5; r < rounds; r++, clock += passesPerRound) {
            double ns = full.run(clock, passesPerRound);
            if (r >= 0) {
                fullNs[r] = ns;
            }
            if (screened != null) {
                ns = screened.run(clock, passesPerRound);
                if (r >= 0) {
                    screenNs[r] = ns;
                }
                if (screened.flagged != full.flagged) {
                    throw new IllegalStateException("scoreAtLeast flagged " + screened.flagged + " series-minutes, score "
                            + full.flagged + ": the screen is not exact");
                }
            }
        }
        double[] f = sorted(fullNs);
        if (screened == null) {
            System.out.printf(Locale.ROOT, "RESULT {\"bench\":\"scoring_cpu\",\"series\":%d,\"rounds\":%d,"
                            + "\"cpu_ns_per_series_minute_median\":%.1f,\"min\":%.1f,\"max\":%.1f,\"sink\":%.3f}%n",
                    series.size(), rounds, f[rounds / 2], f[0], f[rounds - 1], full.sink);
            return;
        }
        double[] g = sorted(screenNs);
        System.out.printf(Locale.ROOT, "RESULT {\"bench\":\"scoring_cpu_screen\",\"series\":%d,\"rounds\":%d,"
                        + "\"threshold\":%s,\"series_minutes_per_round\":%d,\"flagged\":%d,"
                        + "\"score_ns_median\":%.1f,\"score_ns_min\":%.1f,\"score_ns_max\":%.1f,"
                        + "\"screen_ns_median\":%.1f,\"screen_ns_min\":%.1f,\"screen_ns_max\":%.1f,"
                        + "\"screen_over_score\":%.3f}%n",
                series.size(), rounds, threshold, (long) passesPerRound * series.size(), full.flagged,
                f[rounds / 2], f[0], f[rounds - 1], g[rounds / 2], g[0], g[rounds - 1], g[rounds / 2] / f[rounds / 2]);
    }

    private static double[] sorted(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c;
    }

    /** One scorer over its own windows, so that two scorers see the same series-minutes. */
    private static final class Pass {
        private final SampleSeries series;
        private final FeatureExtractor extractor;
        private final double threshold;
        private final java.util.function.ToDoubleFunction<double[]> scorer;
        private final RecentWindow[] windows;
        private final double[] features = new double[FeatureSchema.SIZE];
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sink;
        long flagged;

        Pass(SampleSeries series, FeatureExtractor extractor, double threshold,
             java.util.function.ToDoubleFunction<double[]> scorer) {
            this.series = series;
            this.extractor = extractor;
            this.threshold = threshold;
            this.scorer = scorer;
            this.windows = new RecentWindow[series.size()];
            for (int s = 0; s < windows.length; s++) {
                windows[s] = extractor.newWindow();
            }
        }

        /** CPU ns per series-minute over {@code passes} minutes of every series from minute {@code clock}. */
        double run(long clock, int passes) {
            long cpu = threads.getCurrentThreadCpuTime();
            long ops = 0;
            for (int p = 0; p < passes; p++) {
                long c = clock + p;
                long ts = series.minuteTs(0) + c * 60_000L;
                int minute = (int) (c % series.minutes());
                for (int s = 0; s < series.size(); s++) {
                    extractor.extract(series.count(s, minute), ts, series.profile(s), windows[s], features);
                    double score = scorer.applyAsDouble(features);
                    sink += score;
                    if (score >= threshold) {
                        flagged++;
                    }
                    ops++;
                }
            }
            return (double) (threads.getCurrentThreadCpuTime() - cpu) / ops;
        }
    }
}
