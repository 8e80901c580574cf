package io.andiag.model.features;

import io.andiag.model.series.SparseMinuteSeries;

/**
 * Feature replay of a series' history: {@link FeatureExtractor} and {@link RecentWindow}, exactly as the speed layer
 * calls them, over the series' observed (heartbeat) minutes in time order. A silent observed minute has count 0; a
 * minute without heartbeat is a gap and is skipped (the window ages it out as the speed layer's would).
 *
 * <p>Plain Java, so the nightly batch (feature replay for training and calibration, per series inside Spark tasks)
 * and {@code andiag backtest} (training on the first part of a CSV series) share one replay.
 */
public final class FeatureReplay {

    /** Receives every replayed series-minute; {@code features} is reused between calls. */
    @FunctionalInterface
    public interface Visitor {
        void accept(int minute, long minuteTs, int count, double[] features);
    }

    private FeatureReplay() {
    }

    /** Replays {@code series} from a fresh short window. */
    public static void replay(SparseMinuteSeries series, ScoringProfile profile, FeatureExtractor extractor, Visitor visitor) {
        replay(series, profile, extractor, extractor.newWindow(), visitor);
    }

    /**
     * Replays {@code series} through {@code window}, which is left holding the series' last minutes, so scoring can
     * continue where the replay stopped (as the speed layer continues after the minutes it has seen).
     */
    public static void replay(SparseMinuteSeries series, ScoringProfile profile, FeatureExtractor extractor, RecentWindow window,
                              Visitor visitor) {
        double[] out = FeatureSchema.newVector();
        int nz = 0;
        int nonZero = series.nonZeroCount();
        for (int m = series.nextObserved(0); m >= 0; m = series.nextObserved(m + 1)) {
            int count = 0;
            if (nz < nonZero && series.nonZeroMinute(nz) == m) {
                count = series.nonZeroValue(nz++);
            }
            long ts = series.minuteTs(m);
            extractor.extract(count, ts, profile, window, out);
            visitor.accept(m, ts, count, out);
        }
    }
}
