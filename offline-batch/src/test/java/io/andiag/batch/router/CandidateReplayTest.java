package io.andiag.batch.router;

import io.andiag.model.incident.Diagnoser;
import io.andiag.model.incident.DiagnosisSettings;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.label.LabelSource;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.routing.RoutingFeature;
import io.andiag.model.routing.RuleRouter;
import io.andiag.model.routing.RuleRouterSettings;
import io.andiag.model.routing.Team;
import io.andiag.model.routing.TestRegion;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Known answers of the candidate aggregation (one region-minute of abnormal IP-minutes, their detail rows and the day's
 * attributes, as the Spark cogroup hands them to {@link CandidateReplay#candidate}) on common-model's hand-built
 * {@link TestRegion} (80 containers, tor-1 = containers 0..19 on hosts 1..4 of az-1). Expected values are worked out by
 * hand from the region's layout and docs/routing.md.
 */
class CandidateReplayTest {

    static final long MINUTE = TestRegion.T0 + 7 * 60_000L;
    static final String DAY = CandidateReplay.dayOf(MINUTE);
    static final int INTRANET_RTO = 1 << RetxCounts.slot(Scenario.INTRANET, RetxType.RTO);

    static final Diagnoser DIAGNOSER = new Diagnoser(DiagnosisSettings.DEFAULTS, new RuleRouter(RuleRouterSettings.DEFAULTS));

    /** The region's containers and its destinations, as the day's ip_attributes snapshot. */
    static AttributeSnapshots snapshot() {
        List<IpAttributes> all = new ArrayList<>(TestRegion.containers());
        for (String dst : List.of(TestRegion.VIP1, TestRegion.VIP2, TestRegion.NAT, TestRegion.REMOTE, TestRegion.INTERNET_SERVICE)) {
            all.add(TestRegion.lookup(dst));
        }
        return AttributeSnapshots.of(Map.of(DAY, all));
    }

    static CandidateReplay.Context context(LabelIndex labels) {
        int[] monitored = new int[10];
        monitored[7] = 400;                       // minute 7 of the window: 400 IPs with a heartbeat
        return new CandidateReplay.Context(snapshot(), Map.of(TestRegion.REGION, monitored), TestRegion.T0, labels);
    }

    /** A detail row in the column order CandidateReplay reads (lake columns, then the minute). */
    static Row detail(int src, String dip, int dport) {
        return RowFactory.create(MINUTE + 1_000L, TestRegion.ip(src), 41_000 + src, dip, dport, RetxType.RTO.wireName(),
                Scenario.INTRANET.wireName(), 811, "java", MINUTE);
    }

    /** Containers 10, 3, 7, 0, 15, 12 of tor-1 (given out of order), intranet RTO, each with one detail to az-2. */
    static List<CandidateReplay.AbnormalIpMinute> torSources() {
        List<CandidateReplay.AbnormalIpMinute> out = new ArrayList<>();
        for (int i : new int[] {10, 3, 7, 0, 15, 12}) {
            out.add(new CandidateReplay.AbnormalIpMinute(TestRegion.ip(i), MINUTE, INTRANET_RTO, 4));
        }
        return out;
    }

    static List<Row> torDetails() {
        List<Row> out = new ArrayList<>();
        for (int i : new int[] {10, 3, 7, 0, 15, 12}) {
            out.add(detail(i, TestRegion.ip(i + 40), 6379));
        }
        return out;
    }

    @Test
    void shouldAggregateOneRegionMinuteIntoOneEmittedCandidateWithItsLabel() {
        IncidentLabel tor = new IncidentLabel("sim-tor-1", LabelKind.INCIDENT, Optional.of(Team.PHYSICAL_NETWORK), "tor_down",
                TestRegion.REGION, "az=az-1 & tor=tor-1", MINUTE - 120_000L, MINUTE + 300_000L, 5,
                List.of(TestRegion.ip(0), TestRegion.ip(3), TestRegion.ip(19)), LabelSource.SIMULATOR);

        RouterCandidate c = CandidateReplay.candidate(TestRegion.REGION, MINUTE, torSources(), torDetails(),
                context(LabelIndex.of(List.of(tor))), DIAGNOSER);

        assertThat(c).isNotNull();
        assertThat(c.abnormalIps()).as("sorted").containsExactly("10.0.0.1", "10.0.0.11", "10.0.0.13", "10.0.0.16", "10.0.0.4",
                "10.0.0.8");
        assertThat(c.dt()).isEqualTo(DAY);
        assertThat(c.monitoredIps()).as("the monitored count of minute 7 of the window").isEqualTo(400);
        // 6 abnormal of 400 monitored = 1.5 %: above (k+1)/1000 for every k up to 9.
        assertThat(c.severity()).isEqualTo(9);
        assertThat(c.emitReason()).isEqualTo("severity");
        assertThat(c.scope()).isEqualTo("az=az-1 & tor=tor-1");
        assertThat(c.features()[RoutingFeature.SRC_TOP_TOR_SHARE.ordinal()]).isEqualTo(1.0);
        // containers 0,3 on host-1, 7 on host-2, 10,12 on host-3, 15 on host-4: top host holds 2 of 6
        assertThat(c.features()[RoutingFeature.SRC_TOP1_HOST_SHARE.ordinal()]).isCloseTo(2.0 / 6, within(1e-12));
        // every detail goes from az-1 to az-2
        assertThat(c.features()[RoutingFeature.CROSS_AZ_SHARE.ordinal()]).isEqualTo(1.0);
        assertThat(c.features()[RoutingFeature.ABNORMAL_SHARE.ordinal()]).isCloseTo(6.0 / 400, within(1e-12));
        assertThat(c.ruleTeam()).isEqualTo(Team.PHYSICAL_NETWORK.name());
        assertThat(c.labelId()).isEqualTo("sim-tor-1");
        assertThat(c.labelSource()).isEqualTo("SIMULATOR");
        assertThat(c.labelOverlap()).as("containers 0 and 3 are among the label's IPs").isEqualTo(2);
        assertThat(c.team()).contains(Team.PHYSICAL_NETWORK);

        RouterCandidate back = RouterCandidate.fromRow(c.toRow());
        assertThat(back.abnormalIps()).containsExactly(c.abnormalIps());
        assertThat(back.features()).containsExactly(c.features());
        assertThat(back.team()).isEqualTo(c.team());
    }

    @Test
    void shouldLeaveACandidateUnlabelledWhenTheLabelIsOverOrSharesNoIp() {
        IncidentLabel over = new IncidentLabel("sim-old", LabelKind.INCIDENT, Optional.of(Team.END_HOST), "host_down",
                TestRegion.REGION, "", MINUTE - 600_000L, MINUTE, 5, List.of(TestRegion.ip(0)), LabelSource.SIMULATOR);
        IncidentLabel other = new IncidentLabel("sim-other", LabelKind.INCIDENT, Optional.of(Team.END_HOST), "host_down",
                TestRegion.REGION, "", MINUTE, MINUTE + 60_000L, 5, List.of(TestRegion.ip(79)), LabelSource.SIMULATOR);

        RouterCandidate c = CandidateReplay.candidate(TestRegion.REGION, MINUTE, torSources(), torDetails(),
                context(LabelIndex.of(List.of(over, other))), DIAGNOSER);

        assertThat(c.isLabelled()).isFalse();
        assertThat(c.team()).isEmpty();
        assertThat(c.labelOverlap()).isZero();
    }

    @Test
    void shouldNotEmitOneNoisyContainerBelowL0() {
        int[] many = new int[10];
        many[7] = 100_000;                                // 1 abnormal of 100 000: below L0, no concentration
        CandidateReplay.Context ctx = new CandidateReplay.Context(snapshot(), Map.of(TestRegion.REGION, many), TestRegion.T0,
                LabelIndex.empty());
        RouterCandidate c = CandidateReplay.candidate(TestRegion.REGION, MINUTE,
                List.of(new CandidateReplay.AbnormalIpMinute(TestRegion.ip(5), MINUTE, INTRANET_RTO, 9)),
                List.of(detail(5, TestRegion.ip(50), 6379)), ctx, DIAGNOSER);
        assertThat(c).isNull();
    }

    @Test
    void shouldPutSourcesWithoutAttributesInTheDefaultRegion() {
        AttributeSnapshots.Day day = snapshot().day(DAY);
        assertThat(day.regionOf(TestRegion.ip(3))).isEqualTo(TestRegion.REGION);
        assertThat(day.regionOf("192.0.2.1")).isEqualTo(AttributeSnapshots.DEFAULT_REGION);
        assertThat(snapshot().day("1999-01-01").regionOf(TestRegion.ip(3))).as("a day without a snapshot")
                .isEqualTo(AttributeSnapshots.DEFAULT_REGION);
        assertThat(day.population(TestRegion.REGION).total()).isEqualTo(TestRegion.N);
    }
}
