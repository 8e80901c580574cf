package io.andiag.batch.router;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelSource;
import io.andiag.model.routing.Router;
import io.andiag.model.routing.RoutingDecision;
import io.andiag.model.routing.RoutingFeatureSchema;
import io.andiag.model.routing.Team;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Self-labels and review on hand-built routed minutes (a stub router reads team and confidence off the features). */
class SelfLabelerTest {

    static final long T = 1_795_000_020_000L - 1_795_000_020_000L % 60_000L;
    static final long M = 60_000L;

    /** Routes to Team.values()[f[0]] with confidence f[1]. */
    static final Router STUB = new Router() {
        @Override
        public RoutingDecision route(double[] f) {
            return new RoutingDecision(Team.values()[(int) f[0]], f[1], List.of("INTRANET", "NETWORK", Team.values()[(int) f[0]].name()),
                    List.of(), "stub");
        }

        @Override
        public String version() {
            return "stub";
        }
    };

    static RouterCandidate minute(String region, int m, Team team, double confidence, String labelSource, String... ips) {
        double[] f = new double[RoutingFeatureSchema.size()];
        f[0] = team.ordinal();
        f[1] = confidence;
        String kind = labelSource == null ? null : "INCIDENT";
        return new RouterCandidate(region, T + m * M, "2026-11-21", ips, 400, m % 10, "severity", "tor=tor-1", f, "PHYSICAL_NETWORK", 0.9,
                labelSource == null ? null : "sim-1", kind, labelSource == null ? null : "END_HOST", labelSource, labelSource == null ? 0 : 1);
    }

    @Test
    void shouldMergeConsecutiveConfidentMinutesOfOneTeamIntoOneSelfLabel() {
        List<RouterCandidate> day = List.of(
                minute("region-a", 0, Team.VIRTUAL_NETWORK, 0.9, null, "a", "b"),
                minute("region-a", 1, Team.VIRTUAL_NETWORK, 0.95, null, "b", "c", "d"),
                minute("region-a", 3, Team.VIRTUAL_NETWORK, 0.85, null, "e"),      // 2 minutes later: same run
                minute("region-a", 10, Team.VIRTUAL_NETWORK, 0.9, null, "a"),      // 7 minutes later: a new run
                minute("region-a", 11, Team.VIRTUAL_NETWORK, 0.9, null, "a"));
        SelfLabeler.Result r = SelfLabeler.label(day, STUB, 0.8, 2);

        assertThat(r.labels()).hasSize(2);
        IncidentLabel first = r.labels().get(0);
        assertThat(first.source()).isEqualTo(LabelSource.SELF);
        assertThat(first.team()).contains(Team.VIRTUAL_NETWORK);
        assertThat(first.startTs()).isEqualTo(T);
        assertThat(first.endTs()).isEqualTo(T + 4 * M);
        assertThat(first.affectedIps()).containsExactly("a", "b", "c", "d", "e");
        assertThat(first.severity()).isEqualTo(3);
        assertThat(first.incidentId()).startsWith("self-region-a-");
        assertThat(first.cause()).isEqualTo(SelfLabeler.CAUSE);
        assertThat(r.labels().get(1).startTs()).isEqualTo(T + 10 * M);
        assertThat(r.confident()).isEqualTo(5);
        assertThat(r.review()).isEmpty();
    }

    @Test
    void shouldSendBelowBarAndShortRunsToReviewAndBreakRunsOnThem() {
        List<RouterCandidate> day = List.of(
                minute("region-a", 0, Team.INTERNET, 0.9, null, "a"),
                minute("region-a", 1, Team.INTERNET, 0.5, null, "a"),             // below the bar: breaks the run
                minute("region-a", 2, Team.INTERNET, 0.9, null, "a"),
                minute("region-a", 3, Team.END_HOST, 0.9, null, "a"),             // other team: breaks the run
                minute("region-b", 4, Team.END_HOST, 0.9, null, "a"));            // other region
        SelfLabeler.Result r = SelfLabeler.label(day, STUB, 0.8, 2);

        assertThat(r.labels()).isEmpty();
        assertThat(r.review()).hasSize(5);
        assertThat(r.review()).filteredOn(x -> x.reason().equals(SelfLabeler.BELOW_BAR)).hasSize(1);
        assertThat(r.review()).filteredOn(x -> x.reason().equals(SelfLabeler.SHORT_RUN)).hasSize(4);
        assertThat(r.review().get(1).decision().team()).as("the best guess is kept").isEqualTo(Team.INTERNET);
        assertThat(SelfLabeler.label(day, STUB, 0.8, 1).labels()).as("runs of one minute allowed").hasSize(4);
    }

    @Test
    void shouldLeaveMinutesWithASimulatorOrOperatorLabelAlone() {
        List<RouterCandidate> day = List.of(
                minute("region-a", 0, Team.INTERNET, 0.99, "SIMULATOR", "a"),
                minute("region-a", 1, Team.INTERNET, 0.99, "OPERATOR", "a"),
                minute("region-a", 2, Team.INTERNET, 0.1, "SIMULATOR", "a"));
        SelfLabeler.Result r = SelfLabeler.label(day, STUB, 0.8, 1);
        assertThat(r.labels()).isEmpty();
        assertThat(r.review()).isEmpty();
        assertThat(r.alreadyLabelled()).isEqualTo(3);
    }
}
