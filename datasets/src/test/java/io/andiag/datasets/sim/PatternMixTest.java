package io.andiag.datasets.sim;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PatternMixTest {

    @Test
    void unstableShareIsSplitEvenlyBetweenMeanShiftAndHybrid() {
        PatternMix m = PatternMix.parse("stable=0.3,seasonal=0.5,unstable=0.2");
        assertThat(m.stable()).isCloseTo(0.3, within(1e-9));
        assertThat(m.meanShift()).isCloseTo(0.1, within(1e-9));
        assertThat(m.hybrid()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void explicitSharesWinAndTheMixIsNormalised() {
        PatternMix m = PatternMix.parse("stable=1,seasonal=1,mean_shift=1,hybrid=1");
        assertThat(m.share(Pattern.HYBRID)).isCloseTo(0.25, within(1e-9));
        assertThat(PatternMix.parse("").stable()).isCloseTo(0.41, within(1e-9));
    }

    @Test
    void badMixAndBadOptionsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> PatternMix.parse("stable=x")).hasMessageContaining("stable=x");
        assertThatThrownBy(() -> PatternMix.parse("chaos=0.2")).hasMessageContaining("chaos");
        SimConfig ok = SimConfig.defaults(Path.of("/tmp/x"));
        assertThatThrownBy(() -> ok.withIntervalS(7)).hasMessageContaining("--interval-s").hasMessageContaining("7");
        assertThatThrownBy(() -> ok.withIps(10)).hasMessageContaining("--ips");
        assertThatThrownBy(() -> ok.withEvents(100, 30)).hasMessageContaining("--incidents-per-day");
    }
}
