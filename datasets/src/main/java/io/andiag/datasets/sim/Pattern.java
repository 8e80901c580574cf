package io.andiag.datasets.sim;

/** Level-2 shape of a series (paper §6): what its rate does over time. */
public enum Pattern {
    /** Constant rate. */
    STABLE,
    /** Daily cycle (cosine around a region-wide peak hour, with a per-series phase jitter). */
    SEASONAL,
    /** Regime changes at random times (piecewise constant rate). */
    MEAN_SHIFT,
    /** Daily cycle times regime changes. */
    HYBRID;

    boolean seasonal() {
        return this == SEASONAL || this == HYBRID;
    }

    boolean shifting() {
        return this == MEAN_SHIFT || this == HYBRID;
    }
}
