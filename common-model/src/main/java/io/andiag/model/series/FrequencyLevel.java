package io.andiag.model.series;

/**
 * Level 1 of the series profile: how often a series retransmits at all, as the share of its observed (heartbeat)
 * minutes with retx &gt; 0. Thresholds are in {@link FrequencySettings}; the defaults are 1 %, 10 % and 50 %.
 * The ordinal (0..3) is the {@code level} feature, so the order of the constants is part of the feature schema.
 */
public enum FrequencyLevel {
    /** Fewer than 1 % of observed minutes have retx: almost always quiet. */
    ULTRA_LOW,
    /** 1 % to 10 %. */
    LOW,
    /** 10 % to 50 %. */
    MEDIUM,
    /** 50 % or more: retransmits most minutes. */
    HIGH;

    private static final FrequencyLevel[] VALUES = values();

    /** The level of {@code share} under the default thresholds. */
    public static FrequencyLevel of(double share) {
        return FrequencySettings.defaults().levelOf(share);
    }

    public static FrequencyLevel of(double share, FrequencySettings settings) {
        return settings.levelOf(share);
    }

    public static FrequencyLevel ofOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= VALUES.length) {
            throw new IllegalArgumentException("frequency level ordinal must be 0.." + (VALUES.length - 1) + ", got " + ordinal);
        }
        return VALUES[ordinal];
    }
}
