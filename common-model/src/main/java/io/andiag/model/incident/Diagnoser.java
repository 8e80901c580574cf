package io.andiag.model.incident;

import io.andiag.model.routing.AbnormalSource;
import io.andiag.model.routing.DrillDown;
import io.andiag.model.routing.DrillDownResult;
import io.andiag.model.routing.RegionMinute;
import io.andiag.model.routing.Router;
import io.andiag.model.routing.RoutingDecision;
import io.andiag.model.routing.RoutingFeatureExtractor;

import java.util.List;
import java.util.Objects;

/**
 * Diagnosis of one region-minute, the single entry point both layers call: routing features, drill-down scope,
 * route, emission rule, impact and evidence. The speed layer feeds the result to the {@link IncidentTracker}; the
 * batch replay keeps the features, route and scope of every region-minute (emitted or not) as training rows.
 * Thread-safe when its router is (both routers are).
 */
public final class Diagnoser {

    private final DiagnosisSettings settings;
    private final Router router;
    private final DrillDown drillDown;
    private final EmissionRule emissionRule;

    public Diagnoser(DiagnosisSettings settings, Router router) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.router = Objects.requireNonNull(router, "router");
        this.drillDown = new DrillDown(settings.drillDown());
        this.emissionRule = new EmissionRule(settings.emission());
    }

    public Router router() {
        return router;
    }

    public MinuteDiagnosis diagnose(RegionMinute c) {
        double[] features = RoutingFeatureExtractor.extract(c);
        RoutingDecision decision = router.route(features);
        DrillDownResult scope = drillDown.scope(c);
        Emission emission = emissionRule.evaluate(c);
        List<AppImpact> apps = ImpactAssessor.apps(c);
        Evidence evidence = EvidenceBuilder.build(c, features, decision, scope.scope(), settings.evidenceFeatures(),
                settings.evidenceSamples());
        return new MinuteDiagnosis(c.region(), c.minute(), emission, c.abnormalIps(), c.monitoredIps(), features,
                decision, decision.toRoute(settings.confidenceBar()), scope, apps, evidence, c.paramVersion(),
                IpSketch.of(c.sources().stream().map(AbnormalSource::ip).toList()));
    }
}
