package io.andiag.model.params;

import io.andiag.model.features.ScoringProfile;
import io.andiag.model.forest.AnomalyDetector;
import io.andiag.model.noise.ColdStartPrior;
import io.andiag.model.noise.NoiseModel;
import io.andiag.model.record.SeriesKey;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One published parameter set, loaded and validated by {@link ParameterSetLoader}: everything the speed layer needs
 * to score a series-minute. Immutable; hot-swap it as a whole.
 *
 * <p>Series the batch did not profile (no retransmission in the history, or new IPs) are scored with the cold-start
 * model of {@link #coldStartPrior()}: see {@link #scoringProfile}.
 */
public final class ParameterSet {

    private final String version;
    private final Manifest manifest;
    private final Map<SeriesKey, SeriesProfile> profiles;
    private final Map<SeriesKey, NoiseModel> noise;
    private final Map<SeriesKey, ScoringProfile> scoring;
    private final AnomalyDetector detector;
    private final DetectorInfo detectorInfo;
    private final ColdStartPrior coldStartPrior;
    private final ScoringProfile coldStart;

    ParameterSet(String version, Manifest manifest, Map<SeriesKey, SeriesProfile> profiles, Map<SeriesKey, NoiseModel> noise,
                 Map<SeriesKey, ScoringProfile> scoring, AnomalyDetector detector, DetectorInfo detectorInfo,
                 ColdStartPrior coldStartPrior) {
        this.version = Objects.requireNonNull(version, "version");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.profiles = Collections.unmodifiableMap(profiles);
        this.noise = Collections.unmodifiableMap(noise);
        this.scoring = Collections.unmodifiableMap(scoring);
        this.detector = Objects.requireNonNull(detector, "detector");
        this.detectorInfo = Objects.requireNonNull(detectorInfo, "detectorInfo");
        this.coldStartPrior = Objects.requireNonNull(coldStartPrior, "coldStartPrior");
        this.coldStart = ScoringProfile.coldStart(coldStartPrior);
    }

    /** e.g. {@code 2026-11-24-20261123T021000Z}; stamped on every abnormal record scored with this set. */
    public String version() {
        return version;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** The profile of every profiled series. */
    public Map<SeriesKey, SeriesProfile> profiles() {
        return profiles;
    }

    public Optional<SeriesProfile> profile(SeriesKey key) {
        return Optional.ofNullable(profiles.get(key));
    }

    /** The fitted noise model of every profiled series. */
    public Map<SeriesKey, NoiseModel> noiseModels() {
        return noise;
    }

    /** True when the series was profiled (has a fitted noise model); false means it is scored cold. */
    public boolean isKnown(SeriesKey key) {
        return scoring.containsKey(key);
    }

    /** What {@code FeatureExtractor} needs for the series: its fitted profile, or the cold-start one. */
    public ScoringProfile scoringProfile(SeriesKey key) {
        ScoringProfile p = scoring.get(key);
        return p != null ? p : coldStart;
    }

    /** The forest and its calibrated threshold. */
    public AnomalyDetector detector() {
        return detector;
    }

    public DetectorInfo detectorInfo() {
        return detectorInfo;
    }

    public ColdStartPrior coldStartPrior() {
        return coldStartPrior;
    }

    @Override
    public String toString() {
        return "ParameterSet[" + version + ": " + profiles.size() + " series, " + detector.forest().trees() + " trees, threshold "
                + detector.threshold() + "]";
    }
}
