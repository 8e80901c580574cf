package io.andiag.speed.stream;

import java.util.Locale;

/** How a region-minute was closed for diagnosis (label {@code how} of {@code and_region_minutes_closed_total}). */
public enum RegionMinuteClose {
    /** Every input partition reported it. */
    COMPLETE,
    /** It waited longer than the close-after time (wall clock) for a partition: that partition is idle or stuck. */
    WALL_CLOCK,
    /** A later minute of its region completed, or the newest minute seen is the close-behind span past it. */
    EVENT_TIME;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
