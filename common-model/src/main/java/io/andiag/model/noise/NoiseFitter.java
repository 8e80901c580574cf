package io.andiag.model.noise;

import io.andiag.model.noise.NoiseModel.Kind;
import io.andiag.model.profile.ChangePoints;
import io.andiag.model.profile.HourlyShape;
import io.andiag.model.profile.Pattern;
import io.andiag.model.profile.ShapeAnalyzer;
import io.andiag.model.profile.ShapeSettings;
import io.andiag.model.series.FrequencyLevel;
import io.andiag.model.series.HourlyAggregate;
import io.andiag.model.series.SparseMinuteSeries;

import java.io.Serializable;
import java.util.Objects;

/**
 * Fits a {@link NoiseModel} to a series' history, by its profile:
 * <ul>
 *   <li>ULTRA_LOW (any pattern) → CONSTANT: baseline = trimmed mean; spread = floor(max(trimmed std, median of the
 *       non-zero counts)), so a blip of the size this series usually has is one spread.</li>
 *   <li>STABLE → ROBUST: baseline = trimmed mean, spread = floor(trimmed std) over the whole history.</li>
 *   <li>SEASONAL → SLOTTED: the same per UTC time-of-day slot; a slot with fewer than
 *       {@code detection.noise.min_slot_minutes} observed minutes takes the whole-history values.</li>
 *   <li>MEAN_SHIFT / HYBRID → RECENT_REGIME: the same over the minutes from the start of the last regime (see
 *       {@link #regimeStart}), with penalty {@code regime_penalty} / {@code hybrid_penalty}.</li>
 * </ul>
 * floor(x) = max(x, spread_floor_abs, spread_floor_rel * baseline). Penalty is 1 except for RECENT_REGIME.
 * Scale is the observation-weighted root-mean-square of the slot spreads (the one spread for single-slot kinds).
 * Statistics use observed minutes only; a gap is never a zero.
 */
