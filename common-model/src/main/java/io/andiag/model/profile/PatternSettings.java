package io.andiag.model.profile;

import io.andiag.model.config.Param;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Where {@link PatternNamer} draws the lines in raw shape-feature space. */
public record PatternSettings(double seasonalityMin, double meanShiftMin) implements Serializable {

    public static final Param<Double> SEASONALITY_MIN = Param.openClosed("detection.pattern.seasonality_min", 0.05, 0, 1,
            "seasonality at or above which a centroid (or series) has a daily cycle");
    public static final Param<Double> MEAN_SHIFT_MIN = Param.openClosed("detection.pattern.mean_shift_min", 0.30, 0, 1,
            "mean_shift at or above which a centroid (or series) has a level change");

    public static final List<Param<?>> PARAMS = List.of(SEASONALITY_MIN, MEAN_SHIFT_MIN);

    private static final PatternSettings DEFAULTS = from(Map.of());

    public PatternSettings {
        SEASONALITY_MIN.check(seasonalityMin);
        MEAN_SHIFT_MIN.check(meanShiftMin);
    }

    public static PatternSettings defaults() {
        return DEFAULTS;
    }

    public static PatternSettings from(Map<String, ?> props) {
        return new PatternSettings(SEASONALITY_MIN.read(props), MEAN_SHIFT_MIN.read(props));
    }
}
