package io.andiag.model.features;

import io.andiag.model.config.Param;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Tunables of {@link FeatureExtractor}. */
public record FeatureSettings(int windowMinutes) implements Serializable {

    public static final Param<Integer> WINDOW_MINUTES = Param.intIn("detection.features.window_minutes", 5, 1,
            RecentWindow.MAX_CAPACITY, "clock minutes (current included) of the short window behind window_excess");

    public static final List<Param<?>> PARAMS = List.of(WINDOW_MINUTES);

    private static final FeatureSettings DEFAULTS = from(Map.of());

    public FeatureSettings {
        WINDOW_MINUTES.check(windowMinutes);
    }

    public static FeatureSettings defaults() {
        return DEFAULTS;
    }

    public static FeatureSettings from(Map<String, ?> props) {
        return new FeatureSettings(WINDOW_MINUTES.read(props));
    }
}
