package io.andiag.model.profile;

import io.andiag.model.series.SparseMinuteSeries;

import java.io.Serializable;
import java.util.Objects;

/**
 * How much a series' noise prediction can be trusted, in (0, 1]: 1 for a stable, well-observed series. Residual
 * features are multiplied by it, so an erratic or poorly observed series needs a larger excess to look abnormal.
 *
 * <pre>
 * quality = clamp(coverage_factor * cv_factor * pattern_factor, min, 1)
 * coverage_factor = min(1, (observed minutes / window minutes) / full_coverage)
 * cv_factor       = 1 / (1 + max(0, cv - cv_free))
 * pattern_factor  = factor_stable | factor_seasonal | factor_mean_shift | factor_hybrid
 * </pre>
 */
public final class SeriesQuality implements Serializable {

    private static final long serialVersionUID = 1L;

    private final QualitySettings settings;

    public SeriesQuality(QualitySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public double of(SparseMinuteSeries series, ShapeFeatures features, Pattern pattern) {
        return of((double) series.observedCount() / series.minutes(), features.cv(), pattern);
    }

    /**
     * @param coverage share of the window's minutes that were observed, in [0, 1]
     * @param cv       coefficient of variation of the hourly means, &gt;= 0
     */
    public double of(double coverage, double cv, Pattern pattern) {
        if (!(coverage >= 0 && coverage <= 1)) {
            throw new IllegalArgumentException("coverage must be in [0, 1], got " + coverage);
        }
        if (!(cv >= 0) || Double.isInfinite(cv)) {
            throw new IllegalArgumentException("cv must be finite and >= 0, got " + cv);
        }
        double coverageFactor = Math.min(1.0, coverage / settings.fullCoverage());
        double cvFactor = 1.0 / (1.0 + Math.max(0.0, cv - settings.cvFree()));
        double q = coverageFactor * cvFactor * settings.factor(Objects.requireNonNull(pattern, "pattern"));
        return Math.max(settings.min(), Math.min(1.0, q));
    }
}
