package io.andiag.model.profile;

import io.andiag.model.config.Param;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** How hourly means and event counts are formed and how short a regime may be, for shape features and change points. */
public record ShapeSettings(int minMinutesPerHour, int minSegmentHours, double sparseShareMax) implements Serializable {

    public static final Param<Integer> MIN_MINUTES_PER_HOUR = Param.intIn("detection.shape.min_minutes_per_hour", 30, 1, 60,
            "observed minutes an hour needs for its mean to count; sparser hours are gaps");
    public static final Param<Integer> MIN_SEGMENT_HOURS = Param.intIn("detection.shape.min_segment_hours", 6, 1, 24 * 365,
            "fewest valid hours on each side of a level change (mean-shift score and change points)");

    public static final Param<Double> SPARSE_SHARE_MAX = Param.openClosed("detection.shape.sparse_share_max", 0.10, 0, 1,
            "share of observed minutes with retx below which seasonality and mean_shift count retx minutes as events"
                    + " (at or above it: retransmissions)");

    public static final List<Param<?>> PARAMS = List.of(MIN_MINUTES_PER_HOUR, MIN_SEGMENT_HOURS, SPARSE_SHARE_MAX);

    private static final ShapeSettings DEFAULTS = from(Map.of());

    public ShapeSettings {
        MIN_MINUTES_PER_HOUR.check(minMinutesPerHour);
        MIN_SEGMENT_HOURS.check(minSegmentHours);
        SPARSE_SHARE_MAX.check(sparseShareMax);
    }

    public static ShapeSettings defaults() {
        return DEFAULTS;
    }

    public static ShapeSettings from(Map<String, ?> props) {
        return new ShapeSettings(MIN_MINUTES_PER_HOUR.read(props), MIN_SEGMENT_HOURS.read(props), SPARSE_SHARE_MAX.read(props));
    }
}
