package io.andiag.model.forest;

import io.andiag.model.features.FeatureSchema;

import java.io.Serializable;
import java.util.Objects;

/**
 * The scoring end of detection: an isolation forest trained on {@link FeatureSchema} vectors and its calibrated
 * threshold. Refuses a forest whose feature names differ from the schema this code extracts.
 */
public final class AnomalyDetector implements Serializable {

    private static final long serialVersionUID = 1L;

    private final IsolationForest forest;
    private final double threshold;

    /**
     * @throws IllegalArgumentException when the forest's feature names are not {@link FeatureSchema#NAMES} or the
     *                                  threshold is not in [0, 1]
     */
    public AnomalyDetector(IsolationForest forest, double threshold) {
        this.forest = Objects.requireNonNull(forest, "forest");
        FeatureSchema.requireCompatible(forest.featureNames());
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        this.threshold = threshold;
    }

    /** Anomaly score of a feature vector. No allocation. */
    public double score(double[] features) {
        return forest.score(features);
    }

    public boolean isAnomalous(double score) {
        return score >= threshold;
    }

    /**
     * {@code isAnomalous(score(features))}, walking only the trees needed to decide
     * ({@link IsolationForest#scoreAtLeast}).
     */
    public boolean flags(double[] features) {
        return isAnomalous(forest.scoreAtLeast(features, threshold));
    }

    public double threshold() {
        return threshold;
    }

    public IsolationForest forest() {
        return forest;
    }
}
