package io.andiag.model.profile;

import java.io.Serializable;
import java.util.Objects;

/**
 * Names a level-2 cluster from its centroid in RAW shape-feature space (the mean of its members' unstandardised
 * {@link ShapeFeatures}): a daily cycle is {@code seasonality >= seasonality_min}, a level change is
 * {@code mean_shift >= mean_shift_min}; both = HYBRID, only the cycle = SEASONAL, only the change = MEAN_SHIFT,
 * neither = STABLE. A steady trend has a high mean_shift (a ramp's best split explains 3/4 of its variance), so
 * trending series are MEAN_SHIFT. CV does not name a pattern: it lowers {@link SeriesQuality} instead.
 *
 * <p>The same rule names a single series ({@link #classify}), for cold start and for clusters too small to trust.
 */
public final class PatternNamer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final PatternSettings settings;

    public PatternNamer(PatternSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The name of a cluster whose raw centroid is {@code centroid} (in {@link ShapeFeatures#NAMES} order). */
    public Pattern name(double[] centroid) {
        return name(ShapeFeatures.fromArray(centroid));
    }

    public Pattern name(ShapeFeatures centroid) {
        boolean seasonal = centroid.seasonality() >= settings.seasonalityMin();
        boolean shifted = centroid.meanShift() >= settings.meanShiftMin();
        if (seasonal && shifted) {
            return Pattern.HYBRID;
        }
        if (seasonal) {
            return Pattern.SEASONAL;
        }
        return shifted ? Pattern.MEAN_SHIFT : Pattern.STABLE;
    }

    /** The pattern of one series from its own features (same rule as a centroid). */
    public Pattern classify(ShapeFeatures features) {
        return name(features);
    }
}
