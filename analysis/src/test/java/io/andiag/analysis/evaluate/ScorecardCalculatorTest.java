package io.andiag.analysis.evaluate;

import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.Evidence;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.Route;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.label.LabelSource;
import io.andiag.model.lake.Archived;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Known answers on a hand-built hour: 60 closed minutes of 1000 monitored IPs (two partitions of 500), three incidents
 * (one routed right, one routed wrong, one missed), one benign burst that alerts, one false alert, a label of the day
 * outside the window. Every expected value below is counted by hand from the inputs (see the comments).
 */
class ScorecardCalculatorTest {

    private static final String REGION = "region-a";
    private static final long T0 = 1_795_340_400_000L;            // 2026-11-22T10:00:00Z
    private static final long ARCHIVE0 = 1_800_000_000_000L;      // wall clock of the archive, unrelated to event time
    private static final double EPS = 1e-12;

    private static long min(int m) {
        return T0 + m * 60_000L;
    }

    /** The wall time the region-minute m closed: its second partition reported 200 ms after its first. */
    private static long closed(int m) {
        return ARCHIVE0 + m * 1000L + 200;
    }

    private static IncidentLabel label(String id, LabelKind kind, Team team, int start, int end, int level, String... ips) {
        return new IncidentLabel(id, kind, Optional.ofNullable(team), "cause", REGION, "scope", min(start), min(end),
                level, List.of(ips), LabelSource.SIMULATOR);
    }

    private static Archived<IncidentAlert> alert(String id, AlertStatus status, int first, int minute, Team team,
                                                 boolean review, long latencyMs) {
        IncidentAlert a = new IncidentAlert(id, status, REGION, min(first), min(minute), Optional.of(SeverityLevel.L2), 3,
                1000, new Route(Optional.ofNullable(team), 0.9, review, List.of()), List.of(), List.of(), 1,
                Evidence.none(), "v1");
        return new Archived<>(a, 0, 0, closed(minute) + latencyMs);
    }

    private static Archived<AbnormalSeries> abnormal(int minute, String ip) {
        return new Archived<>(new AbnormalSeries(min(minute), new SeriesKey(ip, Scenario.INTRANET, RetxType.RTO), REGION,
                9, 1, 1, 0.8, 0.6, false, Map.of(), "v1"), 0, 0, ARCHIVE0);
    }

