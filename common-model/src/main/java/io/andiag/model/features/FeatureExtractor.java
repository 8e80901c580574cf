package io.andiag.model.features;

import io.andiag.model.noise.NoiseModel;
import io.andiag.model.series.FrequencyLevel;

import java.io.Serializable;
import java.util.Objects;

/**
 * Turns one series-minute into the detector's feature vector ({@link FeatureSchema}). The ONE implementation used by
 * the speed layer (online) and by the batch (feature replay of history, in minute order per series).
 *
 * <p>With x = count, e = {@code noise.expected(ts)}, s = {@code noise.spread(ts)}, p = {@code noise.penalty()},
 * q = quality and w = mean of the observed minutes in the short window (this minute included):
 * <pre>
 * residual      = q * max(0, x - e) / (s * p)
 * level         = level.ordinal()
 * window_excess = q * max(0, w - e) / (noise.scale() * p)
 * log_count     = ln(1 + x)
 * </pre>
 * One-sided: fewer retransmissions than expected is never an incident, so decreases are clipped to 0 and cannot
 * make a vector look abnormal through the residual features.
 *
 * <p>Hot path: no allocation; writes into a caller-provided array. Thread-safe (stateless apart from settings);
 * the per-series state is the caller's {@link RecentWindow}.
 */
public final class FeatureExtractor implements Serializable {

    private static final long serialVersionUID = 1L;

    private final FeatureSettings settings;

    public FeatureExtractor(FeatureSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public FeatureSettings settings() {
        return settings;
    }

    /** A fresh per-series window of the configured size. */
    public RecentWindow newWindow() {
        return new RecentWindow(settings.windowMinutes());
    }

    /** {@link #extract(int, long, NoiseModel, FrequencyLevel, double, RecentWindow, double[])} with a profile. */
    public boolean extract(int count, long minuteTs, ScoringProfile profile, RecentWindow window, double[] out) {
        return extract(count, minuteTs, profile.noise(), profile.level(), profile.quality(), window, out);
    }

    /**
     * Advances {@code window} by this minute, then writes the {@link FeatureSchema#SIZE} features into
     * {@code out[0..SIZE)}. A window of another capacity (state from an older configuration) is resized first.
     *
     * @param count    retransmissions of the series in this minute, &gt;= 0 (call only for observed minutes)
     * @param minuteTs epoch ms of the minute (any ms inside it)
     * @return false when the minute is older than the window's newest minute (a late minute): the window is left
     *         unchanged and window_excess is computed from this minute alone
     */
    public boolean extract(int count, long minuteTs, NoiseModel noise, FrequencyLevel level, double quality,
                           RecentWindow window, double[] out) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("quality must be in (0, 1], got " + quality);
        }
        if (out.length < FeatureSchema.SIZE) {
            throw new IllegalArgumentException("feature vector needs " + FeatureSchema.SIZE + " slots, got " + out.length);
        }
        if (window.capacity() != settings.windowMinutes()) {
            window.resize(settings.windowMinutes());
        }
        boolean inOrder = window.push(minuteTs, count);
        double expected = noise.expected(minuteTs);
        double k = quality / noise.penalty();
        double windowMean = inOrder ? window.mean() : count;
        out[FeatureSchema.RESIDUAL] = k * Math.max(0.0, count - expected) / noise.spread(minuteTs);
        out[FeatureSchema.LEVEL] = level.ordinal();
        out[FeatureSchema.WINDOW_EXCESS] = k * Math.max(0.0, windowMean - expected) / noise.scale();
        out[FeatureSchema.LOG_COUNT] = Math.log1p(count);
        return inOrder;
    }
}
