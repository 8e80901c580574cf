package io.andiag.model.routing;

import io.andiag.model.incident.ScopeTerm;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.andiag.model.record.RetxType.RTO;
import static io.andiag.model.record.Scenario.INTRANET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DrillDownTest {

    private static final double TOLERANCE = 1e-12;
    private final DrillDown drillDown = new DrillDown(DrillDownSettings.DEFAULTS);

    @Test
    void torIncidentScopesToItsTorQualifiedByItsAz() {
        DrillDownResult r = drillDown.scope(Canonical.torIncident());

        assertThat(r.text()).isEqualTo("az=az-1 & tor=tor-1");
        assertThat(r.scope()).containsExactly(new ScopeTerm("az", "az-1"), new ScopeTerm("tor", "tor-1"));
        // 20 of 21 abnormal inside; inside 20/20 abnormal, rest 1 of 60: lift 60. Three hosts hold 15/21 = 0.71
        // with a smaller population, but 0.71 is more than the 0.1 slack below the ToR's 0.95.
        assertThat(r.coverage()).isCloseTo(20.0 / 21, within(TOLERANCE));
        assertThat(r.lift()).isCloseTo(60.0, within(TOLERANCE));
        assertThat(r.abnormalInScope()).isEqualTo(20);
    }

    @Test
    void vipIncidentScopesToTheVip() {
        DrillDownResult r = drillDown.scope(Canonical.vipIncident());

        assertThat(r.text()).isEqualTo("vip=10.200.0.8");
        assertThat(r.coverage()).isEqualTo(1.0);
        assertThat(r.lift()).isNaN(); // a destination has no population
    }

    @Test
    void spreadAcrossTheRegionIsRegionWide() {
        DrillDownResult r = drillDown.scope(Canonical.regionWideSpread());

        assertThat(r.isRegionWide()).isTrue();
        assertThat(r.text()).isEmpty();
        assertThat(r.coverage()).isEqualTo(1.0);
        assertThat(r.lift()).isEqualTo(1.0);
    }

    @Test
    void vswitchIncidentScopesToTheVswitchQualifiedByItsVpc() {
        assertThat(drillDown.scope(Canonical.vswitchIncident()).text()).isEqualTo("vpc=vpc-1 & vswitch=vsw-1");
    }

    @Test
    void twoWholeHostsScopeToBothHosts() {
        DrillDownResult r = drillDown.scope(Canonical.endHostIncident());
        assertThat(r.text()).isEqualTo("host=host-1,host-2");
        assertThat(r.lift()).isEqualTo(DrillDown.MAX_LIFT); // nothing abnormal outside
    }

    @Test
    void applicationIncidentScopesToTheApp() {
        assertThat(drillDown.scope(Canonical.applicationIncident()).text()).isEqualTo("app=app-1");
    }

    @Test
    void gatewayAndRemoteRegionIncidentsScopeToTheDestination() {
        assertThat(drillDown.scope(Canonical.natIncident()).text()).isEqualTo("natgw=natgw-1");
        assertThat(drillDown.scope(Canonical.crossRegionIncident()).text()).isEqualTo("dst_region=region-b");
    }

    /**
     * 40 containers 10.1.0.(i+1): az-(i/20+1), tor-(i/10+1), host-(i/5+1), vsw-(i%2+1), vpc-1, app-a when i%4 < 2
     * else app-b. Abnormal: the 10 app-a containers of az-2 and 4 app-b containers of az-1 (A = 14). az-2 alone and
     * app-a alone each hold 10/14 = 0.71 but with 20 monitored IPs inside and 4 of 20 abnormal outside their lift
     * is (10/20)/(4/20) = 2.5 < 3; their intersection holds the same 10 among 10 monitored: lift (10/10)/(4/30) =
     * 7.5.
     */
    @Test
    void combinedAzAndAppWhenNoSingleDimensionExplainsIt() {
        List<IpAttributes> attrs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            attrs.add(new IpAttributes("10.1.0." + (i + 1), IpKind.CONTAINER, i % 4 < 2 ? "app-a" : "app-b", "",
                    "vm-" + (i + 1), "host-" + (i / 5 + 1), "tor-" + (i / 10 + 1), "vsw-" + (i % 2 + 1), "vpc-1",
                    "az-" + (i / 20 + 1), "r", ""));
        }
        RegionMinute.Builder b = RegionMinute.builder("r", TestRegion.T0).monitoredIps(40)
                .population(Population.of("r", attrs));
        for (int i : new int[] {20, 21, 24, 25, 28, 29, 32, 33, 36, 37, 2, 7, 11, 18}) {
            String ip = "10.1.0." + (i + 1);
            b.source(AbnormalSource.of(ip, INTRANET, RTO, 4)).sourceAttributes(attrs.get(i))
                    .detail(TestRegion.detail(ip, "10.1.0." + ((i + 3) % 40 + 1), 6379, RTO, INTRANET));
        }

        DrillDownResult r = drillDown.scope(b.build());

        assertThat(r.text()).isEqualTo("az=az-2 & app=app-a");
        assertThat(r.coverage()).isCloseTo(10.0 / 14, within(TOLERANCE));
        assertThat(r.lift()).isCloseTo(7.5, within(TOLERANCE));
    }

    @Test
    void noAbnormalIpGivesAnEmptyScope() {
        DrillDownResult r = drillDown.scope(TestRegion.minute(0).build());
        assertThat(r.isRegionWide()).isTrue();
        assertThat(r.coverage()).isZero();
    }

    @Test
    void restLiftFollowsItsDefinition() {
        // inside 10 of 20 abnormal, rest 4 of 60: (10/20)/(4/60) = 7.5
        assertThat(DrillDown.restLift(10, 20, 14, 80)).isCloseTo(7.5, within(TOLERANCE));
        assertThat(DrillDown.restLift(10, 20, 10, 80)).isEqualTo(DrillDown.MAX_LIFT);
        assertThat(DrillDown.restLift(10, 80, 10, 80)).isEqualTo(1.0); // the scope is the whole region
        // stale population smaller than the abnormal count inside: n' = a
        assertThat(DrillDown.restLift(10, 5, 12, 80)).isCloseTo((10.0 / 10) / (2.0 / 70), within(TOLERANCE));
    }

    @Test
    void settingsAreValidatedAndReadFromProperties() {
        assertThatThrownBy(() -> new DrillDownSettings(1.5, 3, 3, 0.5, 0.1))
                .hasMessage("routing.drilldown.coverage_min must be in [0.0, 1.0], got 1.5");
        assertThatThrownBy(() -> DrillDownSettings.from(Map.of("routing.drilldown.max_values", "many")))
                .hasMessage("routing.drilldown.max_values must be an integer, got 'many'");
        DrillDownSettings s = DrillDownSettings.from(Map.of("routing.drilldown.lift_min", "5"));
        assertThat(s.liftMin()).isEqualTo(5.0);
        assertThat(s.coverageMin()).isEqualTo(0.7);
    }
}
