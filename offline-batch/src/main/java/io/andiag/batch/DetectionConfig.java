package io.andiag.batch;

import io.andiag.model.config.DetectionParams;
import io.andiag.model.config.Param;
import io.andiag.model.features.FeatureSettings;
import io.andiag.model.forest.CalibrationSettings;
import io.andiag.model.forest.ForestSettings;
import io.andiag.model.noise.ColdStartSettings;
import io.andiag.model.noise.NoiseSettings;
import io.andiag.model.profile.PatternSettings;
import io.andiag.model.profile.QualitySettings;
import io.andiag.model.profile.ShapeSettings;
import io.andiag.model.series.FrequencySettings;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The detection tunables of a run ({@code --conf detection.x.y=value}, repeatable), checked against common-model's
 * {@link Param} declarations: an unknown key or a bad value is refused before any Spark work starts. Every step builds
 * its settings from the same map, and publish records the effective value of every parameter in the manifest, so the
 * speed layer can see what the set was trained with.
 */
public final class DetectionConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Every detection parameter, in a stable order. */
    public static final List<Param<?>> PARAMS = DetectionParams.all();


    private final TreeMap<String, String> props;

    private DetectionConfig(Map<String, String> props) {
        this.props = new TreeMap<>(props);
    }

    public static DetectionConfig defaults() {
        return new DetectionConfig(Map.of());
    }

    /**
     * @throws IllegalArgumentException naming the key when it is not a detection parameter or its value is invalid
     */
    public static DetectionConfig of(Map<String, String> props) {
        DetectionConfig c = new DetectionConfig(props == null ? Map.of() : props);
        for (String key : c.props.keySet()) {
            if (PARAMS.stream().noneMatch(p -> p.name().equals(key))) {
                throw new IllegalArgumentException("unknown detection setting '" + key + "' (--conf); known: "
                        + PARAMS.stream().map(Param::name).toList());
            }
        }
        for (Param<?> p : PARAMS) {
            p.read(c.props);
        }
        return c;
    }

    public Map<String, String> overrides() {
        return Collections.unmodifiableMap(props);
    }

    /** Every parameter with the value this run uses (override or default), for the manifest. */
    public Map<String, String> effective() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Param<?> p : PARAMS) {
            out.put(p.name(), String.valueOf(p.read(props)));
        }
        return out;
    }

    public FrequencySettings frequency() {
        return FrequencySettings.from(props);
    }

    public ShapeSettings shape() {
        return ShapeSettings.from(props);
    }

    public PatternSettings pattern() {
        return PatternSettings.from(props);
    }

    public QualitySettings quality() {
        return QualitySettings.from(props);
    }

    public NoiseSettings noise() {
        return NoiseSettings.from(props);
    }

    public ColdStartSettings coldStart() {
        return ColdStartSettings.from(props);
    }

    public FeatureSettings features() {
        return FeatureSettings.from(props);
    }

    public ForestSettings forest() {
        return ForestSettings.from(props);
    }

    public CalibrationSettings calibration() {
        return CalibrationSettings.from(props);
    }
}
