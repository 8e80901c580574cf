package io.andiag.model.profile;

/**
 * Level 2 of the series profile: the shape of a series' hourly means, which chooses its noise model.
 * Named from shape features by {@link PatternNamer}.
 */
public enum Pattern {
    /** No daily cycle, no level change: robust statistics of the whole history. */
    STABLE,
    /** A daily cycle: statistics per time-of-day slot. */
    SEASONAL,
    /** The level changed (step or sustained trend): statistics of the most recent regime, with a penalty. */
    MEAN_SHIFT,
    /** A daily cycle and a level change. */
    HYBRID;

    /** True for the patterns whose level is not stationary over the history (modelled by the recent regime). */
    public boolean isShifting() {
        return this == MEAN_SHIFT || this == HYBRID;
    }
}
