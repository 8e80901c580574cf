package io.andiag.model.profile;

import java.io.Serializable;
import java.util.List;

/**
 * Shape of a series, computed by {@link ShapeAnalyzer}. cv and trend describe its hourly means (mean count per
 * observed minute in each UTC hour with at least {@code detection.shape.min_minutes_per_hour} observed minutes; other
 * hours are gaps); m_1..m_N are those means in time order, with mean mu and population standard deviation sigma.
 * seasonality and mean_shift come from the Poisson rate model of the series' hourly EVENT counts ({@link RateShape}:
 * piecewise-constant level times one daily harmonic, bursts and incident hours discounted) and are LOWER CONFIDENCE
 * BOUNDS of an effect size: they are high only when the effect is both large and visible in the events, so a series
 * with a handful of events scores 0 whatever its true shape.
 *
 * @param cv          coefficient of variation sigma / mu of the hourly means; 0 when mu = 0. Non-negative; at most
 *                    sqrt(N - 1) because counts are non-negative.
 * @param seasonality lower 3-sigma bound of the relative amplitude of the daily cycle, in [0, 1] (the rate is
 *                    level * (1 + amplitude * cos(2 pi (t - peak) / 24 h))); pure noise scores 0 in 99 % of cases.
 * @param meanShift   lower bound (3.5 standard errors of the log rate ratio) of the relative level change
 *                    1 - smaller rate / larger rate at the most significant change point, in [0, 1): 0.5 for a
 *                    doubling, 0.75 for a factor of 4, 0 when no change is visible.
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