    private static ScorecardCalculator.Inputs hour() {
        List<IncidentLabel> labels = List.of(
                label("A", LabelKind.INCIDENT, Team.PHYSICAL_NETWORK, 10, 15, 2, "a1", "a2", "a3", "a4"),
                label("B", LabelKind.INCIDENT, Team.END_HOST, 20, 25, 5, "b1", "b2"),
                label("C", LabelKind.INCIDENT, Team.APPLICATION, 30, 35, 2, "c1"),
                label("D", LabelKind.BENIGN, null, 40, 45, -1, "d1"),
                label("E", LabelKind.INCIDENT, Team.INTERNET, 120, 130, 1, "e1"));   // same day, not replayed
        List<Archived<IncidentAlert>> alerts = List.of(
                alert("inc-1", AlertStatus.OPEN, 10, 11, Team.PHYSICAL_NETWORK, false, 300),
                alert("inc-1", AlertStatus.UPDATE, 10, 12, Team.VIRTUAL_NETWORK, false, 300),  // later routes don't count
                alert("inc-1", AlertStatus.RESOLVED, 10, 17, Team.PHYSICAL_NETWORK, false, 300),
                alert("inc-2", AlertStatus.OPEN, 21, 22, Team.VIRTUAL_NETWORK, false, 1000),   // B routed wrong
                alert("inc-2", AlertStatus.UPDATE, 21, 23, Team.END_HOST, false, 1000),        // ... then right
                alert("inc-3", AlertStatus.OPEN, 41, 41, Team.END_HOST, false, 500),           // on the benign burst
                alert("inc-4", AlertStatus.OPEN, 50, 50, null, true, 2000));                   // on nothing
        List<Archived<AbnormalSeries>> abnormal = List.of(
                abnormal(11, "a1"), abnormal(11, "a2"), abnormal(11, "x9"), abnormal(12, "a1"),
                abnormal(21, "b1"), abnormal(42, "d1"),
                abnormal(5, "q1"), abnormal(5, "q2"), abnormal(50, "q3"));
        List<Archived<MonitoredCount>> monitored = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            monitored.add(new Archived<>(new MonitoredCount(min(m), REGION, 500, 0), 0, m, closed(m) - 200));
            monitored.add(new Archived<>(new MonitoredCount(min(m), REGION, 500, 1), 1, m, closed(m)));
            monitored.add(new Archived<>(new MonitoredCount(min(m), "region-b", 0, 0), 0, m, closed(m)));  // nobody there
        }
        return new ScorecardCalculator.Inputs(LocalDate.parse("2026-11-22"), labels, alerts, abnormal, monitored);
    }

    @Test
    void shouldScoreAHandCountedHour() {
        Scorecard s = new ScorecardCalculator(EvaluationSettings.defaults()).compute(hour());

        assertThat(s.window()).isEqualTo(new Scorecard.Window(min(0), min(59), 60, 3, 1, 1));

        Scorecard.Detection d = s.detection();
        assertThat(d.incidents()).isEqualTo(3);
        assertThat(d.incidentsDetected()).isEqualTo(2);                 // A and B
        assertThat(d.incidentRecall()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(d.alertedIncidents()).isEqualTo(4);
        assertThat(d.alertedOnIncidents()).isEqualTo(2);
        assertThat(d.alertedOnBenign()).isEqualTo(1);
        assertThat(d.falseAlerts()).isEqualTo(1);
        assertThat(d.incidentPrecision()).isCloseTo(2.0 / 3, within(EPS));       // 2 / (2 + 1 false)
        assertThat(d.precisionCountingBenignAsFalse()).isCloseTo(0.5, within(EPS)); // 2 / 4
        assertThat(d.benignBursts()).isEqualTo(1);
        assertThat(d.benignBurstsAlerted()).isEqualTo(1);
        // affected 4 + 2 + 1; flagged during A {a1, a2, x9}, B {b1}, C {}; of which affected a1, a2, b1
        assertThat(d.ipsAffected()).isEqualTo(7);
        assertThat(d.ipsFlaggedInIncidents()).isEqualTo(4);
        assertThat(d.ipsFlaggedAndAffected()).isEqualTo(3);
        assertThat(d.ipPrecision()).isCloseTo(0.75, within(EPS));
        assertThat(d.ipRecall()).isCloseTo(3.0 / 7, within(EPS));
        // minutes 10..49 lie in some label's [start, end + 5); the other 20 are quiet: 2/1000 at minute 5, 1/1000 at 50
        assertThat(d.quietMinutes()).isEqualTo(20);
        assertThat(d.quietFlaggedShareMean()).isCloseTo(0.003 / 20, within(EPS));
        assertThat(d.quietFlaggedShareMax()).isCloseTo(0.002, within(EPS));

        Scorecard.Routing r = s.routing();
        assertThat(r.detected()).isEqualTo(2);
        assertThat(r.routedCorrectly()).isEqualTo(1);
        assertThat(r.accuracy()).isCloseTo(0.5, within(EPS));
        assertThat(r.recall()).isCloseTo(1.0 / 3, within(EPS));
        // by the last alert: A settled on PHYSICAL_NETWORK (right), B re-routed to END_HOST (right)
        assertThat(r.settledCorrectly()).isEqualTo(2);
        assertThat(r.settledAccuracy()).isCloseTo(1.0, within(EPS));
        assertThat(r.teams()).contains(
                new Scorecard.TeamRow("PHYSICAL_NETWORK", 1, 1, 1, 1, 1.0, 1.0),
                new Scorecard.TeamRow("END_HOST", 1, 1, 0, 0, 0.0, null),
                new Scorecard.TeamRow("VIRTUAL_NETWORK", 0, 0, 1, 0, null, 0.0),
                new Scorecard.TeamRow("APPLICATION", 1, 0, 0, 0, 0.0, null));
        assertThat(r.levels()).hasSize(10).contains(
                new Scorecard.LevelRow("L2", 2, 1, 1, 0.5, 1.0, 1, 1, 1, 1.0, 1.0),
                new Scorecard.LevelRow("L5", 1, 1, 0, 0.0, 0.0, 0, 0, 0, null, null),
                new Scorecard.LevelRow("L0", 0, 0, 0, null, null, 0, 0, 0, null, null));

        Scorecard.Timing t = s.timing();
        assertThat(t.minutesToFirstAlertMedian()).isEqualTo(1.5);       // A: 11 - 10, B: 22 - 20
        assertThat(t.minutesToFirstAlertMax()).isEqualTo(2L);
        assertThat(t.alerts()).isEqualTo(7);
        assertThat(t.alertsWithCloseTime()).isEqualTo(7);
        // latencies 300, 300, 300, 500, 1000, 1000, 2000: nearest rank 4 of 7 and 7 of 7
        assertThat(t.closeToAlertP50Ms()).isEqualTo(500L);
        assertThat(t.closeToAlertP99Ms()).isEqualTo(2000L);

        assertThat(s.incidents()).extracting(Scorecard.IncidentRow::labelId).containsExactly("A", "B", "C", "D");
        assertThat(s.incidents().get(1).routedTo()).isEqualTo("VIRTUAL_NETWORK");
        assertThat(s.incidents().get(2).alertedAs()).isEmpty();
    }

    @Test
    void anAlertAfterTheSlackShouldBeFalseAndTheIncidentMissed() {
        ScorecardCalculator.Inputs base = hour();
        // inc-1 opened at minute 19: inside A's slack of 5 (end 15), outside a slack of 3
        List<Archived<IncidentAlert>> late = List.of(alert("inc-1", AlertStatus.OPEN, 19, 19, Team.PHYSICAL_NETWORK, false, 0));
        ScorecardCalculator.Inputs in = new ScorecardCalculator.Inputs(base.date(), base.labels(), late, base.abnormal(),
                base.monitored());
        assertThat(new ScorecardCalculator(new EvaluationSettings(5)).compute(in).detection().incidentsDetected()).isEqualTo(1);
        Scorecard tight = new ScorecardCalculator(new EvaluationSettings(3)).compute(in);
        assertThat(tight.detection().incidentsDetected()).isZero();
        assertThat(tight.detection().falseAlerts()).isEqualTo(1);
        assertThat(tight.timing().minutesToFirstAlertMedian()).isNull();
    }

    @Test
    void reportsShouldCarryTheNumbers() {
        Scorecard s = new ScorecardCalculator(EvaluationSettings.defaults()).compute(hour());
        assertThat(ScorecardReport.markdown(s)).contains("| incident recall | 66.7 % (2/3) |")
                .contains("| PHYSICAL_NETWORK | 1 | 1 | 1 | 1 | 100.0 % | 100.0 % |")
                .contains("p50 0.50 s, p99 2.00 s")
                .contains("| accuracy at the incident's last alert (route on its accumulated evidence) | 100.0 % (2/2) |");
        assertThat(ScorecardReport.json(s)).contains("\"incidentRecall\" : 0.6666666666666666")
                .contains("\"closeToAlertP99Ms\" : 2000");
    }
}
