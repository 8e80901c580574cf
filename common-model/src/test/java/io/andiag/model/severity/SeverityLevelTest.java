package io.andiag.model.severity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeverityLevelTest {

    @Test
    void shouldFollowTheThousandthsDefinition() {
        // 2000 monitored IPs: L0 needs > 2 abnormal (0.1 %), L9 needs > 20 (1 %).
        assertThat(SeverityLevel.of(2, 2000)).isEmpty();
        assertThat(SeverityLevel.of(3, 2000)).contains(SeverityLevel.L0);
        assertThat(SeverityLevel.of(4, 2000)).contains(SeverityLevel.L0);
        assertThat(SeverityLevel.of(5, 2000)).contains(SeverityLevel.L1);
        assertThat(SeverityLevel.of(20, 2000)).contains(SeverityLevel.L8);
        assertThat(SeverityLevel.of(21, 2000)).contains(SeverityLevel.L9);
        assertThat(SeverityLevel.of(2000, 2000)).contains(SeverityLevel.L9);
    }

    @Test
    void minAbnormalShouldBeTheSmallestCountReachingTheLevel() {
        for (long monitored : new long[]{1, 7, 999, 1000, 2000, 123_457, 1_000_000}) {
            for (SeverityLevel l : SeverityLevel.values()) {
                long min = l.minAbnormal(monitored);
                assertThat(SeverityLevel.of(min, monitored)).as("%s of %d", l, monitored)
                        .hasValueSatisfying(found -> assertThat(found.level()).isGreaterThanOrEqualTo(l.level()));
                if (min > 0) {
                    assertThat(SeverityLevel.of(min - 1, monitored).map(SeverityLevel::level).orElse(-1))
                            .as("%s of %d minus one", l, monitored).isLessThan(l.level());
                }
            }
        }
    }

    @Test
    void shouldBeEmptyWhenNothingIsMonitoredAndRejectNegatives() {
        assertThat(SeverityLevel.of(0, 0)).isEmpty();
        assertThatThrownBy(() -> SeverityLevel.of(-1, 10)).hasMessageContaining("abnormal=-1");
        assertThatThrownBy(() -> SeverityLevel.ofLevel(10)).hasMessageContaining("10");
    }
}
