package io.andiag.model.noise;

import io.andiag.model.series.FrequencyLevel;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The predicted noise of one series: what count to expect in a minute and how far it normally strays.
 * Immutable and compact (two small double arrays). Slots are UTC time-of-day slots; every kind but
 * {@link Kind#SLOTTED} has exactly one slot.
 *
 * <p>Persistence ({@code series_noise}): {@link #kind()}, {@link #baselines()}, {@link #spreads()},
 * {@link #penalty()}, {@link #scale()}; rebuild with {@link #of}, which validates exactly as fitting does.
 */
public final class NoiseModel implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Version of the persisted form (kind, baseline[], spread[], penalty, scale). */
    public static final int FORMAT_VERSION = 1;

    private static final long DAY_MS = 86_400_000L;

    /** How the baseline was predicted. */
    public enum Kind {
        /** Ultra-low frequency series and cold start: one baseline, spread at least the usual non-zero count. */
        CONSTANT,
        /** Stable series: trimmed mean and standard deviation of the whole history. */
        ROBUST,
        /** Seasonal series: trimmed mean and standard deviation per time-of-day slot. */
        SLOTTED,
        /** Mean-shift and hybrid series: statistics of the last regime (after the last change point), penalised. */
        RECENT_REGIME
    }

    private final Kind kind;
    private final double[] baseline;
    private final double[] spread;
    private final double penalty;
    private final double scale;
    private final long slotMs;

    private NoiseModel(Kind kind, double[] baseline, double[] spread, double penalty, double scale) {
        this.kind = kind;
        this.baseline = baseline;
        this.spread = spread;
        this.penalty = penalty;
        this.scale = scale;
        this.slotMs = DAY_MS / baseline.length;
    }

    /**
     * A model from its persisted parts (arrays are copied).
     *
     * @param kind     how it was fitted
     * @param baseline expected count per minute, per slot (length 1 unless SLOTTED; for SLOTTED a divisor of 1440)
     * @param spread   floored spread per slot, &gt; 0, same length
     * @param penalty  &gt;= 1; the residual is divided by spread * penalty
     * @param scale    &gt; 0; the series' typical spread (yardstick of the short-window feature)
     * @throws IllegalArgumentException naming the field, slot and value that is invalid
     */
    public static NoiseModel of(Kind kind, double[] baseline, double[] spread, double penalty, double scale) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(spread, "spread");
        if (baseline.length == 0 || baseline.length != spread.length) {
            throw new IllegalArgumentException("baseline and spread must have the same non-zero length, got "
                    + baseline.length + " and " + spread.length);
        }
        if (kind != Kind.SLOTTED && baseline.length != 1) {
            throw new IllegalArgumentException(kind + " model must have 1 slot, got " + baseline.length);
        }
        if (1440 % baseline.length != 0) {
            throw new IllegalArgumentException("slots must divide 1440 minutes, got " + baseline.length);
        }
        for (int i = 0; i < baseline.length; i++) {
            if (!(baseline[i] >= 0) || Double.isInfinite(baseline[i])) {
                throw new IllegalArgumentException("baseline[" + i + "] must be finite and >= 0, got " + baseline[i]);
            }
            if (!(spread[i] > 0) || Double.isInfinite(spread[i])) {
                throw new IllegalArgumentException("spread[" + i + "] must be finite and > 0, got " + spread[i]);
            }
        }
        if (!(penalty >= 1) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("penalty must be finite and >= 1, got " + penalty);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
        return new NoiseModel(kind, baseline.clone(), spread.clone(), penalty, scale);
    }

    /** The cold-start model of a new series whose level is known (CONSTANT, from the prior of that level). */
    public static NoiseModel coldStart(FrequencyLevel level, ColdStartPrior prior) {
        double b = prior.baseline(level);
        double s = prior.spread(level);
        return of(Kind.CONSTANT, new double[] {b}, new double[] {s}, prior.penalty(), s);
    }

    /** The cold-start model of a new series with no history at all: the prior's default level. */
    public static NoiseModel coldStart(ColdStartPrior prior) {
        return coldStart(prior.level(), prior);
    }

    /** Slot of the minute containing epoch ms {@code ts}: UTC time of day divided into {@link #slots()} equal slots. */
    public int slotOf(long ts) {
        return (int) (Math.floorMod(ts, DAY_MS) / slotMs);
    }

    /** Expected count in the minute containing {@code minuteTs}. No allocation. */
    public double expected(long minuteTs) {
        return baseline[baseline.length == 1 ? 0 : slotOf(minuteTs)];
    }

    /** Spread (floored) in the minute containing {@code minuteTs}. No allocation. */
    public double spread(long minuteTs) {
        return spread[spread.length == 1 ? 0 : slotOf(minuteTs)];
    }

    public double penalty() {
        return penalty;
    }

    public double scale() {
        return scale;
    }

    public Kind kind() {
        return kind;
    }

    public int slots() {
        return baseline.length;
    }

    /** A copy of the baseline per slot (persistence). */
    public double[] baselines() {
        return baseline.clone();
    }

    /** A copy of the spread per slot (persistence). */
    public double[] spreads() {
        return spread.clone();
    }

    /** Mean of the baselines over the slots. */
    public double meanBaseline() {
        double s = 0;
        for (double b : baseline) {
            s += b;
        }
        return s / baseline.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoiseModel m && kind == m.kind && Arrays.equals(baseline, m.baseline)
                && Arrays.equals(spread, m.spread) && Double.compare(penalty, m.penalty) == 0
                && Double.compare(scale, m.scale) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(baseline), Arrays.hashCode(spread), penalty, scale);
    }

    @Override
    public String toString() {
        if (baseline.length == 1) {
            return String.format(Locale.ROOT, "NoiseModel[%s baseline=%.4g spread=%.4g penalty=%.3g scale=%.4g]",
                    kind, baseline[0], spread[0], penalty, scale);
        }
        return String.format(Locale.ROOT, "NoiseModel[%s slots=%d meanBaseline=%.4g penalty=%.3g scale=%.4g]",
                kind, baseline.length, meanBaseline(), penalty, scale);
    }
}
