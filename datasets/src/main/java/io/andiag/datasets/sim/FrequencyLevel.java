package io.andiag.datasets.sim;

/**
 * Level-1 class of a series: the share of heartbeat minutes with retx &gt; 0 (ARCHITECTURE.md, detection step 2).
 * The simulator draws a target share inside {@code [targetMin, targetMax]}, well inside the level's band, so the
 * realised share lands in the band despite the pattern's modulation.
 */
public enum FrequencyLevel {
    ULTRA_LOW(0.0, 0.01, 0.0008, 0.006),
    LOW(0.01, 0.10, 0.018, 0.06),
    MEDIUM(0.10, 0.50, 0.15, 0.35),
    HIGH(0.50, 1.0, 0.62, 0.92);

    private final double bandLow;
    private final double bandHigh;
    private final double targetMin;
    private final double targetMax;

    FrequencyLevel(double bandLow, double bandHigh, double targetMin, double targetMax) {
        this.bandLow = bandLow;
        this.bandHigh = bandHigh;
        this.targetMin = targetMin;
        this.targetMax = targetMax;
    }

    /** Inclusive lower bound of the share of minutes with retx. */
    public double bandLow() {
        return bandLow;
    }

    /** Exclusive upper bound (HIGH includes 1.0). */
    public double bandHigh() {
        return bandHigh;
    }

    double targetMin() {
        return targetMin;
    }

    double targetMax() {
        return targetMax;
    }

    /** The level of a realised share of minutes with retx. */
    public static FrequencyLevel ofShare(double share) {
        if (share < 0.01) {
            return ULTRA_LOW;
        }
        if (share < 0.10) {
            return LOW;
        }
        return share < 0.50 ? MEDIUM : HIGH;
    }
}
