package io.andiag.model.profile;

import io.andiag.model.config.Param;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Factors of {@link SeriesQuality}. */
public record QualitySettings(double fullCoverage, double cvFree, double stableFactor, double seasonalFactor,
                              double meanShiftFactor, double hybridFactor, double min) implements Serializable {

    public static final Param<Double> FULL_COVERAGE = Param.openClosed("detection.quality.full_coverage", 0.8, 0, 1,
            "share of window minutes observed at and above which coverage does not lower quality");
    public static final Param<Double> CV_FREE = Param.closed("detection.quality.cv_free", 1.0, 0, 1000,
            "CV of hourly means up to which variability does not lower quality");
    public static final Param<Double> STABLE_FACTOR = Param.openClosed("detection.quality.factor_stable", 1.0, 0, 1,
            "quality factor of a STABLE series");
    public static final Param<Double> SEASONAL_FACTOR = Param.openClosed("detection.quality.factor_seasonal", 0.9, 0, 1,
            "quality factor of a SEASONAL series");
    public static final Param<Double> MEAN_SHIFT_FACTOR = Param.openClosed("detection.quality.factor_mean_shift", 0.7, 0, 1,
            "quality factor of a MEAN_SHIFT series");
    public static final Param<Double> HYBRID_FACTOR = Param.openClosed("detection.quality.factor_hybrid", 0.6, 0, 1,
            "quality factor of a HYBRID series");
    public static final Param<Double> MIN = Param.openClosed("detection.quality.min", 0.1, 0, 1,
            "lowest quality any series gets");

    public static final List<Param<?>> PARAMS = List.of(FULL_COVERAGE, CV_FREE, STABLE_FACTOR, SEASONAL_FACTOR,
            MEAN_SHIFT_FACTOR, HYBRID_FACTOR, MIN);

    private static final QualitySettings DEFAULTS = from(Map.of());

    public QualitySettings {
        FULL_COVERAGE.check(fullCoverage);
        CV_FREE.check(cvFree);
        STABLE_FACTOR.check(stableFactor);
        SEASONAL_FACTOR.check(seasonalFactor);
        MEAN_SHIFT_FACTOR.check(meanShiftFactor);
        HYBRID_FACTOR.check(hybridFactor);
        MIN.check(min);
    }

    public static QualitySettings defaults() {
        return DEFAULTS;
    }

    public static QualitySettings from(Map<String, ?> props) {
        return new QualitySettings(FULL_COVERAGE.read(props), CV_FREE.read(props), STABLE_FACTOR.read(props),
                SEASONAL_FACTOR.read(props), MEAN_SHIFT_FACTOR.read(props), HYBRID_FACTOR.read(props), MIN.read(props));
    }

    public double factor(Pattern pattern) {
        return switch (pattern) {
            case STABLE -> stableFactor;
            case SEASONAL -> seasonalFactor;
            case MEAN_SHIFT -> meanShiftFactor;
            case HYBRID -> hybridFactor;
        };
    }
}
