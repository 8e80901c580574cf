package io.andiag.model.noise;

import io.andiag.model.config.Param;
import io.andiag.model.series.FrequencyLevel;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** How the cold-start prior is derived and applied (see {@link ColdStartPrior}). */
public record ColdStartSettings(double quantile, double penalty, double quality, FrequencyLevel level)
        implements Serializable {

    public static final Param<Double> QUANTILE = Param.closed("detection.coldstart.quantile", 0.9, 0, 1,
            "quantile, per frequency level, of the fitted series' mean baseline and scale used as the cold-start model");
    public static final Param<Double> PENALTY = Param.closed("detection.coldstart.penalty", 2.0, 1, 1e3,
            "penalty of a cold-start model");
    public static final Param<Double> QUALITY = Param.openClosed("detection.coldstart.quality", 0.5, 0, 1,
            "quality a series without a profile is scored with");
    public static final Param<FrequencyLevel> LEVEL = Param.oneOf(FrequencyLevel.class, "detection.coldstart.level",
            FrequencyLevel.MEDIUM, "frequency level assumed for a series with no history at all");

    public static final List<Param<?>> PARAMS = List.of(QUANTILE, PENALTY, QUALITY, LEVEL);

    private static final ColdStartSettings DEFAULTS = from(Map.of());

    public ColdStartSettings {
        QUANTILE.check(quantile);
        PENALTY.check(penalty);
        QUALITY.check(quality);
        LEVEL.check(level);
    }

    public static ColdStartSettings defaults() {
        return DEFAULTS;
    }

    public static ColdStartSettings from(Map<String, ?> props) {
        return new ColdStartSettings(QUANTILE.read(props), PENALTY.read(props), QUALITY.read(props), LEVEL.read(props));
    }
}
