package io.andiag.speed.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class AndTopicsTest {

    /** The topic names of the wire contract in ARCHITECTURE.md, plus the monitored-IP counts. */
    private static final List<String> CONTRACT_TOPICS = List.of(
            "and.retx.counters", "and.retx.details", "and.abnormal", "and.alerts", "and.deadletter", "and.monitored");

    @Test
    void shouldDeclareEveryContractTopicExactlyOnce() {
        List<String> names = AndTopics.ALL.stream().map(Topic::name).toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(CONTRACT_TOPICS);
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void shouldFindEachTopicByName() {
        for (String name : CONTRACT_TOPICS) {
            assertThat(AndTopics.byName(name)).get().extracting(Topic::name).isEqualTo(name);
        }
        assertThat(AndTopics.byName("and.nope")).isEmpty();
    }

    @Test
    void shouldKeepTheInputTopicsCoPartitioned() {
        assertThat(AndTopics.INPUTS).containsExactly(AndTopics.RETX_COUNTERS, AndTopics.RETX_DETAILS);
        assertThat(AndTopics.INPUTS).allSatisfy(t -> assertThat(t.defaultPartitions()).isEqualTo(AndTopics.INPUT_PARTITIONS));
        var partitions = AndTopics.partitions(12);
        assertThat(partitions.applyAsInt(AndTopics.RETX_COUNTERS)).isEqualTo(12);
        assertThat(partitions.applyAsInt(AndTopics.RETX_DETAILS)).isEqualTo(12);
        assertThat(partitions.applyAsInt(AndTopics.ALERTS)).isEqualTo(AndTopics.DERIVED_PARTITIONS);
        assertThatThrownBy(() -> AndTopics.partitions(0)).hasMessageContaining("inputPartitions").hasMessageContaining("0");
    }

    @Test
    void shouldGiveEveryTopicADeletePolicyAndAFiniteRetention() {
        assertThat(AndTopics.ALL).allSatisfy(t -> {
            assertThat(t.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            assertThat(t.retention()).get().matches(r -> r.compareTo(Duration.ofHours(1)) >= 0 && r.compareTo(Duration.ofDays(30)) <= 0);
            assertThat(t.description()).isNotBlank();
        });
    }

    @Test
    void shouldStampInputRecordsWithTheirArrivalTimeAndKeepEventTimeOnDerivedTopics() {
        assertThat(AndTopics.INPUTS).allSatisfy(t ->
                assertThat(t.configs()).containsEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
        assertThat(AndTopics.ALL).filteredOn(t -> !AndTopics.INPUTS.contains(t)).allSatisfy(t ->
                assertThat(t.configs()).doesNotContainKey(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG));
    }

    @Test
    void shouldBuildCreationRequestsWithTheBrokersReplicationFactor() {
        NewTopic nt = AndTopics.RETX_COUNTERS.newTopic(4);
        assertThat(nt.name()).isEqualTo("and.retx.counters");
        assertThat(nt.numPartitions()).isEqualTo(4);
        assertThat(nt.replicationFactor()).isEqualTo((short) -1); // -1: broker's default.replication.factor
        assertThat(nt.configs()).isEqualTo(AndTopics.RETX_COUNTERS.configs());
    }

    @Test
    void shouldKeepNameAndConfigsWhenSerdesChange() {
        Topic<String, String> asText = AndTopics.RETX_COUNTERS.withSerdes(Serdes.String(), Serdes.String());
        assertThat(asText.name()).isEqualTo(AndTopics.RETX_COUNTERS.name());
        assertThat(asText.defaultPartitions()).isEqualTo(AndTopics.RETX_COUNTERS.defaultPartitions());
        assertThat(asText.configs()).isEqualTo(AndTopics.RETX_COUNTERS.configs());
        assertThat(asText.valueSerde().deserializer().deserialize("t", "x".getBytes())).isEqualTo("x");
    }

    @Test
    void shouldRejectBadDeclarations() {
        assertThatThrownBy(() -> Topic.named("bad name!", Serdes.String(), Serdes.String()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name!");
        assertThatThrownBy(() -> Topic.named("t", Serdes.String(), Serdes.String()).partitions(0))
                .hasMessageContaining("partitions").hasMessageContaining("0");
        assertThatThrownBy(() -> Topic.named("t", Serdes.String(), Serdes.String()).retention(Duration.ZERO))
                .hasMessageContaining("retention");
        assertThatThrownBy(() -> AndTopics.ALERTS.newTopic(0)).hasMessageContaining("partitions");
        assertThatThrownBy(() -> AndTopics.ALERTS.configs().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
