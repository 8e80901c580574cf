package io.andiag.speed.stream;

import java.util.Locale;

/** How a region-minute was closed for diagnosis (label {@code how} of {@code and_region_minutes_closed_total}). */
public enum RegionMinuteClose {
    /** Every input partition reported it. */
    COMPLETE,
    /** Every input partition reported it or a later minute: those that did not report it had nothing for it. */
    PASSED,
    /** The input partitions still owing it sent nothing for the close-after time (wall clock): idle or stuck. */
    WALL_CLOCK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
