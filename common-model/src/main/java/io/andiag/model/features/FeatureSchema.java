package io.andiag.model.features;

import java.util.List;

/**
 * The detector's feature vector, versioned. A trained detector stores {@link #NAMES}; {@link #requireCompatible}
 * refuses one whose names differ, so a model is never scored with vectors it was not trained on. Any change to a
 * feature's definition bumps {@link #VERSION} and renames the feature.
 *
 * <ol start="0">
 *   <li>{@code residual} = q * max(0, x - e) / (s * p)</li>
 *   <li>{@code level} = frequency level ordinal, 0 (ULTRA_LOW) .. 3 (HIGH)</li>
 *   <li>{@code window_excess} = q * max(0, mean of the short window - e) / (scale * p)</li>
 *   <li>{@code log_count} = ln(1 + x)</li>
 * </ol>
 * x = count this minute, e / s = the noise model's expected value and spread for the minute, p = its penalty,
 * scale = its typical spread, q = series quality. See {@link FeatureExtractor}.
 */
public final class FeatureSchema {

    public static final int VERSION = 1;

    public static final int RESIDUAL = 0;
    public static final int LEVEL = 1;
    public static final int WINDOW_EXCESS = 2;
    public static final int LOG_COUNT = 3;

    public static final List<String> NAMES = List.of("residual", "level", "window_excess", "log_count");

    public static final int SIZE = NAMES.size();

    private FeatureSchema() {
    }

    /** A vector to pass to {@link FeatureExtractor#extract}, allocated once per caller. */
    public static double[] newVector() {
        return new double[SIZE];
    }

    /**
     * @throws IllegalArgumentException when {@code names} (from a trained model) is not exactly {@link #NAMES}
     */
    public static void requireCompatible(List<String> names) {
        if (!NAMES.equals(names)) {
            throw new IllegalArgumentException("model was trained on features " + names + " but this code extracts "
                    + NAMES + " (feature schema v" + VERSION + "); retrain or deploy the matching code version");
        }
    }
}
