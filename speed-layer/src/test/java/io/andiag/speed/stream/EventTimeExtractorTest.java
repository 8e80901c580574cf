package io.andiag.speed.stream;

import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.record.CounterRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimeExtractorTest {

    private static final long EVENT_TS = 1_764_979_215_000L;          // the JSON ts: 2025-12-06T00:00:15Z
    private static final long APPENDED_AT = EVENT_TS + 86_400_000L;    // replayed a day later: the broker's append time

    private final WireInput<CounterRecord> counters = WireInput.counters(new CounterCodec(TimestampBounds.historical()));
    private final EventTimeExtractor<CounterRecord> extractor = counters.eventTime();

    private ConsumerRecord<Object, Object> arrived(String json) {
        byte[] bytes = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        Received<CounterRecord> value = counters.serde().deserializer().deserialize("and.retx.counters", bytes);
        return new ConsumerRecord<>("and.retx.counters", 0, 42L, APPENDED_AT, TimestampType.LOG_APPEND_TIME,
                bytes == null ? -1 : bytes.length, -1, "10.0.0.1", value, new RecordHeaders(), Optional.empty());
    }

    @Test
    void anAcceptedRecordIsTimedByItsEventTimeNotByItsArrival() {
        ConsumerRecord<Object, Object> r = arrived("{\"v\":1,\"ts\":" + EVENT_TS
                + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"SLB\":{\"syn\":3}}}");

        assertThat(extractor.extract(r, EVENT_TS - 60_000L)).isEqualTo(EVENT_TS);
        assertThat(extractor.extract(r, -1L)).isEqualTo(EVENT_TS);
    }

    @Test
    void aRefusedRecordKeepsItsPartitionsTime() {
        ConsumerRecord<Object, Object> unparseable = arrived("{not json");
        ConsumerRecord<Object, Object> negative = arrived("{\"v\":1,\"ts\":" + EVENT_TS
                + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"SLB\":{\"syn\":-1}}}");
        ConsumerRecord<Object, Object> empty = arrived(null);

        assertThat(extractor.extract(unparseable, EVENT_TS)).isEqualTo(EVENT_TS);
        assertThat(extractor.extract(negative, EVENT_TS)).isEqualTo(EVENT_TS);
        assertThat(extractor.extract(empty, EVENT_TS)).isEqualTo(EVENT_TS);
        assertThat(extractor.extract(unparseable, -1L)).as("before the partition has a time").isZero();
    }

    @Test
    void theSerdeDecodesOnceAndGivesBackTheBytesItRead() {
        byte[] bytes = "{not json".getBytes(StandardCharsets.UTF_8);
        Received<CounterRecord> received = counters.serde().deserializer().deserialize("t", bytes);

        assertThat(received.decoded().isOk()).isFalse();
        assertThat(received.bytes()).isSameAs(bytes);
        assertThat(counters.serde().serializer().serialize("t", received)).isSameAs(bytes);
    }
}
