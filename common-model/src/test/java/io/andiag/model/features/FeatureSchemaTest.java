package io.andiag.model.features;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureSchemaTest {

    @Test
    void namesMatchIndices() {
        assertThat(FeatureSchema.NAMES.get(FeatureSchema.RESIDUAL)).isEqualTo("residual");
        assertThat(FeatureSchema.NAMES.get(FeatureSchema.LEVEL)).isEqualTo("level");
        assertThat(FeatureSchema.NAMES.get(FeatureSchema.WINDOW_EXCESS)).isEqualTo("window_excess");
        assertThat(FeatureSchema.NAMES.get(FeatureSchema.LOG_COUNT)).isEqualTo("log_count");
        assertThat(FeatureSchema.newVector()).hasSize(FeatureSchema.SIZE);
    }

    @Test
    void shouldRefuseModelWithOtherFeatureNames() {
        assertThatCode(() -> FeatureSchema.requireCompatible(List.of("residual", "level", "window_excess", "log_count")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> FeatureSchema.requireCompatible(List.of("residual", "level", "log_count")))
                .hasMessageContaining("trained on features [residual, level, log_count]")
                .hasMessageContaining("schema v1");
    }
}
