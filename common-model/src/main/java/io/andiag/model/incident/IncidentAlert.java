package io.andiag.model.incident;

import io.andiag.model.severity.SeverityLevel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One incident change on {@code and.alerts}.
 *
 * @param incidentId   stable across OPEN, UPDATEs and RESOLVED
 * @param status       what changed
 * @param region       the region
 * @param firstMinute  first abnormal minute, epoch ms
 * @param minute       the minute this change describes, epoch ms
 * @param severity     L0..L9, or empty for an incident below L0 that is concentrated on one dimension value
 * @param abnormalIps  abnormal IPs in {@code minute}
 * @param monitoredIps monitored IPs of the region in {@code minute}
 * @param route        team, confidence, review flag
 * @param scope        the dimension values the anomaly converges to (empty: region-wide)
 * @param apps         affected applications, most abnormal IPs first
 * @param services     number of distinct affected applications
 * @param evidence     top features and sample 5-tuples
 * @param paramVersion parameter set that scored and routed it
 */
public record IncidentAlert(String incidentId, AlertStatus status, String region, long firstMinute, long minute,
                            Optional<SeverityLevel> severity, int abnormalIps, int monitoredIps, Route route,
                            List<ScopeTerm> scope, List<AppImpact> apps, int services, Evidence evidence,
                            String paramVersion) {

    public static final int VERSION = 1;

    public IncidentAlert {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(paramVersion, "paramVersion");
        scope = List.copyOf(scope);
        apps = List.copyOf(apps);
    }

    public String scopeText() {
        return ScopeTerm.describe(scope);
    }
}
