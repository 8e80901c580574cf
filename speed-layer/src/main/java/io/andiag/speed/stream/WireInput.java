package io.andiag.speed.stream;

import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.Decoded;
import io.andiag.model.codec.DetailCodec;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DetailRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What {@link InputValidator} needs to know about one agent input topic: how to decode a payload, the source IP and
 * the event time of a decoded record, and which input metric counts it. Both agent topics are keyed by source IP and
 * stamped with event time, so one validator (and one dead-letter path) serves both.
 *
 * @param noun    what a record is, for dead-letter details ("counter", "detail")
 * @param decoder common-model's codec for the topic
 * @param ip      source IP of a decoded record (must equal the Kafka key)
 * @param ts      event time of a decoded record, epoch ms
 * @param countIn increments the topic's input metric
 */
public record WireInput<T>(String noun, Function<byte[], Decoded<T>> decoder, Function<T, String> ip,
                           ToLongFunction<T> ts, Consumer<SpeedMetrics> countIn) {

    public WireInput {
        Objects.requireNonNull(noun, "noun");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(countIn, "countIn");
    }

    /**
     * The source's serde: decodes each record once into a {@link Received} (never throws: a bad payload is a refused
     * {@code Received}); serializes back to the original bytes.
     */
    public Serde<Received<T>> serde() {
        return Serdes.serdeFrom((topic, received) -> received == null ? null : received.bytes(),
                (topic, bytes) -> new Received<>(bytes, decoder.apply(bytes)));
    }

    /** The event time of a decoded record, for the source's timestamp extractor. */
    public EventTimeExtractor<T> eventTime() {
        return new EventTimeExtractor<>(ts);
    }

    /** {@code and.retx.counters}. */
    public static WireInput<CounterRecord> counters(CounterCodec codec) {
        return new WireInput<>("counter", codec::decode, CounterRecord::ip, CounterRecord::ts, SpeedMetrics::counterIn);
    }

    /** {@code and.retx.details}. */
    public static WireInput<DetailRecord> details(DetailCodec codec) {
        return new WireInput<>("detail", codec::decode, DetailRecord::ip, DetailRecord::ts, SpeedMetrics::detailIn);
    }
}
