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
 * each, after warm-up rounds; prints ns of CPU per series-minute per round and the median.
 *
 * <pre>java -cp and-bench.jar io.andiag.bench.ScoringCpuTime LAKE [rounds]</pre>
 */
public final class ScoringCpuTime {

    private ScoringCpuTime() {
    }

    public static void main(String[] args) {
        ParameterSet set = ParameterSetLoader.loadLatest(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        SampleSeries series = SampleSeries.of(set, 1_763_856_000_000L, 64, 97, 42);
        FeatureExtractor extractor = new FeatureExtractor(new FeatureSettings(set.detectorInfo().windowMinutes()));
        IsolationForest forest = set.detector().forest();
        RecentWindow[] windows = new RecentWindow[series.size()];
        for (int s = 0; s < windows.length; s++) {
            windows[s] = extractor.newWindow();
        }
        double[] features = new double[FeatureSchema.SIZE];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] nsPerOp = new double[rounds];
        double sink = 0;
        long clock = 0;
        int passesPerRound = Math.max(1, 400_000 / series.size());
        for (int r = -5; r < rounds; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long ops = 0;
            for (int p = 0; p < passesPerRound; p++, clock++) {
                long ts = series.minuteTs(0) + clock * 60_000L;
                int minute = (int) (clock % series.minutes());
                for (int s = 0; s < series.size(); s++) {
                    extractor.extract(series.count(s, minute), ts, series.profile(s), windows[s], features);
                    sink += forest.score(features);
                    ops++;
                }
            }
            if (r >= 0) {
                nsPerOp[r] = (double) (threads.getCurrentThreadCpuTime() - cpu) / ops;
            }
        }
        double[] sorted = nsPerOp.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "RESULT {\"bench\":\"scoring_cpu\",\"series\":%d,\"rounds\":%d,"
                        + "\"cpu_ns_per_series_minute_median\":%.1f,\"min\":%.1f,\"max\":%.1f,\"sink\":%.3f}%n",
                series.size(), rounds, sorted[rounds / 2], sorted[0], sorted[rounds - 1], sink);
    }
}
