package io.andiag.model.features;

import io.andiag.model.noise.ColdStartPrior;
import io.andiag.model.noise.NoiseModel;
import io.andiag.model.series.FrequencyLevel;

import java.io.Serializable;
import java.util.Objects;

/**
 * What the feature extractor needs to know about one series from the parameter set: its noise model, frequency
 * level and quality. The speed layer looks one up per series key, and falls back to {@link #coldStart} for series
 * the batch has not profiled yet.
 *
 * @param noise   the fitted (or cold-start) noise model
 * @param level   the series' frequency level
 * @param quality the series' quality in (0, 1]
 */
public record ScoringProfile(NoiseModel noise, FrequencyLevel level, double quality) implements Serializable {

    public ScoringProfile {
        Objects.requireNonNull(noise, "noise");
        Objects.requireNonNull(level, "level");
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("quality must be in (0, 1], got " + quality);
        }
    }

    /** A series with no profile and no history: the prior's default level, cold-start model and quality. */
    public static ScoringProfile coldStart(ColdStartPrior prior) {
        return coldStart(prior.level(), prior);
    }

    /** A series whose level is known (e.g. from a short history) but which has no fitted model. */
    public static ScoringProfile coldStart(FrequencyLevel level, ColdStartPrior prior) {
        return new ScoringProfile(NoiseModel.coldStart(level, prior), level, prior.quality());
    }
}
