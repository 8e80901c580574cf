package io.andiag.speed.config;

import io.andiag.speed.stream.StoreKind;
import io.andiag.speed.stream.TopologySettings;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpeedConfigTest {

    private static Map<String, Object> base() {
        Map<String, Object> p = new HashMap<>();
        p.put(SpeedConfig.LAKE_DIR, "/tmp/lake");
        return p;
    }

    @Test
    void shouldBuildTheTopologySettingsFromTheDefaults() {
        SpeedConfig config = new SpeedConfig(base());
        assertThat(config.inputPartitions()).as("0 = ask the broker").isEmpty();
        TopologySettings s = config.topologySettings(6);
        assertThat(s.inputPartitions()).isEqualTo(6);
        assertThat(s.closeAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.maxDetailsPerIpMinute()).isEqualTo(24);
        assertThat(s.stores()).isEqualTo(StoreKind.ROCKSDB);
        assertThat(s.tracker().quietMinutes()).isEqualTo(3);
    }

    @Test
    void shouldReadDiagnosisSettingsAndKeepThemOutOfTheKafkaProperties() {
        Map<String, Object> p = base();
        p.put("routing.confidence_bar", "0.8");
        p.put("incident.resolve_after_quiet_minutes", "5");
        p.put(SpeedConfig.INPUT_PARTITIONS, 3);
        p.put(SpeedConfig.STATE_STORES, "in_memory");
        p.put("max.poll.records", "100");
        SpeedConfig config = new SpeedConfig(p);

        TopologySettings s = config.topologySettings(config.inputPartitions().orElseThrow());
        assertThat(s.diagnosis().confidenceBar()).isEqualTo(0.8);
        assertThat(s.tracker().quietMinutes()).isEqualTo(5);
        assertThat(s.stores()).isEqualTo(StoreKind.IN_MEMORY);
        assertThat(config.streamsProperties()).containsEntry("max.poll.records", "100")
                .doesNotContainKeys("routing.confidence_bar", "incident.resolve_after_quiet_minutes");
    }

    @Test
    void shouldRefuseABadDiagnosisSettingNamingIt() {
        Map<String, Object> p = base();
        p.put("routing.confidence_bar", "1.5");
        assertThatThrownBy(() -> new SpeedConfig(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("routing.confidence_bar").hasMessageContaining("1.5");
        Map<String, Object> q = base();
        q.put(SpeedConfig.STATE_STORES, "memory");
        assertThatThrownBy(() -> new SpeedConfig(q)).isInstanceOf(ConfigException.class).hasMessageContaining(SpeedConfig.STATE_STORES);
    }
}
