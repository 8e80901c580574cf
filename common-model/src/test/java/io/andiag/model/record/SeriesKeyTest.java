package io.andiag.model.record;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesKeyTest {

    @Test
    void shouldRoundTripItsStringForm() {
        SeriesKey k = new SeriesKey("fd00::7", Scenario.CROSS_REGION, RetxType.SYN);

        assertThat(k.asString()).isEqualTo("fd00::7|CROSS_REGION|syn");
        assertThat(SeriesKey.parse(k.asString())).isEqualTo(k);
    }

    @Test
    void shouldRefuseMalformedKeysNamingTheText() {
        assertThatThrownBy(() -> SeriesKey.parse("10.0.0.1|MARS|syn")).hasMessageContaining("10.0.0.1|MARS|syn");
        assertThatThrownBy(() -> SeriesKey.parse("10.0.0.1")).hasMessageContaining("ip|SCENARIO|type");
    }

    @Test
    void slotsShouldCoverEveryScenarioAndTypeOnce() {
        boolean[] seen = new boolean[RetxCounts.SLOTS];
        for (Scenario s : Scenario.values()) {
            for (RetxType t : RetxType.values()) {
                int slot = RetxCounts.slot(s, t);
                assertThat(seen[slot]).isFalse();
                seen[slot] = true;
                assertThat(RetxCounts.scenarioOf(slot)).isEqualTo(s);
                assertThat(RetxCounts.typeOf(slot)).isEqualTo(t);
            }
        }
    }

    @Test
    void countsShouldRefuseNegativesAndCompareByValue() {
        assertThatThrownBy(() -> RetxCounts.builder().set(Scenario.SLB, RetxType.RTO, -1)).hasMessageContaining("-1");
        assertThat(RetxCounts.builder().set(Scenario.SLB, RetxType.RTO, 2).build())
                .isEqualTo(RetxCounts.builder().add(Scenario.SLB, RetxType.RTO, 1).add(Scenario.SLB, RetxType.RTO, 1).build());
        assertThat(RetxCounts.zero().isHeartbeatOnly()).isTrue();
    }
}
