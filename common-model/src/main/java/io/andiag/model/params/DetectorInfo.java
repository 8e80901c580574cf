package io.andiag.model.params;

import java.util.List;
import java.util.Objects;

/**
 * The {@code detector} row of a parameter set: the calibrated threshold and how the forest was trained.
 *
 * @param threshold            score at or above which a series-minute is abnormal
 * @param featureNames         the feature vector the forest was trained on (must equal {@code FeatureSchema.NAMES})
 * @param featureSchemaVersion {@code FeatureSchema.VERSION} at training time
 * @param trees                number of isolation trees
 * @param sampleSize           points per tree (psi)
 * @param seed                 forest seed
 * @param targetShare          calibration target: share of IPs per minute flagged on normal history
 * @param flaggedShare         mean share of IPs per minute flagged at the threshold on the calibration minutes
 * @param maxFlaggedShare      largest share in any calibration minute
 * @param trainedRows          feature vectors in the training pool
 * @param labelledRows         of which vectors of labelled incidents
 * @param calibrationMinutes   minutes scored for the calibration
 * @param calibrationIpMinutes (IP, minute) pairs scored for the calibration
 * @param featureMeans         mean of each feature over the training pool
 * @param featureStds          standard deviation of each feature over the training pool
 * @param windowMinutes        short-window length the features were computed with ({@code FeatureSettings})
 */
public record DetectorInfo(double threshold, List<String> featureNames, int featureSchemaVersion, int trees, int sampleSize,
                           long seed, double targetShare, double flaggedShare, double maxFlaggedShare, long trainedRows,
                           long labelledRows, int calibrationMinutes, long calibrationIpMinutes, List<Double> featureMeans,
                           List<Double> featureStds, int windowMinutes) {

    public DetectorInfo {
        featureNames = List.copyOf(Objects.requireNonNull(featureNames, "featureNames"));
        featureMeans = List.copyOf(Objects.requireNonNull(featureMeans, "featureMeans"));
        featureStds = List.copyOf(Objects.requireNonNull(featureStds, "featureStds"));
    }
}
