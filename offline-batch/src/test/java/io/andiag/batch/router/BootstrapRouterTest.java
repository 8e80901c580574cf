package io.andiag.batch.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.andiag.model.routing.Canonical;
import io.andiag.model.routing.HierarchicalRouter;
import io.andiag.model.routing.RegionMinute;
import io.andiag.model.routing.RouterModel;
import io.andiag.model.routing.RouterModelIo;
import io.andiag.model.routing.RoutingDecision;
import io.andiag.model.routing.RoutingFeatureExtractor;
import io.andiag.model.routing.Team;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bootstrap router committed in offline-batch's resources: complete, loadable by common-model, and what it routes. */
class BootstrapRouterTest {

    @Test
    void shouldShipACompleteRouterThatCommonModelLoads(@TempDir Path tmp) {
        assertThat(BootstrapRouter.available()).as("the build carries a bootstrap router").isTrue();
        RouterModel model = BootstrapRouter.load();
        JsonNode info = BootstrapRouter.info().orElseThrow();
        assertThat(model.version()).isEqualTo(info.path("version").asText()).startsWith("bootstrap-");
        assertThat(info.path("sources").size()).as("regions pooled").isGreaterThanOrEqualTo(2);
        assertThat(info.path("synthetic_per_team").asInt()).as("trained with fault-injection augmentation").isPositive();
        assertThat(info.path("synthetic_examples").asInt()).isEqualTo(info.path("synthetic_per_team").asInt() * Team.values().length
                * info.path("sources").size());

        Path dir = tmp.resolve("router");
        assertThat(BootstrapRouter.copyTo(dir)).as("files.txt lists every file of the directory")
                .containsExactlyElementsOf(BootstrapRouter.listFiles(dir));
        assertThat(RouterModelIo.read(dir).ensembles().keySet()).isEqualTo(model.ensembles().keySet());
    }

    /** Every team's hand-built canonical incident (common-model's Canonical), routed by the bootstrap router. */
    static Map<String, RoutingDecision> canonicalRoutes() {
        HierarchicalRouter router = new HierarchicalRouter(BootstrapRouter.load());
        Map<Team, RegionMinute> incidents = new LinkedHashMap<>();   // key null: the NAT gateway's (also SLB_NAT_GATEWAY)
        incidents.put(Team.PHYSICAL_NETWORK, Canonical.torIncident());
        incidents.put(Team.VIRTUAL_NETWORK, Canonical.vswitchIncident());
        incidents.put(Team.SLB_NAT_GATEWAY, Canonical.vipIncident());
        incidents.put(null, Canonical.natIncident());
        incidents.put(Team.CROSS_REGION_LINK, Canonical.crossRegionIncident());
        incidents.put(Team.INTERNET, Canonical.internetIncident());
        incidents.put(Team.END_HOST, Canonical.endHostIncident());
        incidents.put(Team.APPLICATION, Canonical.applicationIncident());
        Map<String, RoutingDecision> out = new LinkedHashMap<>();
        incidents.forEach((team, c) -> {
            String name = team == null ? "SLB_NAT_GATEWAY(nat)" : team.name();
            RoutingDecision d = router.route(RoutingFeatureExtractor.extract(c));
            System.out.printf("bootstrap router, canonical %-20s -> %-18s confidence %.3f %s%n", name, d.team(), d.confidence(), d.path());
            out.put(name, d);
        });
        return out;
    }

    /**
     * The committed bootstrap router (trained with fault-injection augmentation on each source region, docs/routing.md)
     * on the hand-built canonical incidents, built on an 80-container region with 1 000 monitored IPs unlike any
     * simulated one: seven of the eight reach their team. A known answer for this artifact, to be updated with the docs
     * whenever it is regenerated.
     *
     * <p>Not yet: the end-host incident (two whole 5-container hosts of one 4-host ToR, 10 of 1 000 monitored IPs) goes
     * to PHYSICAL_NETWORK. In every simulated topology hosts hold 8-20 containers and ToRs 10-20 hosts, so 2 of 16 hosts
     * touched at 1 % of the monitored IPs is what a small ToR fault looks like there; the features measure how
     * concentrated the abnormal IPs are on hosts, not how complete each host is (no host lift, unlike ToR and vSwitch).
     * docs/routing.md, "Bootstrap router", says so; the in-region router of a simulated region does route its own
     * canonical end-host incident (TrainRouterPipelineTest).
     */
    @Test
    void shouldRouteTheCanonicalIncidentsAsRecordedInTheDocs() {
        Map<String, RoutingDecision> routes = canonicalRoutes();
        Map<String, Team> teams = new LinkedHashMap<>();
        routes.forEach((k, d) -> teams.put(k, d.team()));
        assertThat(teams).containsExactly(
                Map.entry("PHYSICAL_NETWORK", Team.PHYSICAL_NETWORK),
                Map.entry("VIRTUAL_NETWORK", Team.VIRTUAL_NETWORK),
                Map.entry("SLB_NAT_GATEWAY", Team.SLB_NAT_GATEWAY),
                Map.entry("SLB_NAT_GATEWAY(nat)", Team.SLB_NAT_GATEWAY),
                Map.entry("CROSS_REGION_LINK", Team.CROSS_REGION_LINK),
                Map.entry("INTERNET", Team.INTERNET),
                Map.entry("END_HOST", Team.PHYSICAL_NETWORK),
                Map.entry("APPLICATION", Team.APPLICATION));
    }
}
