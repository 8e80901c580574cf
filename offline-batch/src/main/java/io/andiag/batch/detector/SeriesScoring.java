package io.andiag.batch.detector;

import io.andiag.model.features.ScoringProfile;
import io.andiag.model.noise.NoiseModel;
import io.andiag.model.series.FrequencyLevel;

import java.io.Serializable;

/** A profiled series as the replay needs it: its slot in the IP, key, and the parts of its scoring profile. */
public record SeriesScoring(int slot, String key, String level, double quality, String kind, double[] baseline, double[] spread,
                            double penalty, double scale) implements Serializable {

    /** The same {@link ScoringProfile} the speed layer builds from the published tables. */
    public ScoringProfile profile() {
        return new ScoringProfile(NoiseModel.of(NoiseModel.Kind.valueOf(kind), baseline, spread, penalty, scale),
                FrequencyLevel.valueOf(level), quality);
    }
}
