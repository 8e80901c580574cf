package io.andiag.batch.router;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.label.LabelSource;
import io.andiag.model.routing.Team;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers of the label join on hand-built labels: the expected winner of every case is read off the rule in
 * {@link LabelIndex}'s comment (same region, minute in [start, end), at least one shared IP; OPERATOR > SIMULATOR >
 * SELF, then the larger overlap, then INCIDENT before BENIGN).
 */
class LabelIndexTest {

    static final long T = 1_795_000_000_000L - 1_795_000_000_000L % 60_000L;
    static final long M = 60_000L;

    static IncidentLabel incident(String id, Team team, LabelSource source, long start, long end, String... ips) {
        return new IncidentLabel(id, LabelKind.INCIDENT, Optional.of(team), "cause", "region-a", "", start, end, 3, List.of(ips), source);
    }

    static IncidentLabel benign(String id, LabelSource source, long start, long end, String... ips) {
        return new IncidentLabel(id, LabelKind.BENIGN, Optional.empty(), "rolling_restart", "region-a", "", start, end, -1, List.of(ips),
                source);
    }

    @Test
    void shouldMatchSameRegionMinuteInsideAndASharedIp() {
        LabelIndex idx = LabelIndex.of(List.of(incident("tor", Team.PHYSICAL_NETWORK, LabelSource.SIMULATOR, T, T + 5 * M, "a", "b", "c")));

        LabelIndex.Match m = idx.match("region-a", T + 2 * M, List.of("b", "c", "x")).orElseThrow();
        assertThat(m.incidentId()).isEqualTo("tor");
        assertThat(m.team()).contains(Team.PHYSICAL_NETWORK);
        assertThat(m.overlap()).isEqualTo(2);
        assertThat(m.source()).isEqualTo(LabelSource.SIMULATOR);

        assertThat(idx.match("region-a", T, List.of("a"))).as("start is inclusive").isPresent();
        assertThat(idx.match("region-a", T + 5 * M, List.of("a"))).as("end is exclusive").isEmpty();
        assertThat(idx.match("region-a", T - M, List.of("a"))).as("before the start").isEmpty();
        assertThat(idx.match("region-b", T + M, List.of("a"))).as("another region").isEmpty();
        assertThat(idx.match("region-a", T + M, List.of("x", "y"))).as("no shared IP").isEmpty();
    }

    @Test
    void shouldLetOperatorBeatSimulatorAndBothBeatSelfWhateverTheOverlap() {
        LabelIndex idx = LabelIndex.of(List.of(
                incident("self", Team.END_HOST, LabelSource.SELF, T, T + 10 * M, "a", "b", "c", "d"),
                incident("sim", Team.VIRTUAL_NETWORK, LabelSource.SIMULATOR, T, T + 10 * M, "a", "b"),
                incident("op", Team.APPLICATION, LabelSource.OPERATOR, T + 5 * M, T + 10 * M, "a")));

        assertThat(idx.match("region-a", T + M, List.of("a", "b", "c", "d")).orElseThrow().incidentId())
                .as("SIMULATOR (2 IPs) over SELF (4 IPs)").isEqualTo("sim");
        assertThat(idx.match("region-a", T + 6 * M, List.of("a", "b", "c", "d")).orElseThrow().incidentId())
                .as("OPERATOR (1 IP) over both").isEqualTo("op");
        assertThat(idx.match("region-a", T + M, List.of("c", "d")).orElseThrow().incidentId())
                .as("SELF when it is the only one overlapping").isEqualTo("self");
    }

    @Test
    void shouldLetABenignLabelOfAStrongerSourceMeanNoIncident() {
        LabelIndex idx = LabelIndex.of(List.of(
                incident("self", Team.END_HOST, LabelSource.SELF, T, T + 10 * M, "a"),
                benign("restart", LabelSource.SIMULATOR, T, T + 10 * M, "a")));

        LabelIndex.Match m = idx.match("region-a", T + M, List.of("a")).orElseThrow();
        assertThat(m.incidentId()).isEqualTo("restart");
        assertThat(m.isIncident()).isFalse();
        assertThat(m.team()).isEmpty();
    }

    @Test
    void shouldPreferTheLargerOverlapThenTheIncidentWithinOneSource() {
        LabelIndex idx = LabelIndex.of(List.of(
                incident("small", Team.PHYSICAL_NETWORK, LabelSource.SIMULATOR, T, T + 10 * M, "a"),
                incident("large", Team.SLB_NAT_GATEWAY, LabelSource.SIMULATOR, T, T + 10 * M, "b", "c"),
                benign("tie", LabelSource.SIMULATOR, T, T + 10 * M, "d", "e")));

        assertThat(idx.match("region-a", T, List.of("a", "b", "c")).orElseThrow().incidentId()).isEqualTo("large");
        assertThat(idx.match("region-a", T, List.of("b", "c", "d", "e")).orElseThrow().incidentId())
                .as("equal overlap: INCIDENT before BENIGN").isEqualTo("large");
    }

    @Test
    void shouldCountLabelsPerSource() {
        LabelIndex idx = LabelIndex.of(List.of(
                incident("1", Team.INTERNET, LabelSource.SIMULATOR, T, T + M, "a"),
                incident("2", Team.INTERNET, LabelSource.SELF, T, T + M, "a"),
                incident("3", Team.INTERNET, LabelSource.SELF, T, T + M, "a")));
        assertThat(idx.counts()).containsEntry(LabelSource.SIMULATOR, 1).containsEntry(LabelSource.SELF, 2);
        assertThat(LabelIndex.empty().isEmpty()).isTrue();
    }
}
