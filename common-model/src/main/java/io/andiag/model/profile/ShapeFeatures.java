package io.andiag.model.profile;

import java.io.Serializable;
import java.util.List;

/**
 * Shape of a series, computed by {@link ShapeAnalyzer} from its hourly means (mean count per observed minute in each
 * UTC hour with at least {@code detection.shape.min_minutes_per_hour} observed minutes; other hours are gaps).
 * Let m_1..m_N be those means in time order, with mean mu and population standard deviation sigma.
 *
 * @param cv          coefficient of variation sigma / mu of the hourly means; 0 when mu = 0. Non-negative; at most
 *                    sqrt(N - 1) because counts are non-negative.
 * @param seasonality strength of the daily cycle in [0, 1]: Wang-Smith-Hyndman's 1 - Var(R) / Var(S + R) on the
 *                    hourly means detrended by a centred 2x24 moving average (S = hour-of-day means of the detrended
 *                    values, R = what remains), with degrees-of-freedom corrected variances so that white noise
 *                    scores about 0. 0 with fewer than two days of detrended hours.
 * @param meanShift   strength of the best single level change in [0, 1]: the largest share of the variance of the
 *                    deseasonalised hourly means explained by splitting them into a before and an after segment of
 *                    at least {@code detection.shape.min_segment_hours} hours each (the CUSUM split); 1 for a pure
 *                    step, about 0.05 for white noise over a week, 0.75 for a straight ramp.
 * @param trend       OLS slope of the hourly means per hour, times the window length in hours, divided by mu: the
 *                    relative change over the window (signed; 0 when mu = 0).
 */
public record ShapeFeatures(double cv, double seasonality, double meanShift, double trend) implements Serializable {

    /** Column names, in {@link #toArray()} order (the k-means input vector and the series_profile columns). */
    public static final List<String> NAMES = List.of("cv", "seasonality", "mean_shift", "trend");

    public static final ShapeFeatures NONE = new ShapeFeatures(0, 0, 0, 0);

    public ShapeFeatures {
        requireFinite("cv", cv);
        requireFinite("seasonality", seasonality);
        requireFinite("mean_shift", meanShift);
        requireFinite("trend", trend);
    }

    public double[] toArray() {
        return new double[] {cv, seasonality, meanShift, trend};
    }

    /** Inverse of {@link #toArray()} (e.g. a k-means centroid mapped back to raw feature space). */
    public static ShapeFeatures fromArray(double[] v) {
        if (v.length != NAMES.size()) {
            throw new IllegalArgumentException("shape feature vector must have " + NAMES.size() + " values " + NAMES
                    + ", got " + v.length);
        }
        return new ShapeFeatures(v[0], v[1], v[2], v[3]);
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("shape feature " + name + " must be finite, got " + v);
        }
    }
}
