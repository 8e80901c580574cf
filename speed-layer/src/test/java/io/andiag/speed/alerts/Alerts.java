package io.andiag.speed.alerts;

import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.AppImpact;
import io.andiag.model.incident.Evidence;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.Route;
import io.andiag.model.incident.ScopeTerm;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-built alerts of one ToR incident for the alert printer and Alertmanager tests. */
final class Alerts {

    static final long M0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    static final long MIN = 60_000L;
    static final String ID = "region-a-20261120-1000-1";

    private Alerts() {
    }

    static IncidentAlert open() {
        return alert(AlertStatus.OPEN, M0, SeverityLevel.L2, 8, new Route(Optional.of(Team.PHYSICAL_NETWORK), 0.93, false,
                List.of("INTRANET", "NETWORK", "PHYSICAL_NETWORK")));
    }

    static IncidentAlert updateL6() {
        return alert(AlertStatus.UPDATE, M0 + 2 * MIN, SeverityLevel.L6, 16, open().route());
    }

    static IncidentAlert resolved() {
        return alert(AlertStatus.RESOLVED, M0 + 5 * MIN, SeverityLevel.L6, 16, open().route());
    }

    static IncidentAlert needsReview() {
        return alert(AlertStatus.OPEN, M0, SeverityLevel.L0, 3, new Route(Optional.empty(), 0.42, true,
                List.of("INTRANET", "NETWORK", "PHYSICAL_NETWORK")));
    }

    static IncidentAlert alert(AlertStatus status, long minute, SeverityLevel severity, int abnormal, Route route) {
        return new IncidentAlert(ID, status, "region-a", M0, minute, Optional.of(severity), abnormal, 2000, route,
                List.of(new ScopeTerm("az", "az-0"), new ScopeTerm("tor", "tor-1")),
                List.of(new AppImpact("app-3", 3), new AppImpact("app-1", 2), new AppImpact("app-0", 1), new AppImpact("app-9", 1),
                        new AppImpact("app-7", 1)), 5,
                new Evidence(Map.of("src_top_tor_share", 1.0), List.of("10.1.0.100:40000 -> 10.1.6.164:6379 rto INTRANET")),
                "set-A");
    }
}
