package io.andiag.model.noise;

import io.andiag.model.noise.NoiseModel.Kind;
import io.andiag.model.series.FrequencyLevel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static io.andiag.model.testing.SeriesGenerator.START_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoiseModelTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void shouldLookUpHourlySlotsAtBoundaries() {
        double[] base = new double[24];
        double[] spread = new double[24];
        for (int s = 0; s < 24; s++) {
            base[s] = s;
            spread[s] = 1 + s;
        }
        NoiseModel m = NoiseModel.of(Kind.SLOTTED, base, spread, 1, 2);
        assertThat(m.slotOf(START_MS + HOUR - 1)).isZero();
        assertThat(m.slotOf(START_MS + HOUR)).isEqualTo(1);
        assertThat(m.slotOf(START_MS + 23 * HOUR + 59 * 60_000L)).isEqualTo(23);
        assertThat(m.slotOf(-1)).isEqualTo(23); // 1969-12-31T23:59:59.999Z
        assertThat(m.expected(START_MS + 5 * HOUR)).isEqualTo(5.0);
        assertThat(m.spread(START_MS + 5 * HOUR)).isEqualTo(6.0);
    }

    @Test
    void shouldRoundTripThroughPersistedParts() throws Exception {
        NoiseModel m = NoiseModel.of(Kind.SLOTTED, new double[] {1, 2, 3, 4}, new double[] {1, 1, 2, 2}, 1.0, 1.6);
        NoiseModel rebuilt = NoiseModel.of(Kind.valueOf(m.kind().name()), m.baselines(), m.spreads(), m.penalty(), m.scale());
        assertThat(rebuilt).isEqualTo(m);
        assertThat(rebuilt.slots()).isEqualTo(4);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(m);
        }
    }

    @Test
    void shouldNotExposeInternalArrays() {
        NoiseModel m = NoiseModel.of(Kind.ROBUST, new double[] {1}, new double[] {2}, 1, 2);
        m.baselines()[0] = 99;
        assertThat(m.expected(0)).isEqualTo(1.0);
    }

    @Test
    void shouldRejectInvalidPartsNamingThem() {
        assertThatThrownBy(() -> NoiseModel.of(Kind.ROBUST, new double[] {1, 2}, new double[] {1, 1}, 1, 1))
                .hasMessage("ROBUST model must have 1 slot, got 2");
        assertThatThrownBy(() -> NoiseModel.of(Kind.SLOTTED, new double[7], new double[7], 1, 1))
                .hasMessage("slots must divide 1440 minutes, got 7");
        assertThatThrownBy(() -> NoiseModel.of(Kind.SLOTTED, new double[] {1, 1}, new double[] {1, 0}, 1, 1))
                .hasMessage("spread[1] must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> NoiseModel.of(Kind.ROBUST, new double[] {-1}, new double[] {1}, 1, 1))
                .hasMessage("baseline[0] must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> NoiseModel.of(Kind.ROBUST, new double[] {1}, new double[] {1}, 0.5, 1))
                .hasMessage("penalty must be finite and >= 1, got 0.5");
        assertThatThrownBy(() -> NoiseModel.of(Kind.ROBUST, new double[] {1}, new double[] {1}, 1, Double.NaN))
                .hasMessage("scale must be finite and > 0, got NaN");
    }

    @Test
    void coldStartIsConstantModelOfThePriorForTheLevel() {
        ColdStartPrior prior = ColdStartPrior.fallback(ColdStartSettings.defaults());
        NoiseModel m = NoiseModel.coldStart(FrequencyLevel.LOW, prior);
        assertThat(m.kind()).isEqualTo(Kind.CONSTANT);
        assertThat(m.expected(0)).isEqualTo(0.1);
        assertThat(m.spread(0)).isEqualTo(1.0);
        assertThat(m.penalty()).isEqualTo(2.0);
        // no level known: detection.coldstart.level (MEDIUM)
        assertThat(NoiseModel.coldStart(prior)).isEqualTo(NoiseModel.coldStart(FrequencyLevel.MEDIUM, prior));
    }

    @Test
    void coldStartPriorTakesQuantilesOfFittedModelsPerLevel() {
        ColdStartSettings median = new ColdStartSettings(0.5, 2.0, 0.5, FrequencyLevel.MEDIUM);
        FrequencyLevel[] levels = {FrequencyLevel.LOW, FrequencyLevel.LOW, FrequencyLevel.LOW, FrequencyLevel.HIGH};
        NoiseModel[] models = {
                NoiseModel.of(Kind.ROBUST, new double[] {1}, new double[] {1}, 1, 1),
                NoiseModel.of(Kind.ROBUST, new double[] {3}, new double[] {3}, 1, 3),
                NoiseModel.of(Kind.SLOTTED, new double[] {1, 3}, new double[] {2, 2}, 1, 2), // mean baseline 2
                NoiseModel.of(Kind.ROBUST, new double[] {40}, new double[] {8}, 1, 8)};
        ColdStartPrior prior = ColdStartPrior.estimate(median, levels, models);
        // LOW: median of mean baselines {1, 3, 2} = 2, of scales {1, 3, 2} = 2; HIGH: the one model
        assertThat(prior.baseline(FrequencyLevel.LOW)).isEqualTo(2.0);
        assertThat(prior.spread(FrequencyLevel.LOW)).isEqualTo(2.0);
        assertThat(prior.baseline(FrequencyLevel.HIGH)).isEqualTo(40.0);
        // levels without fitted series keep the built-in values
        assertThat(prior.baseline(FrequencyLevel.MEDIUM)).isEqualTo(1.0);
        assertThat(ColdStartPrior.of(prior.baselines(), prior.spreads(), prior.penalty(), prior.quality(), prior.level()))
                .isEqualTo(prior);
    }

    @Test
    void coldStartPriorInterpolatesQuantiles() {
        // position q (n - 1) = 0.9 * 4 = 3.6 in {0, 1, 2, 3, 4}: 3 + 0.6 * (4 - 3) = 3.6
        assertThat(ColdStartPrior.quantile(new double[] {4, 0, 2, 1, 3}, 0.9)).isEqualTo(3.6, org.assertj.core.api.Assertions.within(1e-12));
    }
}
