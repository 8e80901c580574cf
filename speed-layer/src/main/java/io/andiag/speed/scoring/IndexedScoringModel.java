package io.andiag.speed.scoring;

import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.FeatureSettings;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.forest.AnomalyDetector;
import io.andiag.model.forest.IsolationForest;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.routing.Router;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ScoringModel} with the profiles indexed by IP into arrays of {@link RetxCounts#SLOTS}, so the scorer
 * finds every series of an IP with one hash lookup and no key allocation.
 */
public final class IndexedScoringModel implements ScoringModel {

    private final String version;
    private final Map<String, ScoringProfile[]> byIp;
    private final ScoringProfile coldStart;
    private final FeatureExtractor extractor;
    private final AnomalyDetector detector;
    private final Router router;

    /** A model routing with the rule router (a set without {@code router/}). */
    public IndexedScoringModel(String version, Map<SeriesKey, ScoringProfile> profiles, ScoringProfile coldStart,
                               AnomalyDetector detector, int windowMinutes) {
        this(version, profiles, coldStart, detector, windowMinutes, Router.of(java.util.Optional.empty()));
    }

    /**
     * @throws IllegalArgumentException when the forest was trained on other features than this build extracts
     */
    public IndexedScoringModel(String version, Map<SeriesKey, ScoringProfile> profiles, ScoringProfile coldStart,
                               AnomalyDetector detector, int windowMinutes, Router router) {
        this.version = Objects.requireNonNull(version, "version");
        this.router = Objects.requireNonNull(router, "router");
        this.coldStart = Objects.requireNonNull(coldStart, "coldStart");
        this.detector = Objects.requireNonNull(detector, "detector");
        FeatureSchema.requireCompatible(detector.forest().featureNames());
        this.extractor = new FeatureExtractor(new FeatureSettings(windowMinutes));
        Map<String, ScoringProfile[]> index = new HashMap<>(profiles.size() * 2);
        profiles.forEach((key, profile) ->
                index.computeIfAbsent(key.ip(), ip -> new ScoringProfile[RetxCounts.SLOTS])[key.slot()] = profile);
        this.byIp = index;
    }

    /** The scoring view of a loaded (already validated) parameter set, routing with {@code router}. */
    public static IndexedScoringModel from(io.andiag.model.params.ParameterSet set, Router router) {
        Map<SeriesKey, ScoringProfile> profiles = new HashMap<>(set.noiseModels().size() * 2);
        for (SeriesKey key : set.noiseModels().keySet()) {
            profiles.put(key, set.scoringProfile(key));
        }
        return new IndexedScoringModel(set.version(), profiles, ScoringProfile.coldStart(set.coldStartPrior()),
                set.detector(), set.detectorInfo().windowMinutes(), router);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public ScoringProfile profile(String ip, int slot) {
        ScoringProfile[] slots = byIp.get(ip);
        return slots == null ? null : slots[slot];
    }

    @Override
    public ScoringProfile coldStart(int slot) {
        return coldStart;
    }

    @Override
    public boolean knowsIp(String ip) {
        return byIp.containsKey(ip);
    }

    @Override
    public FeatureExtractor extractor() {
        return extractor;
    }

    @Override
    public IsolationForest forest() {
        return detector.forest();
    }

    @Override
    public double threshold() {
        return detector.threshold();
    }

    @Override
    public Router router() {
        return router;
    }

    /** Series profiled by this set. */
    public int seriesCount() {
        int n = 0;
        for (ScoringProfile[] slots : byIp.values()) {
            for (ScoringProfile p : slots) {
                if (p != null) {
                    n++;
                }
            }
        }
        return n;
    }
}
