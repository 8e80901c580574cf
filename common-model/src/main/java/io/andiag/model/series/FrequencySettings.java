package io.andiag.model.series;

import io.andiag.model.config.Param;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Level-1 clustering thresholds: upper bounds (exclusive) of the share of observed minutes with retx &gt; 0 for the
 * ultra-low, low and medium levels; anything at or above {@code mediumMax} is HIGH.
 */
public record FrequencySettings(double ultraLowMax, double lowMax, double mediumMax) implements Serializable {

    public static final Param<Double> ULTRA_LOW_MAX = Param.openClosed("detection.frequency.ultra_low_max", 0.01, 0, 1,
            "share of observed minutes with retx > 0 below which a series is ULTRA_LOW");
    public static final Param<Double> LOW_MAX = Param.openClosed("detection.frequency.low_max", 0.10, 0, 1,
            "share below which a series is LOW (and at or above ultra_low_max)");
    public static final Param<Double> MEDIUM_MAX = Param.openClosed("detection.frequency.medium_max", 0.50, 0, 1,
            "share below which a series is MEDIUM; at or above it the series is HIGH");

    public static final List<Param<?>> PARAMS = List.of(ULTRA_LOW_MAX, LOW_MAX, MEDIUM_MAX);

    private static final FrequencySettings DEFAULTS = from(Map.of());

    public FrequencySettings {
        ULTRA_LOW_MAX.check(ultraLowMax);
        LOW_MAX.check(lowMax);
        MEDIUM_MAX.check(mediumMax);
        if (!(ultraLowMax < lowMax && lowMax < mediumMax)) {
            throw new IllegalArgumentException("frequency thresholds must increase: " + ULTRA_LOW_MAX.name() + "="
                    + ultraLowMax + " < " + LOW_MAX.name() + "=" + lowMax + " < " + MEDIUM_MAX.name() + "=" + mediumMax);
        }
    }

    public static FrequencySettings defaults() {
        return DEFAULTS;
    }

    /** Reads the params from {@code props}; absent keys take their defaults, other keys are ignored. */
    public static FrequencySettings from(Map<String, ?> props) {
        return new FrequencySettings(ULTRA_LOW_MAX.read(props), LOW_MAX.read(props), MEDIUM_MAX.read(props));
    }

    /**
     * The level of a series whose observed minutes had retx &gt; 0 in {@code share} of cases.
     *
     * @throws IllegalArgumentException when share is not in [0, 1]
     */
    public FrequencyLevel levelOf(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("active share must be in [0, 1], got " + share);
        }
        if (share < ultraLowMax) {
            return FrequencyLevel.ULTRA_LOW;
        }
        if (share < lowMax) {
            return FrequencyLevel.LOW;
        }
        return share < mediumMax ? FrequencyLevel.MEDIUM : FrequencyLevel.HIGH;
    }
}
