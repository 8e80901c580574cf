package io.andiag.batch.router;

import io.andiag.model.routing.RoutingFeatureSchema;
import io.andiag.model.routing.Team;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HoldoutSplitTest {

    /** n incidents of {@code team}, each with 1..5 minutes. */
    static List<RouterTrainer.Example> incidents(Team team, int n) {
        List<RouterTrainer.Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int m = 0; m <= i % 5; m++) {
                out.add(new RouterTrainer.Example(new double[RoutingFeatureSchema.size()], team, team + "-" + i));
            }
        }
        return out;
    }

    @Test
    void shouldKeepTheMinutesOfOneIncidentOnOneSideAndHoldOutEveryTeamWithTwoIncidents() {
        List<RouterTrainer.Example> all = new ArrayList<>();
        all.addAll(incidents(Team.PHYSICAL_NETWORK, 8));
        all.addAll(incidents(Team.END_HOST, 2));
        all.addAll(incidents(Team.APPLICATION, 1));
        HoldoutSplit s = HoldoutSplit.of(all, 0.25, 17);

        Set<String> train = new HashSet<>();
        s.train().forEach(e -> train.add(e.incident()));
        Set<String> held = new HashSet<>();
        s.heldOut().forEach(e -> held.add(e.incident()));
        assertThat(train).doesNotContainAnyElementsOf(held);
        assertThat(held).isEqualTo(s.heldOutIncidents());
        assertThat(s.train().size() + s.heldOut().size()).isEqualTo(all.size());
        assertThat(held.stream().filter(i -> i.startsWith("PHYSICAL"))).hasSize(2); // round(0.25 * 8)
        assertThat(held.stream().filter(i -> i.startsWith("END_HOST"))).hasSize(1); // at least one, never all
        assertThat(held.stream().filter(i -> i.startsWith("APPLICATION"))).isEmpty(); // a lone incident is trained on
    }

    @Test
    void shouldBeDeterministicForASeedAndDifferForAnother() {
        List<RouterTrainer.Example> all = incidents(Team.INTERNET, 20);
        assertThat(HoldoutSplit.of(all, 0.25, 17).heldOutIncidents()).isEqualTo(HoldoutSplit.of(all, 0.25, 17).heldOutIncidents());
        assertThat(HoldoutSplit.of(all, 0.25, 17).heldOutIncidents()).isNotEqualTo(HoldoutSplit.of(all, 0.25, 18).heldOutIncidents());
        assertThat(HoldoutSplit.of(all, 0.0, 17).heldOut()).isEmpty();
    }
}
