package io.andiag.model.routing;

import io.andiag.model.incident.Route;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each team's canonical hand-built candidate must be routed to that team by the rules, above the 0.6 bar. */
class RuleRouterTest {

    private static final double BAR = 0.6;
    private final RuleRouter rules = new RuleRouter(RuleRouterSettings.DEFAULTS);

    private RoutingDecision route(RegionMinute c) {
        return rules.route(RoutingFeatureExtractor.extract(c));
    }

    private void expect(RegionMinute c, Team team, String rule, String... path) {
        RoutingDecision d = route(c);
        assertThat(d.team()).as("team").isEqualTo(team);
        assertThat(d.rule()).as("rule").isEqualTo(rule);
        assertThat(d.path()).as("path").containsExactly(path);
        assertThat(d.confidence()).as("confidence").isGreaterThanOrEqualTo(BAR);
        Route r = d.toRoute(BAR);
        assertThat(r.team()).contains(team);
        assertThat(r.needsReview()).isFalse();
    }

    @Test
    void torIncidentGoesToPhysicalNetwork() {
        expect(Canonical.torIncident(), Team.PHYSICAL_NETWORK, "physical_tor", "INTRANET", "NETWORK",
                "PHYSICAL_NETWORK");
    }

    @Test
    void vswitchIncidentGoesToVirtualNetwork() {
        expect(Canonical.vswitchIncident(), Team.VIRTUAL_NETWORK, "virtual_network", "INTRANET", "NETWORK",
                "VIRTUAL_NETWORK");
    }

    @Test
    void vipIncidentGoesToSlbNatGatewayOnTheIntranetSide() {
        expect(Canonical.vipIncident(), Team.SLB_NAT_GATEWAY, "slb_vip", "INTRANET", "NETWORK", "SLB_NAT_GATEWAY");
        // 16 of 24 details to the VIP
        assertThat(route(Canonical.vipIncident()).confidence()).isEqualTo(16.0 / 24);
    }

    @Test
    void natIncidentGoesToSlbNatGatewayOnTheInternetSide() {
        expect(Canonical.natIncident(), Team.SLB_NAT_GATEWAY, "nat_gateway", "INTERNET", "NETWORK",
                "SLB_NAT_GATEWAY");
    }

    @Test
    void crossRegionIncidentGoesToTheCrossRegionLink() {
        expect(Canonical.crossRegionIncident(), Team.CROSS_REGION_LINK, "cross_region", "INTERNET", "NETWORK",
                "CROSS_REGION_LINK");
    }

    @Test
    void internetIncidentGoesToInternet() {
        expect(Canonical.internetIncident(), Team.INTERNET, "internet", "INTERNET", "NETWORK", "INTERNET");
    }

    @Test
    void twoFailingHostsGoToEndHost() {
        expect(Canonical.endHostIncident(), Team.END_HOST, "end_host", "INTRANET", "NON_NETWORK", "END_HOST");
    }

    @Test
    void oneFailingAppGoesToApplication() {
        expect(Canonical.applicationIncident(), Team.APPLICATION, "application", "INTRANET", "NON_NETWORK",
                "APPLICATION");
    }

    @Test
    void anAnomalyNoRuleExplainsNeedsReview() {
        RoutingDecision d = route(Canonical.regionWideSpread());
        assertThat(d.rule()).isEqualTo(RuleRouter.NO_RULE);
        assertThat(d.confidence()).isZero();
        assertThat(d.team()).isEqualTo(Team.PHYSICAL_NETWORK);
        Route r = d.toRoute(BAR);
        assertThat(r.team()).isEqualTo(Optional.empty());
        assertThat(r.needsReview()).isTrue();
        assertThat(r.path()).containsExactly("INTRANET", "NETWORK", "PHYSICAL_NETWORK");
    }

    @Test
    void theBasisNamesTheFeaturesTheRuleTested() {
        assertThat(route(Canonical.vipIncident()).basis()).containsExactly(RoutingFeature.DST_TOP_VIP_SHARE,
                RoutingFeature.SCN_SLB_SHARE, RoutingFeature.SRC_TOP1_HOST_SHARE);
    }

    @Test
    void settingsComeFromPropertiesAndAreValidated() {
        RuleRouter strict = new RuleRouter(RuleRouterSettings.from(Map.of("routing.rules.vip_share_min", "0.9")));
        assertThat(strict.route(RoutingFeatureExtractor.extract(Canonical.vipIncident())).rule())
                .isNotEqualTo("slb_vip");
        assertThatThrownBy(() -> RuleRouterSettings.from(Map.of("routing.rules.locality_lift_min", "0.5")))
                .hasMessage("routing.rules.locality_lift_min must be in [1.0, 1000000.0], got 0.5");
        assertThat(Router.of(Optional.empty()).version()).isEqualTo(RuleRouter.VERSION);
        assertThat(List.of(rules.version())).containsExactly("rules-v1");
    }
}
