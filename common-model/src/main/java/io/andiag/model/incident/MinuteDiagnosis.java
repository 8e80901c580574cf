package io.andiag.model.incident;

import io.andiag.model.routing.DrillDownResult;
import io.andiag.model.routing.RoutingDecision;
import io.andiag.model.severity.SeverityLevel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The diagnosis of one region-minute: the input of the {@link IncidentTracker} online, and a training row of the
 * router offline (features + route + scope).
 *
 * @param region       region
 * @param minute       the minute, epoch ms
 * @param emission     whether it alerts, and its severity
 * @param abnormalIps  abnormal source IPs
 * @param monitoredIps monitored IPs of the region in that minute
 * @param features     the routing features, {@code RoutingFeatureSchema} order (owned by this record: do not modify)
 * @param decision     the router's decision (best-guess team, confidence, path, basis)
 * @param route        the route on the alert: the decision against the confidence bar
 * @param scope        the drill-down result
 * @param apps         impact: affected applications, most abnormal IPs first
 * @param evidence     top features and sample 5-tuples
 * @param paramVersion parameter set that detected the abnormal series
 * @param ips          the abnormal source IPs, as a sketch: which containers the minute hurts (see {@link IpSketch})
 */
public record MinuteDiagnosis(String region, long minute, Emission emission, int abnormalIps, int monitoredIps,
                              double[] features, RoutingDecision decision, Route route, DrillDownResult scope,
                              List<AppImpact> apps, Evidence evidence, String paramVersion, IpSketch ips) {

    public MinuteDiagnosis {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(emission, "emission");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(paramVersion, "paramVersion");
        Objects.requireNonNull(ips, "ips");
        apps = List.copyOf(apps);
    }

    public Optional<SeverityLevel> severity() {
        return emission.severity();
    }

    public boolean emits() {
        return emission.emit();
    }
}
