package io.andiag.speed.diagnosis;

import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.DiagnosisSettings;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.TrackerSettings;
import io.andiag.model.incident.TrackerState;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.routing.AbnormalSource;
import io.andiag.model.routing.Canonical;
import io.andiag.model.routing.RegionMinute;
import io.andiag.model.routing.Router;
import io.andiag.model.routing.RoutingFeatureExtractor;
import io.andiag.model.routing.Team;
import io.andiag.model.routing.TestRegion;
import io.andiag.speed.attributes.IpDirectory;
import io.andiag.speed.stream.TestScoringModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every team's hand-built canonical incident (common-model's {@link Canonical}, on its {@link TestRegion}) taken the
 * online way: as the abnormal IPs and sampled details that reach the region-minute diagnosis, with the attributes of
 * sources and destinations from an {@link IpDirectory}. The speed layer must rebuild the very candidate the routers
 * were tested on (same routing features), and the router a parameter set without {@code router/} serves (the rule
 * router) must open an incident for the right team.
 */
class CanonicalIncidentRoutingTest {

    private static final Router ONLINE_DEFAULT = TestScoringModels.model("no-router", Map.of()).router();

    static Stream<Arguments> incidents() {
        return Stream.of(
                Arguments.of("tor", (Supplier<RegionMinute>) Canonical::torIncident, Team.PHYSICAL_NETWORK),
                Arguments.of("vswitch", (Supplier<RegionMinute>) Canonical::vswitchIncident, Team.VIRTUAL_NETWORK),
                Arguments.of("vip", (Supplier<RegionMinute>) Canonical::vipIncident, Team.SLB_NAT_GATEWAY),
                Arguments.of("nat", (Supplier<RegionMinute>) Canonical::natIncident, Team.SLB_NAT_GATEWAY),
                Arguments.of("cross-region", (Supplier<RegionMinute>) Canonical::crossRegionIncident, Team.CROSS_REGION_LINK),
                Arguments.of("internet", (Supplier<RegionMinute>) Canonical::internetIncident, Team.INTERNET),
                Arguments.of("end host", (Supplier<RegionMinute>) Canonical::endHostIncident, Team.END_HOST),
                Arguments.of("application", (Supplier<RegionMinute>) Canonical::applicationIncident, Team.APPLICATION));
    }

    @ParameterizedTest(name = "{0} incident -> {2}")
    @MethodSource("incidents")
    void shouldRebuildTheCanonicalCandidateAndOpenAnIncidentForItsTeam(String name, Supplier<RegionMinute> canonical,
                                                                       Team team) {
        RegionMinute expected = canonical.get();
        List<RegionEvent.Abnormal> abnormal = asAbnormalEvents(expected);
        RegionMinuteDiagnosis diagnosis = new RegionMinuteDiagnosis(DiagnosisSettings.DEFAULTS, TrackerSettings.DEFAULTS,
                directory());

        RegionMinute online = diagnosis.candidate(TestRegion.REGION, expected.minute(), abnormal, expected.monitoredIps());
        assertThat(RoutingFeatureExtractor.extract(online)).as("routing features of the online candidate")
                .containsExactly(RoutingFeatureExtractor.extract(expected));

        List<IncidentAlert> alerts = diagnosis.close(TrackerState.empty(TestRegion.REGION), TestRegion.REGION,
                expected.minute(), abnormal, expected.monitoredIps(), ONLINE_DEFAULT);
        assertThat(alerts).hasSize(1);
        IncidentAlert open = alerts.get(0);
        assertThat(open.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(open.route().team()).as("team").contains(team);
        assertThat(open.route().needsReview()).isFalse();
        assertThat(open.abnormalIps()).isEqualTo(expected.abnormalIps());
        assertThat(open.evidence().topFeatures()).isNotEmpty();
        assertThat(open.evidence().samples()).isNotEmpty();
    }

    /** What the scorer sends the diagnosis: one event per abnormal source IP, with that IP's details. */
    private static List<RegionEvent.Abnormal> asAbnormalEvents(RegionMinute c) {
        List<RegionEvent.Abnormal> out = new ArrayList<>();
        for (AbnormalSource s : c.sources()) {
            out.add(new RegionEvent.Abnormal(c.region(), c.minute(), s, c.paramVersion(),
                    c.details().stream().filter(d -> d.ip().equals(s.ip())).toList()));
        }
        return out;
    }

    /** The test region's containers and destinations (VIPs, NAT gateway, remote region, internet), as ip_attributes. */
    private static IpDirectory directory() {
        Map<String, IpAttributes> byIp = new HashMap<>();
        TestRegion.containers().forEach(a -> byIp.put(a.ip(), a));
        for (String ip : List.of(TestRegion.VIP1, TestRegion.VIP2, TestRegion.NAT, TestRegion.REMOTE,
                TestRegion.INTERNET_SERVICE, TestRegion.INTERNET_CLIENT)) {
            byIp.put(ip, TestRegion.lookup(ip));
        }
        return new IpDirectory("default", byIp, "test");
    }
}
