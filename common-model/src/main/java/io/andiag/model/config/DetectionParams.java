package io.andiag.model.config;

import io.andiag.model.features.FeatureSettings;
import io.andiag.model.forest.CalibrationSettings;
import io.andiag.model.forest.ForestSettings;
import io.andiag.model.noise.ColdStartSettings;
import io.andiag.model.noise.NoiseSettings;
import io.andiag.model.profile.PatternSettings;
import io.andiag.model.profile.QualitySettings;
import io.andiag.model.profile.ShapeSettings;
import io.andiag.model.series.FrequencySettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The registry of every detection parameter, in a stable order: the batch reads and records them from it
 * (DetectionConfig) and the documentation check compares docs/detection.md with it, so a new settings class is
 * added here once.
 */
public final class DetectionParams {

    private DetectionParams() {
    }

    private static final List<Param<?>> ALL = build();

    /** Every detection parameter (unmodifiable). */
    public static List<Param<?>> all() {
        return ALL;
    }

    private static List<Param<?>> build() {
        List<Param<?>> all = new ArrayList<>();
        all.addAll(FrequencySettings.PARAMS);
        all.addAll(ShapeSettings.PARAMS);
        all.addAll(PatternSettings.PARAMS);
        all.addAll(QualitySettings.PARAMS);
        all.addAll(NoiseSettings.PARAMS);
        all.addAll(ColdStartSettings.PARAMS);
        all.addAll(FeatureSettings.PARAMS);
        all.addAll(ForestSettings.PARAMS);
        all.addAll(CalibrationSettings.PARAMS);
        return Collections.unmodifiableList(all);
    }

    /** The markdown table row of a param, as docs/detection.md carries it. */
    public static String tableRow(Param<?> p) {
        return "| `" + p.name() + "` | " + p.defaultValue() + " | " + p.rule() + " | " + p.doc() + " |";
    }
}
