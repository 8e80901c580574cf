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
import java.util.List;

/** Every detection param, for documentation checks (test code: main code has no registry to keep in sync). */
public final class DetectionParams {

    private DetectionParams() {
    }

    public static List<Param<?>> all() {
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
        return all;
    }

    /** The markdown table row of a param, as docs/detection.md carries it. */
    public static String tableRow(Param<?> p) {
        return "| `" + p.name() + "` | " + p.defaultValue() + " | " + p.rule() + " | " + p.doc() + " |";
    }
}
