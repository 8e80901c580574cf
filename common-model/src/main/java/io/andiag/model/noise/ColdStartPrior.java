package io.andiag.model.noise;

import io.andiag.model.series.FrequencyLevel;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a series without a fitted noise model (a new container) is scored against: per frequency level, a
 * conservative baseline and spread taken from all fitted series of that level (the {@code detection.coldstart.quantile}
 * quantile, 0.9 by default, of their mean baseline and of their scale), plus a penalty, a quality and the level assumed
 * when even the level is unknown. A new series is therefore judged against a noisy peer of its level: it is flagged
 * only by an increase that would be abnormal for 90 % of its peers.
 *
 * <p>Persisted with the parameter set as two arrays indexed by level ordinal plus three scalars.
 */
public final class ColdStartPrior implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int LEVELS = FrequencyLevel.values().length;

    /** Built-in per-level (baseline, spread) used when no fitted series of a level exist. */
    private static final double[] FALLBACK_BASELINE = {0.0, 0.1, 1.0, 10.0};
    private static final double[] FALLBACK_SPREAD = {1.0, 1.0, 2.0, 5.0};

    private final double[] baseline;
    private final double[] spread;
    private final double penalty;
    private final double quality;
    private final FrequencyLevel level;

    private ColdStartPrior(double[] baseline, double[] spread, double penalty, double quality, FrequencyLevel level) {
        this.baseline = baseline;
        this.spread = spread;
        this.penalty = penalty;
        this.quality = quality;
        this.level = level;
    }

    /**
     * A prior from persisted parts.
     *
     * @param baseline per level ordinal, finite and &gt;= 0
     * @param spread   per level ordinal, finite and &gt; 0
     */
    public static ColdStartPrior of(double[] baseline, double[] spread, double penalty, double quality,
                                    FrequencyLevel level) {
        if (baseline.length != LEVELS || spread.length != LEVELS) {
            throw new IllegalArgumentException("cold-start baseline and spread need one value per frequency level ("
                    + LEVELS + "), got " + baseline.length + " and " + spread.length);
        }
        for (int i = 0; i < LEVELS; i++) {
            if (!(baseline[i] >= 0) || Double.isInfinite(baseline[i])) {
                throw new IllegalArgumentException("cold-start baseline[" + FrequencyLevel.ofOrdinal(i) + "] must be finite and >= 0, got " + baseline[i]);
            }
            if (!(spread[i] > 0) || Double.isInfinite(spread[i])) {
                throw new IllegalArgumentException("cold-start spread[" + FrequencyLevel.ofOrdinal(i) + "] must be finite and > 0, got " + spread[i]);
            }
        }
        ColdStartSettings.PENALTY.check(penalty);
        ColdStartSettings.QUALITY.check(quality);
        return new ColdStartPrior(baseline.clone(), spread.clone(), penalty, quality,
                Objects.requireNonNull(level, "level"));
    }

    /** The built-in prior (used before the first batch run has fitted anything). */
    public static ColdStartPrior fallback(ColdStartSettings settings) {
        return of(FALLBACK_BASELINE, FALLBACK_SPREAD, settings.penalty(), settings.quality(), settings.level());
    }

    /**
     * Estimates the prior from fitted series: per level, the {@code settings.quantile()} quantile (linear
     * interpolation between order statistics) of {@link NoiseModel#meanBaseline()} and of {@link NoiseModel#scale()};
     * a level with no series keeps the built-in values. For millions of series compute the quantiles in Spark and
     * call {@link #of} instead.
     *
     * @param levels per series, its level
     * @param models per series, its fitted model (same order)
     */
    public static ColdStartPrior estimate(ColdStartSettings settings, FrequencyLevel[] levels, NoiseModel[] models) {
        if (levels.length != models.length) {
            throw new IllegalArgumentException("levels and models differ in length: " + levels.length + " vs " + models.length);
        }
        double[] base = FALLBACK_BASELINE.clone();
        double[] spr = FALLBACK_SPREAD.clone();
        for (FrequencyLevel l : FrequencyLevel.values()) {
            int n = 0;
            for (FrequencyLevel x : levels) {
                if (x == l) {
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            double[] b = new double[n];
            double[] s = new double[n];
            for (int i = 0, j = 0; i < levels.length; i++) {
                if (levels[i] == l) {
                    b[j] = models[i].meanBaseline();
                    s[j++] = models[i].scale();
                }
            }
            base[l.ordinal()] = quantile(b, settings.quantile());
            spr[l.ordinal()] = quantile(s, settings.quantile());
        }
        return of(base, spr, settings.penalty(), settings.quality(), settings.level());
    }

    /** Quantile q of {@code values} (sorted in place) with linear interpolation: position q * (n - 1). */
    static double quantile(double[] values, double q) {
        Arrays.sort(values);
        double pos = q * (values.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(values.length - 1, lo + 1);
        return values[lo] + (pos - lo) * (values[hi] - values[lo]);
    }

    public double baseline(FrequencyLevel level) {
        return baseline[level.ordinal()];
    }

    public double spread(FrequencyLevel level) {
        return spread[level.ordinal()];
    }

    /** Per level ordinal (persistence). */
    public double[] baselines() {
        return baseline.clone();
    }

    /** Per level ordinal (persistence). */
    public double[] spreads() {
        return spread.clone();
    }

    public double penalty() {
        return penalty;
    }

    /** Quality to score a cold-start series with. */
    public double quality() {
        return quality;
    }

    /** Level assumed for a series with no history. */
    public FrequencyLevel level() {
        return level;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColdStartPrior p && Arrays.equals(baseline, p.baseline) && Arrays.equals(spread, p.spread)
                && Double.compare(penalty, p.penalty) == 0 && Double.compare(quality, p.quality) == 0 && level == p.level;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(baseline), Arrays.hashCode(spread), penalty, quality, level);
    }
}
