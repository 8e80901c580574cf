package io.andiag.speed.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class SingleNodeBrokerConfigTest {

    @Test
    void shouldOnlyUseSettingsKafkaKnows() {
        Set<String> known = KafkaConfig.configDef().names();
        Properties p = SingleNodeBrokerConfig.build(Path.of("/tmp/x"), 9092, 9093, Map.of());
        assertThat(p.stringPropertyNames()).allSatisfy(key -> assertThat(known).as("known broker setting").contains(key));
    }

    @Test
    void shouldCarryTheRequiredSingleNodeSettingsOfStackMd() {
        Properties p = SingleNodeBrokerConfig.build(Path.of("/tmp/x"), 9092, 9093, Map.of());
        assertThat(p).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void shouldListenOnLoopbackOnlyAndBeAValidCombinedNode() {
        Properties p = SingleNodeBrokerConfig.build(Path.of("/tmp/x"), 19092, 19093, Map.of("num.partitions", "7"));
        KafkaConfig config = KafkaConfig.fromProps(p, false);
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(config.nodeId()).isEqualTo(SingleNodeBrokerConfig.NODE_ID);
        assertThat(config.numPartitions()).isEqualTo(7); // overrides win
        assertThat(config.logDirs()).containsExactly("/tmp/x");
    }
}