public final class NoiseFitter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final NoiseSettings settings;
    private final ShapeAnalyzer shapes;

    public NoiseFitter(NoiseSettings settings, ShapeSettings shapeSettings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.shapes = new ShapeAnalyzer(Objects.requireNonNull(shapeSettings, "shapeSettings"));
    }

    public NoiseSettings settings() {
        return settings;
    }

    /** The kind of model a series of this profile gets. */
    public static Kind kindFor(FrequencyLevel level, Pattern pattern) {
        if (level == FrequencyLevel.ULTRA_LOW) {
            return Kind.CONSTANT;
        }
        return switch (pattern) {
            case STABLE -> Kind.ROBUST;
            case SEASONAL -> Kind.SLOTTED;
            case MEAN_SHIFT, HYBRID -> Kind.RECENT_REGIME;
        };
    }

    /**
     * @throws IllegalArgumentException when the series has no observed minute (use {@link NoiseModel#coldStart})
     */
    public NoiseModel fit(SparseMinuteSeries series, FrequencyLevel level, Pattern pattern) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(pattern, "pattern");
        if (series.observedCount() == 0) {
            throw new IllegalArgumentException("cannot fit a noise model to a series with no observed minute; use the cold-start model");
        }
        Kind kind = kindFor(level, pattern);
        return switch (kind) {
            case CONSTANT -> {
                TrimmedStats all = stats(series, 0, 1)[0];
                double spread = settings.floorSpread(Math.max(all.std(), all.medianNonZero()), all.mean());
                yield single(kind, all.mean(), spread, 1.0);
            }
            case ROBUST -> {
                TrimmedStats all = stats(series, 0, 1)[0];
                yield single(kind, all.mean(), settings.floorSpread(all.std(), all.mean()), 1.0);
            }
            case RECENT_REGIME -> {
                TrimmedStats regime = stats(series, regimeStart(series), 1)[0];
                double penalty = pattern == Pattern.HYBRID ? settings.hybridPenalty() : settings.regimePenalty();
                yield single(kind, regime.mean(), settings.floorSpread(regime.std(), regime.mean()), penalty);
            }
            case SLOTTED -> slotted(series);
        };
    }

    /**
     * Minute index where the last regime of the series starts: binary segmentation of the deseasonalised hourly means
     * towards the end (a split is a change point when it explains at least {@code change_min_share} of its segment's
     * variance with t at least {@code change_min_t}, each side at least {@code detection.shape.min_segment_hours}
     * valid hours). 0 when there is no change point.
     */
    public int regimeStart(SparseMinuteSeries series) {
        HourlyAggregate agg = series.hourly();
        HourlyShape shape = shapes.decompose(agg);
        int idx = ChangePoints.lastRegimeStart(shape.deseasonalized(), shapes.settings().minSegmentHours(),
                settings.changeMinShare(), settings.changeMinT());
        if (idx == 0) {
            return 0;
        }
        long hourZeroMinute = Math.floorDiv(agg.firstEpochHour() * HourlyAggregate.HOUR_MS - series.startMs(),
                SparseMinuteSeries.MINUTE_MS);
        return (int) Math.max(0, hourZeroMinute + 60L * shape.validHour()[idx]);
    }

    private NoiseModel slotted(SparseMinuteSeries series) {
        int slots = settings.slotsPerDay();
        TrimmedStats all = stats(series, 0, 1)[0];
        TrimmedStats[] bySlot = stats(series, 0, slots);
        double[] baseline = new double[slots];
        double[] spread = new double[slots];
        double weighted = 0;
        long weight = 0;
        for (int s = 0; s < slots; s++) {
            TrimmedStats st = bySlot[s].observed() >= settings.minSlotMinutes() ? bySlot[s] : all;
            baseline[s] = st.mean();
            spread[s] = settings.floorSpread(st.std(), st.mean());
            weighted += bySlot[s].observed() * spread[s] * spread[s];
            weight += bySlot[s].observed();
        }
        return NoiseModel.of(Kind.SLOTTED, baseline, spread, 1.0, Math.sqrt(weighted / weight));
    }

    private static NoiseModel single(Kind kind, double baseline, double spread, double penalty) {
        return NoiseModel.of(kind, new double[] {baseline}, new double[] {spread}, penalty, spread);
    }

    /** Trimmed statistics of the observed minutes in [from, end) per time-of-day slot ({@code slots} = 1: all). */
    private TrimmedStats[] stats(SparseMinuteSeries series, int from, int slots) {
        int minutesPerSlot = NoiseSettings.MINUTES_PER_DAY / slots;
        int startMinuteOfDay = (int) Math.floorMod(Math.floorDiv(series.startMs(), SparseMinuteSeries.MINUTE_MS),
                (long) NoiseSettings.MINUTES_PER_DAY);
        int[] observed = new int[slots];
        for (int m = series.nextObserved(from); m >= 0; m = series.nextObserved(m + 1)) {
            observed[slotOf(startMinuteOfDay, m, minutesPerSlot)]++;
        }
        int first = series.nonZeroIndexFrom(from);
        int[] nonZeroBySlot = new int[slots];
        for (int i = first; i < series.nonZeroCount(); i++) {
            nonZeroBySlot[slotOf(startMinuteOfDay, series.nonZeroMinute(i), minutesPerSlot)]++;
        }
        int[][] values = new int[slots][];
        for (int s = 0; s < slots; s++) {
            values[s] = new int[nonZeroBySlot[s]];
            nonZeroBySlot[s] = 0;
        }
        for (int i = first; i < series.nonZeroCount(); i++) {
            int s = slotOf(startMinuteOfDay, series.nonZeroMinute(i), minutesPerSlot);
            values[s][nonZeroBySlot[s]++] = series.nonZeroValue(i);
        }
        TrimmedStats[] out = new TrimmedStats[slots];
        for (int s = 0; s < slots; s++) {
            out[s] = TrimmedStats.of(observed[s], values[s], values[s].length, settings.trimShare());
        }
        return out;
    }

    private static int slotOf(int startMinuteOfDay, int minute, int minutesPerSlot) {
        return ((startMinuteOfDay + minute) % NoiseSettings.MINUTES_PER_DAY) / minutesPerSlot;
    }
}
