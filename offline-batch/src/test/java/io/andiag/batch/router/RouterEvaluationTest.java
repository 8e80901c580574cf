package io.andiag.batch.router;

import io.andiag.model.routing.RoutingFeatureSchema;
import io.andiag.model.routing.Team;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RouterEvaluationTest {

    static RouterTrainer.Example ex(Team truth, Team routed, String incident) {
        double[] f = new double[RoutingFeatureSchema.size()];
        f[0] = routed.ordinal();
        f[1] = 0.9;
        return new RouterTrainer.Example(f, truth, incident);
    }

    /**
     * 4 minutes of PHYSICAL_NETWORK (3 routed right, 1 to VIRTUAL_NETWORK), 2 of VIRTUAL_NETWORK (both right), 1 END_HOST
     * routed to PHYSICAL_NETWORK. By hand: PHYSICAL precision 3/4, recall 3/4; VIRTUAL precision 2/3, recall 1; END_HOST
     * precision NaN (never predicted), recall 0; accuracy 5/7.
     */
    @Test
    void shouldCountPrecisionRecallSupportAndAccuracy() {
        List<RouterTrainer.Example> ex = new ArrayList<>(List.of(
                ex(Team.PHYSICAL_NETWORK, Team.PHYSICAL_NETWORK, "p1"), ex(Team.PHYSICAL_NETWORK, Team.PHYSICAL_NETWORK, "p1"),
                ex(Team.PHYSICAL_NETWORK, Team.PHYSICAL_NETWORK, "p2"), ex(Team.PHYSICAL_NETWORK, Team.VIRTUAL_NETWORK, "p2"),
                ex(Team.VIRTUAL_NETWORK, Team.VIRTUAL_NETWORK, "v1"), ex(Team.VIRTUAL_NETWORK, Team.VIRTUAL_NETWORK, "v1"),
                ex(Team.END_HOST, Team.PHYSICAL_NETWORK, "e1")));
        RouterEvaluation e = RouterEvaluation.of(SelfLabelerTest.STUB, ex, 0.6);

        assertThat(e.total()).isEqualTo(7);
        assertThat(e.accuracy()).isCloseTo(5.0 / 7, within(1e-12));
        RouterEvaluation.TeamStats p = e.teams().get(Team.PHYSICAL_NETWORK);
        assertThat(p.precision()).isCloseTo(0.75, within(1e-12));
        assertThat(p.recall()).isCloseTo(0.75, within(1e-12));
        assertThat(p.support()).isEqualTo(4);
        assertThat(p.incidents()).isEqualTo(2);
        assertThat(p.incidentsRecalled()).as("p2 is a 1-1 tie: no majority").isEqualTo(1);
        assertThat(e.teams().get(Team.VIRTUAL_NETWORK).precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.teams().get(Team.VIRTUAL_NETWORK).recall()).isEqualTo(1.0);
        assertThat(e.teams().get(Team.END_HOST).precision()).isNaN();
        assertThat(e.teams().get(Team.END_HOST).recall()).isZero();
        assertThat(e.belowBarShare()).isZero();
        assertThat(e.toJson().path("teams").path("END_HOST").path("precision").isNull()).isTrue();
        assertThat(e.table("t")).anyMatch(l -> l.contains("PHYSICAL_NETWORK") && l.contains("75.0%"));
    }
}
