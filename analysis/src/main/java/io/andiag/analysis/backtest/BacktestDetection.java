package io.andiag.analysis.backtest;

import io.andiag.model.features.FeatureSettings;
import io.andiag.model.features.RecentWindow;
import io.andiag.model.forest.CalibrationSettings;
import io.andiag.model.forest.ForestSettings;
import io.andiag.model.noise.ColdStartSettings;
import io.andiag.model.noise.NoiseSettings;
import io.andiag.model.profile.PatternSettings;
import io.andiag.model.profile.QualitySettings;
import io.andiag.model.profile.ShapeSettings;
import io.andiag.model.series.FrequencySettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The detection settings a backtest runs with: the defaults of docs/detection.md, except the three that count
 * minutes, which are rescaled to the series' step so that they mean the same share of the expected points:
 * <ul>
 *   <li>{@code detection.shape.min_minutes_per_hour} (30 of 60): ceil(30 / step minutes), at least 1, so an hour's
 *       mean counts when half of its expected points are present (hourly data: the one point);</li>
 *   <li>{@code detection.noise.min_slot_minutes} (30): ceil(30 / step minutes), at least 1;</li>
 *   <li>{@code detection.features.window_minutes} (5): 5 x step minutes, at most 32 (the window's capacity), so the
 *       short window holds the last 5 points up to a 6-minute step and fewer above (one point from 32 minutes).</li>
 * </ul>
 * Coverage (series quality) is measured against the expected points, not the minutes (see {@link SeriesGrid}).
 */
public record BacktestDetection(Map<String, Object> derived, FrequencySettings frequency, ShapeSettings shape,
                                PatternSettings pattern, QualitySettings quality, NoiseSettings noise,
                                ColdStartSettings coldStart, FeatureSettings features, ForestSettings forest,
                                CalibrationSettings calibration) {

    public static BacktestDetection forStep(long stepMinutes) {
        if (stepMinutes < 1) {
            throw new IllegalArgumentException("step must be >= 1 minute, got " + stepMinutes);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ShapeSettings.MIN_MINUTES_PER_HOUR.name(),
                (int) Math.min(60, perStep(ShapeSettings.MIN_MINUTES_PER_HOUR.defaultValue(), stepMinutes)));
        p.put(FeatureSettings.WINDOW_MINUTES.name(),
                (int) Math.min(RecentWindow.MAX_CAPACITY, FeatureSettings.WINDOW_MINUTES.defaultValue() * stepMinutes));
        return new BacktestDetection(Map.copyOf(p), FrequencySettings.from(p), ShapeSettings.from(p), PatternSettings.from(p),
                QualitySettings.from(p), NoiseSettings.from(p), ColdStartSettings.from(p), FeatureSettings.from(p),
                ForestSettings.from(p), CalibrationSettings.from(p));
    }

    /** ceil(minutes / step), at least 1: a count of minutes as a count of expected points. */
    private static long perStep(int minutes, long stepMinutes) {
        return Math.max(1, (minutes + stepMinutes - 1) / stepMinutes);
    }
}
