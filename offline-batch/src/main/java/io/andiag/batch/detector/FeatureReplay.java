package io.andiag.batch.detector;

import io.andiag.batch.series.IpSeries;
import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.RecentWindow;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.series.SparseMinuteSeries;

/**
 * Feature replay of history: common-model's {@link FeatureExtractor} and {@link RecentWindow}, exactly as the speed
 * layer calls them, over one series' observed (heartbeat) minutes in time order. A silent observed minute has count 0;
 * a minute without heartbeat is a gap and is skipped (the window ages it out as the speed layer's would).
 */
public final class FeatureReplay {

    /** Receives every replayed series-minute; {@code features} is reused between calls. */
    @FunctionalInterface
    public interface Visitor {
        void accept(int minute, long minuteTs, int count, double[] features);
    }

    private FeatureReplay() {
    }

    public static void replay(IpSeries ip, int slot, ScoringProfile profile, FeatureExtractor extractor, Visitor visitor) {
        SparseMinuteSeries s = ip.series(slot);
        RecentWindow window = extractor.newWindow();
        double[] out = FeatureSchema.newVector();
        int nz = 0;
        int nonZero = s.nonZeroCount();
        for (int m = s.nextObserved(0); m >= 0; m = s.nextObserved(m + 1)) {
            int count = 0;
            if (nz < nonZero && s.nonZeroMinute(nz) == m) {
                count = s.nonZeroValue(nz++);
            }
            long ts = s.minuteTs(m);
            extractor.extract(count, ts, profile, window, out);
            visitor.accept(m, ts, count, out);
        }
    }
}
