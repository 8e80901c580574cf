package io.andiag.model.config;

import io.andiag.model.series.FrequencyLevel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamTest {

    private static final Param<Double> SHARE = Param.openClosed("test.share", 0.5, 0, 1, "a share");
    private static final Param<Integer> SLOTS = Param.divisorOf("test.slots", 24, 1440, "slots");
    private static final Param<FrequencyLevel> LEVEL = Param.oneOf(FrequencyLevel.class, "test.level", FrequencyLevel.LOW, "a level");

    @Test
    void shouldReturnDefaultWhenKeyAbsent() {
        assertThat(SHARE.read(Map.of("other.key", "x"))).isEqualTo(0.5);
    }

    @Test
    void shouldParseTextAndNumbers() {
        assertThat(SHARE.read(Map.of("test.share", " 0.25 "))).isEqualTo(0.25);
        assertThat(SHARE.read(Map.of("test.share", 1))).isEqualTo(1.0);
        assertThat(SLOTS.read(Map.of("test.slots", "48"))).isEqualTo(48);
        assertThat(LEVEL.read(Map.of("test.level", "high"))).isEqualTo(FrequencyLevel.HIGH);
    }

    @Test
    void shouldNameParameterAndValueWhenOutOfRange() {
        assertThatThrownBy(() -> SHARE.check(0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.share must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> SHARE.check(Double.NaN)).hasMessageContaining("test.share");
        assertThatThrownBy(() -> SLOTS.read(Map.of("test.slots", "7")))
                .hasMessage("test.slots must be a divisor of 1440, got 7");
    }

    @Test
    void shouldNameParameterAndTextWhenUnparseable() {
        assertThatThrownBy(() -> SHARE.read(Map.of("test.share", "half")))
                .hasMessage("test.share must be in (0, 1], got 'half'");
        assertThatThrownBy(() -> LEVEL.read(Map.of("test.level", "huge")))
                .hasMessageStartingWith("test.level must be one of [ULTRA_LOW, LOW, MEDIUM, HIGH], got 'huge'");
    }

    @Test
    void shouldRejectInvalidDefaultAtDeclaration() {
        assertThatThrownBy(() -> Param.intIn("test.bad", 0, 1, 10, "bad default"))
                .hasMessage("test.bad must be an integer in [1, 10], got 0");
    }
}
