package io.andiag.model.routing;

import io.andiag.model.incident.Route;
import io.andiag.model.routing.RoutingHierarchy.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.andiag.model.routing.RoutingFeature.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HierarchicalRouterTest {

    private static final double TOLERANCE = 1e-12;

    @TempDir
    Path dir;

    /** One tree: x[f] <= threshold ? left : right; P(1) = 1 / (1 + exp(-2 * leaf)). */
    static TreeEnsemble stump(RoutingFeature f, double threshold, double left, double right) {
        return TreeEnsemble.builder(RoutingFeatureSchema.size())
                .addTree(1.0, List.of(new TreeNode(0, 0, f.index(), threshold, null, 1, 2, 0.1, 10),
                        TreeNode.leaf(1, left), TreeNode.leaf(2, right)))
                .build();
    }

    /**
     * Side by rule (internet_side_share >= 0.5). Intranet: P(network) high when src_top1_host_share <= 0.45 and
     * src_top_app_share <= 0.9 ({@link #network()}); teams
     * by tor share, vswitch share, VIP share (network) and top-3 host share, app share (non-network). Internet:
     * network teams only (no network model): CROSS_REGION_LINK by cross_region_share, INTERNET by
     * internet_side_share.
     */
    static RouterModel model() {
        return RouterModel.builder("r-test")
                .sideRule("internet_side_share", 0.5)
                .networkModel(Side.INTRANET, "intranet_network", network())
                .team(Side.INTRANET, Team.PHYSICAL_NETWORK, "intranet_physical", stump(SRC_TOP_TOR_SHARE, 0.7, -1, 1.5))
                .team(Side.INTRANET, Team.VIRTUAL_NETWORK, "intranet_virtual", stump(SRC_TOP_VSWITCH_SHARE, 0.7, -1, 1.5))
                .team(Side.INTRANET, Team.SLB_NAT_GATEWAY, "intranet_slb", stump(DST_TOP_VIP_SHARE, 0.5, -1, 1.5))
                .team(Side.INTRANET, Team.END_HOST, "intranet_end_host", stump(SRC_TOP3_HOST_SHARE, 0.8, -1, 1))
                .team(Side.INTRANET, Team.APPLICATION, "intranet_app", stump(SRC_TOP_APP_SHARE, 0.9, -1, 1))
                .team(Side.INTERNET, Team.CROSS_REGION_LINK, "internet_xr", stump(CROSS_REGION_SHARE, 0.5, -1, 1))
                .team(Side.INTERNET, Team.INTERNET, "internet_internet", stump(INTERNET_SIDE_SHARE, 0.5, -1, 0.5))
                .build();
    }

    /** Two trees: x.src_top1_host_share <= 0.45 ? 1 : -1, plus x.src_top_app_share <= 0.9 ? 0 : -3. */
    static TreeEnsemble network() {
        return TreeEnsemble.builder(RoutingFeatureSchema.size())
                .addTree(1.0, List.of(TreeNode.split(0, SRC_TOP1_HOST_SHARE.index(), 0.45, 1, 2),
                        TreeNode.leaf(1, 1.0), TreeNode.leaf(2, -1.0)))
                .addTree(1.0, List.of(TreeNode.split(0, SRC_TOP_APP_SHARE.index(), 0.9, 1, 2),
                        TreeNode.leaf(1, 0.0), TreeNode.leaf(2, -3.0)))
                .build();
    }

    private static RoutingDecision route(Router r, RegionMinute c) {
        return r.route(RoutingFeatureExtractor.extract(c));
    }

    @Test
    void shouldMultiplyTheDecisionsAndNormalizeTheTeams() {
        RoutingDecision d = route(new HierarchicalRouter(model()), Canonical.torIncident());

        assertThat(d.path()).containsExactly("INTRANET", "NETWORK", "PHYSICAL_NETWORK");
        // P(network) = s(2 * 1.0); P(physical) = s(3), P(virtual) = P(slb) = s(-2); normalized and multiplied
        // (Python: s = lambda m: 1 / (1 + math.exp(-m))) = 0.8807970779778823 * 0.7998238006716867
        assertThat(d.confidence()).isCloseTo(0.7044824665287858, within(TOLERANCE));
        assertThat(d.toRoute(0.6).team()).contains(Team.PHYSICAL_NETWORK);
        // every tested split has weight 1: ties in schema order
        assertThat(d.basis()).containsExactly(SRC_TOP1_HOST_SHARE, SRC_TOP_TOR_SHARE, SRC_TOP_APP_SHARE,
                INTERNET_SIDE_SHARE);
        assertThat(d.rule()).isEqualTo("r-test");
    }

    @Test
    void aLowConfidenceRouteNeedsReviewButKeepsItsGuess() {
        RoutingDecision d = route(new HierarchicalRouter(model()), Canonical.crossRegionIncident());

        assertThat(d.team()).isEqualTo(Team.CROSS_REGION_LINK);
        // no network model on the internet side: P = 1; teams s(2) vs s(1) normalized
        assertThat(d.confidence()).isCloseTo(0.5464491031607007, within(TOLERANCE));
        Route r = d.toRoute(0.6);
        assertThat(r.team()).isEmpty();
        assertThat(r.needsReview()).isTrue();
        assertThat(r.path()).containsExactly("INTERNET", "NETWORK", "CROSS_REGION_LINK");
    }

    @Test
    void shouldRouteNonNetworkBranches() {
        HierarchicalRouter router = new HierarchicalRouter(model());
        assertThat(route(router, Canonical.endHostIncident()).path())
                .containsExactly("INTRANET", "NON_NETWORK", "END_HOST");
        assertThat(route(router, Canonical.applicationIncident()).team()).isEqualTo(Team.APPLICATION);
    }

    @Test
    void shouldUseASideModelWhenGiven() {
        RouterModel m = RouterModel.builder("r-side")
                .sideModel("side", stump(INTERNET_SIDE_SHARE, 0.5, -2.0, 2.0))
                .loneTeam(Side.INTRANET, Team.PHYSICAL_NETWORK)
                .loneTeam(Side.INTERNET, Team.INTERNET)
                .build();
        RoutingDecision d = route(new HierarchicalRouter(m), Canonical.internetIncident());
        assertThat(d.path()).containsExactly("INTERNET", "NETWORK", "INTERNET");
        assertThat(d.confidence()).isCloseTo(1 / (1 + Math.exp(-4.0)), within(TOLERANCE));
    }

    @Test
    void shouldRoundTripThroughTheRouterDirectory() {
        RouterModel m = model();
        RouterModelIo.write(m, dir);
        assertThat(RouterModelIo.exists(dir)).isTrue();
        RouterModel back = RouterModelIo.read(dir);

        assertThat(back.version()).isEqualTo("r-test");
        assertThat(back.features()).isEqualTo(RoutingFeatureSchema.names());
        assertThat(back.ensembles()).isEqualTo(m.ensembles());
        for (Side s : Side.values()) {
            assertThat(back.branch(s)).isEqualTo(m.branch(s));
        }
        HierarchicalRouter a = new HierarchicalRouter(m);
        HierarchicalRouter b = new HierarchicalRouter(back);
        for (RegionMinute c : List.of(Canonical.torIncident(), Canonical.vipIncident(), Canonical.natIncident(),
                Canonical.crossRegionIncident(), Canonical.endHostIncident(), Canonical.mixed())) {
            assertThat(route(b, c)).isEqualTo(route(a, c));
        }
    }

    @Test
    void shouldLoadMllibModelDirectoriesNamedInRouterJson() throws Exception {
        RouterModelIo.write(model(), dir);
        // replace one flat model by the same model as Spark would save it
        Path node = dir.resolve("intranet_physical");
        try (var files = Files.walk(node)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        MllibModelFixture.write(node, stump(SRC_TOP_TOR_SHARE, 0.7, -1, 1.5), MllibGbtReader.GBT_CLASSIFIER,
                "logistic", MllibModelFixture.TreeMetadataColumns.SPARK4);

        RoutingDecision d = route(new HierarchicalRouter(RouterModelIo.read(dir)), Canonical.torIncident());
        assertThat(d.confidence()).isCloseTo(0.7044824665287858, within(TOLERANCE));
    }

    @Test
    void shouldRefuseARouterTrainedOnOtherFeatures() throws Exception {
        RouterModelIo.write(model(), dir);
        Path json = dir.resolve(RouterModelIo.ROUTER_JSON);
        Files.writeString(json, Files.readString(json).replace("\"src_top1_host_share\"", "\"src_top1_host_count\""));
        assertThatThrownBy(() -> RouterModelIo.read(dir))
                .hasMessageContaining("router feature 0 is 'src_top1_host_count', schema v1 has 'src_top1_host_share'");
    }

    @Test
    void shouldRefuseAMissingModelOrAnAmbiguousBranch() throws Exception {
        RouterModelIo.write(model(), dir);
        try (var files = Files.walk(dir.resolve("internet_xr"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThatThrownBy(() -> RouterModelIo.read(dir)).hasMessageContaining("names model 'internet_xr'");

        assertThatThrownBy(() -> RouterModel.builder("x")
                .loneTeam(Side.INTRANET, Team.PHYSICAL_NETWORK)
                .loneTeam(Side.INTRANET, Team.END_HOST)
                .loneTeam(Side.INTERNET, Team.INTERNET)
                .build())
                .hasMessage("router branch INTRANET needs a network model: it has teams of both kinds");
        assertThatThrownBy(() -> RouterModel.builder("x")
                .loneTeam(Side.INTRANET, Team.PHYSICAL_NETWORK)
                .loneTeam(Side.INTRANET, Team.VIRTUAL_NETWORK)
                .loneTeam(Side.INTERNET, Team.INTERNET)
                .build())
                .hasMessageContaining("needs a model: NETWORK on INTRANET has 2 teams");
        assertThatThrownBy(() -> RouterModel.builder("x")
                .networkModel(Side.INTRANET, "n", stump(SRC_TOP1_HOST_SHARE, 0.5, 1, -1))
                .loneTeam(Side.INTRANET, Team.PHYSICAL_NETWORK)
                .loneTeam(Side.INTERNET, Team.INTERNET)
                .build())
                .hasMessage("router branch INTRANET has a network model but teams of one kind only");
    }
}
