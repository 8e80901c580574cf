package io.andiag.bench.jmh;

import io.andiag.bench.SampleSeries;
import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.FeatureSettings;
import io.andiag.model.features.RecentWindow;
import io.andiag.model.forest.IsolationForest;
import io.andiag.model.params.ParameterSet;
import io.andiag.model.params.ParameterSetLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One series-minute of the speed layer's scoring, on a published parameter set (by default the committed sample,
 * datasets/sample/lake): feature extraction ({@link FeatureExtractor}) and isolation-forest scoring
 * ({@link IsolationForest}), apart and together, and with the per-series window's state round trip the state store
 * imposes. Each invocation scores the next series of the set (cycling through all of them, minute by minute), so
 * profile lookups, noise kinds and tree paths vary as in production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScoringBenchmark {

    /** A lake with params/LATEST; relative paths are resolved against the working directory. */
    @Param("datasets/sample/lake")
    public String lake;

    private SampleSeries series;
    private FeatureExtractor extractor;
    private IsolationForest forest;
    private double threshold;
    private RecentWindow[] windows;
    private byte[][] windowBytes;
    private final RecentWindow reusedWindow = new RecentWindow(RecentWindow.MAX_CAPACITY);
    private final double[] features = new double[FeatureSchema.SIZE];
    private final double[] fixedFeatures = {2.5, 1, 1.2, 1.6};
    private int next;
    /** Minutes since the first one; counts repeat every series.minutes(). */
    private long clock;

    @Setup
    public void setUp() {
        ParameterSet set = ParameterSetLoader.loadLatest(Path.of(lake));
        series = SampleSeries.of(set, 1_763_856_000_000L, 64, 97, 42);
        extractor = new FeatureExtractor(new FeatureSettings(set.detectorInfo().windowMinutes()));
        forest = set.detector().forest();
        threshold = set.detector().threshold();
        windows = new RecentWindow[series.size()];
        windowBytes = new byte[series.size()][];
        for (int s = 0; s < series.size(); s++) {
            windows[s] = extractor.newWindow();
            windowBytes[s] = windows[s].toBytes();
        }
    }

    /** Advances to the next series; after the last one, to the next clock minute (windows only move forward). */
    private int advance() {
        int s = next++;
        if (next == series.size()) {
            next = 0;
            clock++;
        }
        return s;
    }

    private int count(int s) {
        return series.count(s, (int) (clock % series.minutes()));
    }

    private long minuteTs() {
        return series.minuteTs(0) + clock * 60_000L;
    }

    @Benchmark
    public double featuresAndScore() {
        int s = advance();
        extractor.extract(count(s), minuteTs(), series.profile(s), windows[s], features);
        return forest.score(features);
    }

    /** As featuresAndScore, but only the trees that decide against the set's threshold ({@code scoreAtLeast}). */
    @Benchmark
    public double featuresAndScreen() {
        int s = advance();
        extractor.extract(count(s), minuteTs(), series.profile(s), windows[s], features);
        return forest.scoreAtLeast(features, threshold);
    }

    @Benchmark
    public double featuresOnly() {
        int s = advance();
        extractor.extract(count(s), minuteTs(), series.profile(s), windows[s], features);
        return features[FeatureSchema.WINDOW_EXCESS];
    }

    /** The forest alone on a fixed mildly abnormal vector (100 trees, psi 256 in the sample set). */
    @Benchmark
    public double scoreOnly() {
        return forest.score(fixedFeatures);
    }

    /** As the speed layer does it: read the series' window from its stored bytes, extract, score, write it back. */
    @Benchmark
    public double withWindowStateRoundTrip() {
        int s = advance();
        // as the speed layer: the window is reused from series to series, the bytes put back are new
        reusedWindow.load(ByteBuffer.wrap(windowBytes[s]));
        extractor.extract(count(s), minuteTs(), series.profile(s), reusedWindow, features);
        double score = forest.scoreAtLeast(features, threshold);
        windowBytes[s] = reusedWindow.toBytes();
        return score;
    }
}
