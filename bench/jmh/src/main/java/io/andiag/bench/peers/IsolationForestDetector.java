package io.andiag.bench.peers;

import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.FeatureSettings;
import io.andiag.model.features.RecentWindow;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.forest.IsolationForest;
import io.andiag.model.params.ParameterSet;

/**
 * AND's detector as the speed layer runs it: the series' profile from the published parameter set (or the cold-start
 * profile for a series the set does not know, scored only from its first retransmission while its window holds
 * something), {@link FeatureExtractor} over the per-series {@link RecentWindow}, and the shared isolation forest.
 */
public final class IsolationForestDetector implements SeriesDetector {

    private final ParameterSet set;
    private final FeatureExtractor extractor;
    private final IsolationForest forest;
    private final ScoringProfile coldStart;
    private final double[] features = new double[FeatureSchema.SIZE];
    private State last;

    /** Per series: its profile (parameters, shared with nothing) and its short window (streaming state). */
    record State(ScoringProfile profile, RecentWindow window) {
    }

    public IsolationForestDetector(ParameterSet set) {
        this.set = set;
        this.extractor = new FeatureExtractor(new FeatureSettings(set.detectorInfo().windowMinutes()));
        this.forest = set.detector().forest();
        this.coldStart = ScoringProfile.coldStart(set.coldStartPrior());
    }

    @Override
    public String name() {
        return "and";
    }

    @Override
    public String settings() {
        return "parameter set " + set.version() + ": " + forest.trees() + " trees, psi " + forest.sampleSize()
                + ", threshold " + set.detector().threshold();
    }

    @Override
    public void run(MinuteMatrix m, int s, float[] scores) {
        boolean known = set.isKnown(m.series(s));
        ScoringProfile profile = known ? set.scoringProfile(m.series(s)) : coldStart;
        RecentWindow window = extractor.newWindow();
        for (int minute = 0; minute < m.minutes(); minute++) {
            int count = m.count(s, minute);
            long ts = m.minuteTs(minute);
            if (!known && count == 0 && (window.isEmpty() || ts - window.newestMinuteTs() >= windowSpanMs())) {
                scores[minute] = Float.NaN;
                window.clear();
                continue;
            }
            extractor.extract(count, ts, profile, window, features);
            scores[minute] = (float) forest.score(features);
        }
        last = new State(profile, window);
    }

    private long windowSpanMs() {
        return extractor.settings().windowMinutes() * 60_000L;
    }

    @Override
    public State lastState() {
        return last;
    }
}
