package io.andiag.model.incident;

import io.andiag.model.routing.DoubleSetting;
import io.andiag.model.routing.DrillDownSettings;
import io.andiag.model.routing.IntSetting;

import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link Diagnoser} can be tuned with.
 *
 * @param drillDown       scope thresholds
 * @param emission        below-L0 emission thresholds
 * @param confidenceBar   a route below this confidence carries no team and needs review
 * @param evidenceFeatures top features on an alert
 * @param evidenceSamples  sample 5-tuples on an alert
 */
public record DiagnosisSettings(DrillDownSettings drillDown, EmissionSettings emission, double confidenceBar,
                                int evidenceFeatures, int evidenceSamples) {

    public static final DoubleSetting CONFIDENCE_BAR = new DoubleSetting("routing.confidence_bar", 0.6, 0.0, 1.0,
            "a route below this confidence carries no team and needs review");
    public static final IntSetting EVIDENCE_FEATURES = new IntSetting("incident.evidence.features", 3, 0, 64,
            "top routing features on an alert");
    public static final IntSetting EVIDENCE_SAMPLES = new IntSetting("incident.evidence.samples", 5, 0, 100,
            "sample 5-tuples on an alert");

    public static final DiagnosisSettings DEFAULTS = from(Map.of());

    public DiagnosisSettings {
        Objects.requireNonNull(drillDown, "drillDown");
        Objects.requireNonNull(emission, "emission");
        CONFIDENCE_BAR.check(confidenceBar);
        EVIDENCE_FEATURES.check(evidenceFeatures);
        EVIDENCE_SAMPLES.check(evidenceSamples);
    }

    public static DiagnosisSettings from(Map<String, String> props) {
        return new DiagnosisSettings(DrillDownSettings.from(props), EmissionSettings.from(props),
                CONFIDENCE_BAR.read(props), EVIDENCE_FEATURES.read(props), EVIDENCE_SAMPLES.read(props));
    }
}
