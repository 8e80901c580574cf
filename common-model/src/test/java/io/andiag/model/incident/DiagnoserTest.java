package io.andiag.model.incident;

import io.andiag.model.codec.AlertCodec;
import io.andiag.model.routing.Canonical;
import io.andiag.model.routing.RoutingFeatureSchema;
import io.andiag.model.routing.RuleRouter;
import io.andiag.model.routing.RuleRouterSettings;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnoserTest {

    private final Diagnoser diagnoser = new Diagnoser(DiagnosisSettings.DEFAULTS,
            new RuleRouter(RuleRouterSettings.DEFAULTS));

    @Test
    void vipIncidentIsDiagnosedEndToEnd() {
        MinuteDiagnosis d = diagnoser.diagnose(Canonical.vipIncident());

        assertThat(d.emits()).isTrue();
        // 8 of 1000: above 0.7 % (L6), not above 0.8 % (L7)
        assertThat(d.severity()).contains(SeverityLevel.L6);
        assertThat(d.route().team()).contains(Team.SLB_NAT_GATEWAY);
        assertThat(d.route().needsReview()).isFalse();
        assertThat(d.scope().text()).isEqualTo("vip=10.200.0.8");
        assertThat(d.features()).hasSize(RoutingFeatureSchema.size());
        // two of each app among the SPREAD containers
        assertThat(d.apps()).containsExactly(new AppImpact("app-1", 2), new AppImpact("app-2", 2),
                new AppImpact("app-3", 2), new AppImpact("app-4", 2));
        assertThat(d.evidence().topFeatures()).containsOnlyKeys("dst_top_vip_share", "scn_slb_share",
                "src_top1_host_share");
        assertThat(d.evidence().topFeatures().get("dst_top_vip_share")).isEqualTo(16.0 / 24);
        // in-scope samples first, distinct, in (source IP, ts, port, destination) order
        assertThat(d.evidence().samples()).containsExactly(
                "10.0.0.1:41000 -> 10.200.0.8:443 rto SLB",
                "10.0.0.23:41022 -> 10.200.0.8:443 rto SLB",
                "10.0.0.28:41027 -> 10.200.0.8:443 rto SLB",
                "10.0.0.42:41041 -> 10.200.0.8:443 rto SLB",
                "10.0.0.47:41046 -> 10.200.0.8:443 rto SLB");
        assertThat(d.paramVersion()).isEqualTo("p1");
    }

    @Test
    void theOpenAlertRoundTripsThroughTheWireCodec() {
        MinuteDiagnosis d = diagnoser.diagnose(Canonical.torIncident());
        TrackerState state = TrackerState.empty(d.region());
        List<IncidentAlert> alerts = new IncidentTracker(TrackerSettings.DEFAULTS).step(state, d.minute(), List.of(d));

        assertThat(alerts).hasSize(1);
        IncidentAlert open = alerts.get(0);
        assertThat(open.incidentId()).isEqualTo("region-a-20241124-0000-1");
        assertThat(open.scopeText()).isEqualTo("az=az-1 & tor=tor-1");
        assertThat(open.route().path()).containsExactly("INTRANET", "NETWORK", "PHYSICAL_NETWORK");
        AlertCodec codec = new AlertCodec();
        assertThat(codec.decode(codec.encode(open)).value()).isEqualTo(open);
    }
}
