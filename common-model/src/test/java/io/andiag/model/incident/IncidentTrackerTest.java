package io.andiag.model.incident;

import io.andiag.model.routing.DrillDownResult;
import io.andiag.model.routing.RoutingDecision;
import io.andiag.model.routing.RoutingHierarchy;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentTrackerTest {

    private static final String REGION = "region-a";
    /** 2024-11-24T00:00Z. */
    private static final long T0 = 1_732_406_400_000L;
    /** An L0 incident needs 3 abnormal IPs of 2 000. */
    private static final int MONITORED = 2000;

    private final IncidentTracker tracker = new IncidentTracker(TrackerSettings.DEFAULTS);
    private final TrackerState state = TrackerState.empty(REGION);

    private static long at(int m) {
        return T0 + m * 60_000L;
    }

    /**
     * A diagnosis at minute {@code m}, routed to {@code team} with confidence 0.9, scope "dim=value & ...", 3 abnormal
     * IPs per app, named after the scope (so diagnoses of one scope hurt the same IPs).
     */
    private static MinuteDiagnosis diag(int m, Team team, String scope, SeverityLevel level, String... apps) {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 3 * apps.length; i++) {
            ips.add(scope + "#" + i);
        }
        return diag(m, team, 0.9, scope, level, ips, apps);
    }

    private static MinuteDiagnosis diag(int m, Team team, double confidence, String scope, SeverityLevel level,
                                        List<String> ips, String... apps) {
        List<ScopeTerm> terms = new ArrayList<>();
        if (!scope.isEmpty()) {
            for (String t : scope.split(" & ")) {
                String[] kv = t.split("=");
                terms.add(new ScopeTerm(kv[0], kv[1]));
            }
        }
        List<AppImpact> impact = new ArrayList<>();
        for (String a : apps) {
            impact.add(new AppImpact(a, 3));
        }
        RoutingDecision decision = new RoutingDecision(team, confidence,
                RoutingHierarchy.path(RoutingHierarchy.Side.INTRANET, team), List.of(), "test");
        return new MinuteDiagnosis(REGION, at(m), new Emission(true, Optional.ofNullable(level), Optional.empty(),
                "severity"), ips.size(), MONITORED, new double[0], decision, decision.toRoute(0.6),
                new DrillDownResult(terms, 1.0, 5.0, 3), impact, Evidence.none(), "p1", IpSketch.of(ips));
    }

    private List<IncidentAlert> step(int m, MinuteDiagnosis... ds) {
        return tracker.step(state, at(m), List.of(ds));
    }

    @Test
    void opensUpdatesAndResolvesAnIncident() {
        List<IncidentAlert> a = step(7, diag(7, Team.PHYSICAL_NETWORK, "tor=tor-1", SeverityLevel.L2, "app-1"));
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(x.incidentId()).isEqualTo("region-a-20241124-0007-1");
            assertThat(x.firstMinute()).isEqualTo(at(7));
            assertThat(x.services()).isEqualTo(1);
        });

        // same picture (only counts may move): nothing to say
        assertThat(step(8, diag(8, Team.PHYSICAL_NETWORK, "tor=tor-1", SeverityLevel.L2, "app-1"))).isEmpty();

        // severity changes
        assertThat(step(9, diag(9, Team.PHYSICAL_NETWORK, "tor=tor-1", SeverityLevel.L4, "app-1")))
                .singleElement().satisfies(x -> {
                    assertThat(x.status()).isEqualTo(AlertStatus.UPDATE);
                    assertThat(x.incidentId()).isEqualTo("region-a-20241124-0007-1");
                    assertThat(x.severity()).contains(SeverityLevel.L4);
                    assertThat(x.firstMinute()).isEqualTo(at(7));
                    assertThat(x.minute()).isEqualTo(at(9));
                });

        // scope grows (overlapping: same tor) and a new app is hit
        assertThat(step(10, diag(10, Team.PHYSICAL_NETWORK, "az=az-1 & tor=tor-1", SeverityLevel.L4, "app-1",
                "app-2"))).singleElement().satisfies(x -> {
                    assertThat(x.status()).isEqualTo(AlertStatus.UPDATE);
                    assertThat(x.scopeText()).isEqualTo("az=az-1 & tor=tor-1");
                    assertThat(x.services()).isEqualTo(2);
                });

        // quiet minutes 11 and 12: still open; 13 is the third quiet minute: resolved
        assertThat(step(11)).isEmpty();
        assertThat(step(12)).isEmpty();
        assertThat(step(13)).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(x.incidentId()).isEqualTo("region-a-20241124-0007-1");
            assertThat(x.minute()).isEqualTo(at(13));
            assertThat(x.scopeText()).isEqualTo("az=az-1 & tor=tor-1");
        });
        assertThat(state.openIncidents()).isEmpty();
    }

    @Test
    void aRecurrenceAfterResolvedOpensANewIncident() {
        step(0, diag(0, Team.PHYSICAL_NETWORK, "tor=tor-1", SeverityLevel.L2, "app-1"));
        // no call for minutes 1..2: quiet time is measured from the minutes themselves
        assertThat(step(3)).extracting(IncidentAlert::status).containsExactly(AlertStatus.RESOLVED);

        assertThat(step(5, diag(5, Team.PHYSICAL_NETWORK, "tor=tor-1", SeverityLevel.L2, "app-1")))
                .singleElement().satisfies(x -> {
                    assertThat(x.status()).isEqualTo(AlertStatus.OPEN);
                    assertThat(x.incidentId()).isEqualTo("region-a-20241124-0005-1");
                });
    }

    @Test
    void aDiagnosisAfterAGapShorterThanTheQuietTimeContinuesTheIncident() {
        step(0, diag(0, Team.PHYSICAL_NETWORK, "tor=tor-1", SeverityLevel.L2, "app-1"));
        assertThat(step(2, diag(2, Team.PHYSICAL_NETWORK, "tor=tor-1", SeverityLevel.L2, "app-1"))).isEmpty();
        assertThat(state.openIncidents()).hasSize(1);
    }

    @Test
    void concurrentIncidentsWithDifferentTeamsStaySeparate() {
        IncidentAlert physical = step(0, diag(0, Team.PHYSICAL_NETWORK, "az=az-1 & tor=tor-1", SeverityLevel.L2,
                "app-1")).get(0);
        IncidentAlert slb = step(1, diag(1, Team.SLB_NAT_GATEWAY, "vip=10.200.0.8", SeverityLevel.L3, "app-2")).get(0);
        assertThat(slb.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(slb.incidentId()).isNotEqualTo(physical.incidentId()).isEqualTo("region-a-20241124-0001-1");

        // both continue in the same minute, unchanged: no alert, both still open
        assertThat(step(2, diag(2, Team.PHYSICAL_NETWORK, "az=az-1 & tor=tor-1", SeverityLevel.L2, "app-1"),
                diag(2, Team.SLB_NAT_GATEWAY, "vip=10.200.0.8", SeverityLevel.L3, "app-2"))).isEmpty();
        // only the SLB one goes on: the physical one resolves at its third quiet minute
        assertThat(step(3, diag(3, Team.SLB_NAT_GATEWAY, "vip=10.200.0.8", SeverityLevel.L3, "app-2"))).isEmpty();
        assertThat(step(4, diag(4, Team.SLB_NAT_GATEWAY, "vip=10.200.0.8", SeverityLevel.L3, "app-2"))).isEmpty();
        assertThat(step(5, diag(5, Team.SLB_NAT_GATEWAY, "vip=10.200.0.8", SeverityLevel.L3, "app-2")))
                .singleElement().satisfies(x -> {
                    assertThat(x.status()).isEqualTo(AlertStatus.RESOLVED);
                    assertThat(x.incidentId()).isEqualTo(physical.incidentId());
                });
        assertThat(state.openIncidents()).extracting(IncidentAlert::incidentId).containsExactly(slb.incidentId());
    }

    @Test
    void sameTeamDisjointScopesAreTwoIncidentsNumberedInTheirMinute() {
        List<IncidentAlert> a = step(0, diag(0, Team.PHYSICAL_NETWORK, "tor=tor-3", SeverityLevel.L1, "app-3"),
                diag(0, Team.PHYSICAL_NETWORK, "tor=tor-1", SeverityLevel.L1, "app-1"));
        // diagnoses are taken in (team, scope) order
        assertThat(a).extracting(IncidentAlert::incidentId, IncidentAlert::scopeText).containsExactly(
                org.assertj.core.groups.Tuple.tuple("region-a-20241124-0000-1", "tor=tor-1"),
                org.assertj.core.groups.Tuple.tuple("region-a-20241124-0000-2", "tor=tor-3"));
        // a region-wide diagnosis of the same team overlaps both: it continues the first opened
        assertThat(step(1, diag(1, Team.PHYSICAL_NETWORK, "", SeverityLevel.L1, "app-1")))
                .singleElement().satisfies(x -> {
                    assertThat(x.status()).isEqualTo(AlertStatus.UPDATE);
                    assertThat(x.incidentId()).isEqualTo("region-a-20241124-0000-1");
                });
    }

    @Test
    void aNonEmittingDiagnosisIsQuiet() {
        step(0, diag(0, Team.APPLICATION, "app=app-1", SeverityLevel.L1, "app-1"));
        MinuteDiagnosis silent = diag(3, Team.APPLICATION, "app=app-1", null, "app-1");
        silent = new MinuteDiagnosis(silent.region(), silent.minute(), new Emission(false, Optional.empty(),
                Optional.empty(), "below_l0"), silent.abnormalIps(), silent.monitoredIps(), silent.features(),
                silent.decision(), silent.route(), silent.scope(), silent.apps(), silent.evidence(),
                silent.paramVersion(), silent.ips());
        assertThat(step(3, silent)).extracting(IncidentAlert::status).containsExactly(AlertStatus.RESOLVED);
    }

    @Test
    void theStateRoundTripsThroughBytesAndBehavesTheSame() {
        step(0, diag(0, Team.PHYSICAL_NETWORK, "az=az-1 & tor=tor-1", SeverityLevel.L2, "app-1", "(unknown)"));
        step(1, diag(1, Team.SLB_NAT_GATEWAY, "vip=10.200.0.8,10.200.0.9", null, "app-2"));

        byte[] bytes = state.toBytes();
        TrackerState copy = TrackerState.fromBytes(bytes);
        assertThat(copy).isEqualTo(state);
        assertThat(copy.toBytes()).isEqualTo(bytes);
        assertThat(copy.openIncidents()).isEqualTo(state.openIncidents());

        MinuteDiagnosis next = diag(2, Team.SLB_NAT_GATEWAY, "vip=10.200.0.8", SeverityLevel.L0, "app-2");
        assertThat(tracker.step(copy, at(2), List.of(next))).isEqualTo(tracker.step(state, at(2), List.of(next)));
        assertThat(tracker.step(copy, at(4), List.of())).isEqualTo(tracker.step(state, at(4), List.of()));
        assertThat(copy).isEqualTo(state);
    }

    @Test
    void refusesOldMinutesOtherRegionsAndCorruptState() {
        step(5);
        assertThatThrownBy(() -> step(5)).hasMessage("minute " + at(5) + " of region region-a is not after the last"
                + " processed minute " + at(5));
        MinuteDiagnosis other = diag(6, Team.INTERNET, "", SeverityLevel.L0, "app-1");
        assertThatThrownBy(() -> tracker.step(TrackerState.empty("region-b"), at(6), List.of(other)))
                .hasMessageContaining("given to the tracker of region-b");
        assertThatThrownBy(() -> TrackerState.fromBytes(new byte[] {9}))
                .hasMessage("tracker state format version 9 is not supported (this code reads 1 and 2)");
        assertThatThrownBy(() -> TrackerState.fromBytes(new byte[] {2, 0}))
                .hasMessageStartingWith("corrupt tracker state (2 bytes)");
        assertThatThrownBy(() -> TrackerSettings.from(Map.of("incident.resolve_after_quiet_minutes", "0")))
                .hasMessage("incident.resolve_after_quiet_minutes must be in [1, 1440], got 0");
    }

    private static List<String> ips(String... names) {
        return List.of(names);
    }

    @Test
    void anL0IncidentOpensWhenTheNextMinuteHurtsTheSameIps() {
        // L0 in a 2 000-IP region: 3 abnormal IPs; the first minute is held back
        assertThat(step(0, diag(0, Team.PHYSICAL_NETWORK, 0.9, "tor=tor-1", SeverityLevel.L0, ips("a", "b", "c", "x"),
                "app-1"))).isEmpty();
        assertThat(state.openIncidents()).isEmpty();
        // the next minute shares a, b and c (3 = an L0 incident's worth): it opens, in the minute it is confirmed
        assertThat(step(1, diag(1, Team.PHYSICAL_NETWORK, 0.9, "tor=tor-1", SeverityLevel.L0, ips("a", "b", "c", "y"),
                "app-1"))).singleElement().satisfies(x -> {
                    assertThat(x.status()).isEqualTo(AlertStatus.OPEN);
                    assertThat(x.incidentId()).isEqualTo("region-a-20241124-0001-1");
                    assertThat(x.severity()).contains(SeverityLevel.L0);
                });
        // from then on it continues minute by minute, as any open incident
        assertThat(step(2, diag(2, Team.PHYSICAL_NETWORK, 0.9, "tor=tor-1", SeverityLevel.L0, ips("a", "z", "w"),
                "app-1"))).isEmpty();
        assertThat(state.openIncidents()).hasSize(1);
    }

    @Test
    void aNoisyContainerAmongBackgroundFlagsNeverOpensAnIncident() {
        // one container ("noisy") stays abnormal; the detector's background flags change every minute
        for (int m = 0; m < 10; m++) {
            List<IncidentAlert> a = step(m, diag(m, Team.APPLICATION, 0.9, "", SeverityLevel.L0,
                    ips("noisy", "bg-" + m, "bg-" + (m + 100)), "app-1"));
            assertThat(a).as("minute " + m).isEmpty();
        }
        // a held-back minute confirms only the very next one: a gap leaves the next L0 minute held back again
        step(20, diag(20, Team.APPLICATION, 0.9, "", SeverityLevel.L0, ips("a", "b", "c"), "app-1"));
        assertThat(step(22, diag(22, Team.APPLICATION, 0.9, "", SeverityLevel.L0, ips("a", "b", "c"), "app-1")))
                .isEmpty();
        assertThat(state.openIncidents()).isEmpty();
    }

    @Test
    void concentratedAndHigherSeverityMinutesOpenAtOnce() {
        MinuteDiagnosis host = diag(0, Team.END_HOST, 0.9, "host=h-1", null, ips("a", "b", "c"), "app-1");
        host = new MinuteDiagnosis(host.region(), host.minute(), new Emission(true, Optional.empty(),
                Optional.of(new ScopeTerm("host", "h-1")), "concentrated"), host.abnormalIps(), host.monitoredIps(),
                host.features(), host.decision(), host.route(), host.scope(), host.apps(), host.evidence(),
                host.paramVersion(), host.ips());
        assertThat(step(0, host)).extracting(IncidentAlert::status).containsExactly(AlertStatus.OPEN);
        assertThat(step(1, diag(1, Team.VIRTUAL_NETWORK, 0.9, "vswitch=v-1", SeverityLevel.L1,
                ips("p", "q", "r", "s", "t"), "app-2"))).extracting(IncidentAlert::status)
                .containsExactly(AlertStatus.OPEN);
        TrackerSettings noWait = new TrackerSettings(3, 0, 0.5, 0.6, 0.15);
        assertThat(new IncidentTracker(noWait).step(TrackerState.empty(REGION), at(0), List.of(diag(0,
                Team.PHYSICAL_NETWORK, 0.9, "tor=tor-1", SeverityLevel.L0, ips("a", "b", "c"), "app-1"))))
                .as("incident.confirm_below_level=0").extracting(IncidentAlert::status).containsExactly(AlertStatus.OPEN);
    }

    @Test
    void theSameIpsStayOneIncidentRoutedOnItsAccumulatedEvidence() {
        List<String> hurt = ips("a", "b", "c", "d", "e", "f");
        IncidentAlert open = step(0, diag(0, Team.PHYSICAL_NETWORK, 0.9, "tor=tor-1", SeverityLevel.L2, hurt, "app-1"))
                .get(0);
        step(1, diag(1, Team.PHYSICAL_NETWORK, 0.7, "tor=tor-1", SeverityLevel.L2, hurt, "app-1"));
        // one minute guessing another team, on the same containers and another scope: the same incident, still
        // routed to PHYSICAL_NETWORK (0.9 x 6 + 0.7 x 6 = 9.6 against 0.8 x 5 = 4), its confidence weighted by the
        // minutes' abnormal IPs, 9.6 / 17 = 0.56: below the 0.6 bar, but an incident already routed to the team
        // keeps it down to 0.6 - 0.15 (no flapping); only the scope change is news
        List<IncidentAlert> a = step(2, diag(2, Team.VIRTUAL_NETWORK, 0.8, "vswitch=v-1", SeverityLevel.L2,
                ips("a", "b", "c", "d", "x"), "app-1"));
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(AlertStatus.UPDATE);
            assertThat(x.incidentId()).isEqualTo(open.incidentId());
            assertThat(x.route().team()).contains(Team.PHYSICAL_NETWORK);
            assertThat(x.route().confidence()).isCloseTo(9.6 / 17, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(x.route().needsReview()).isFalse();
            assertThat(x.scopeText()).isEqualTo("vswitch=v-1");
        });
        // a second minute of VIRTUAL_NETWORK: 4 + 4.8 = 8.8, still below 9.6, but 9.6 / 23 = 0.42 is below 0.45:
        // PHYSICAL_NETWORK is now only a guess, for review
        List<IncidentAlert> c = step(3, diag(3, Team.VIRTUAL_NETWORK, 0.8, "vswitch=v-1", SeverityLevel.L2, hurt,
                "app-1"));
        assertThat(c).singleElement().satisfies(x -> {
            assertThat(x.route().team()).isEmpty();
            assertThat(x.route().needsReview()).isTrue();
            assertThat(x.route().path()).containsExactlyElementsOf(RoutingHierarchy.path(RoutingHierarchy.Side.INTRANET,
                    Team.PHYSICAL_NETWORK));
        });
        // a third outweighs it (8.8 + 5.4 = 14.2 against 9.6): the incident, same id, is re-routed
        List<IncidentAlert> b = step(4, diag(4, Team.VIRTUAL_NETWORK, 0.9, "vswitch=v-1", SeverityLevel.L2, hurt,
                "app-1"));
        assertThat(state.openIncidents()).singleElement().satisfies(x -> {
            assertThat(x.incidentId()).isEqualTo(open.incidentId());
            assertThat(x.route().path()).containsExactlyElementsOf(RoutingHierarchy.path(RoutingHierarchy.Side.INTRANET,
                    Team.VIRTUAL_NETWORK));
            assertThat(x.route().confidence()).isCloseTo(14.2 / 29, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(b).isNotEmpty();
    }

    @Test
    void aMinuteFlaggingContainersSeenEarlierInTheIncidentContinuesIt() {
        // the detector flags a different part of the hurt containers each minute
        IncidentAlert open = step(0, diag(0, Team.PHYSICAL_NETWORK, 0.9, "tor=tor-1", SeverityLevel.L2,
                ips("a", "b", "c", "d"), "app-1")).get(0);
        step(1, diag(1, Team.PHYSICAL_NETWORK, 0.9, "tor=tor-1", SeverityLevel.L2, ips("e", "f", "g", "a"), "app-1"));
        // b and c were abnormal in minute 0, not in minute 1: still the same incident, under another guess and scope
        step(2, diag(2, Team.APPLICATION, 0.9, "app=app-1", SeverityLevel.L2, ips("b", "c", "x"), "app-1"));
        assertThat(state.openIncidents()).extracting(IncidentAlert::incidentId).containsExactly(open.incidentId());
        // mostly new containers and another team: another incident
        List<IncidentAlert> other = step(3, diag(3, Team.APPLICATION, 0.9, "app=app-1", SeverityLevel.L2,
                ips("p", "q", "c"), "app-1"));
        assertThat(other).extracting(IncidentAlert::status).containsExactly(AlertStatus.OPEN);
    }

    @Test
    void readsAVersionOneStateStartingItsVoteFromTheLastRoute() throws Exception {
        step(0, diag(0, Team.PHYSICAL_NETWORK, "tor=tor-1", SeverityLevel.L2, "app-1"));
        IncidentAlert last = state.openIncidents().get(0);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF(REGION);
            out.writeLong(at(0));
            out.writeLong(at(0));
            out.writeInt(1);
            out.writeInt(1);
            out.writeByte(Team.PHYSICAL_NETWORK.ordinal());
            out.writeLong(at(0));
            TrackerStateCodec.writeAlert(out, last);
        }
        TrackerState old = TrackerState.fromBytes(bytes.toByteArray());
        assertThat(old.openIncidents()).containsExactly(last);
        // it continues like the incident it was, by team and scope (it has no IPs to compare)
        assertThat(tracker.step(old, at(1), List.of(diag(1, Team.PHYSICAL_NETWORK, "tor=tor-1", SeverityLevel.L2,
                "app-1")))).isEmpty();
        assertThat(old.openIncidents()).singleElement().satisfies(x -> assertThat(x.route().confidence()).isEqualTo(0.9));
    }

    @Test
    void scopesOverlapUnlessTheyNameACommonDimensionWithDisjointValues() {
        List<ScopeTerm> tor1 = List.of(new ScopeTerm("az", "az-1"), new ScopeTerm("tor", "tor-1"));
        assertThat(IncidentTracker.overlap(tor1, List.of(new ScopeTerm("tor", "tor-1")))).isEqualTo(1);
        assertThat(IncidentTracker.overlap(tor1, List.of(new ScopeTerm("tor", "tor-2")))).isEqualTo(-1);
        assertThat(IncidentTracker.overlap(tor1, List.of())).isZero();
        assertThat(IncidentTracker.overlap(tor1, List.of(new ScopeTerm("host", "host-3")))).isZero();
        assertThat(IncidentTracker.overlap(List.of(new ScopeTerm("vip", "a,b")), List.of(new ScopeTerm("vip", "b"))))
                .isEqualTo(1);
    }
}
