package io.andiag.speed.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.andiag.model.codec.AlertCodec;
import io.andiag.speed.topics.AndTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AlertFeedTest {

    private static final TopicPartition P0 = new TopicPartition(AndTopics.ALERTS.name(), 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<ArrayNode> posts = new ArrayList<>();
    private final AlertCodec codec = new AlertCodec();

    @Test
    void shouldPrintAndForwardEveryChangeAndSkipAnUndecodableRecord() {
        consumer.assign(List.of(P0));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.addRecord(new ConsumerRecord<>(P0.topic(), 0, 0, Alerts.ID, codec.encode(Alerts.open())));
        consumer.addRecord(new ConsumerRecord<>(P0.topic(), 0, 1, "x", "{not json".getBytes(StandardCharsets.UTF_8)));
        consumer.addRecord(new ConsumerRecord<>(P0.topic(), 0, 2, Alerts.ID, codec.encode(Alerts.resolved())));
        AlertFeed feed = new AlertFeed(consumer, new PrintWriter(out), new PrintWriter(err), Optional.of(
                new AlertmanagerForwarder(alerts -> posts.add(alerts), "andiag://incident/", Duration.ofMinutes(1), () -> 0L)));

        assertThat(feed.pollOnce(Duration.ZERO)).isEqualTo(3);

        assertThat(out.toString().lines()).hasSize(4);
        assertThat(out.toString()).contains("OPEN      " + Alerts.ID, "RESOLVED  " + Alerts.ID);
        assertThat(err.toString()).contains("skipping undecodable record and.alerts/0@1", "unparseable");
        assertThat(feed.printed()).isEqualTo(2);
        assertThat(feed.undecodable()).isEqualTo(1);
        assertThat(posts).hasSize(2);
    }
}
