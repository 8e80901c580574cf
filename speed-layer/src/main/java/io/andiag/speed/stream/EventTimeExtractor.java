package io.andiag.speed.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import java.util.function.ToLongFunction;

/**
 * Gives Kafka Streams the event time of an agent record (its JSON {@code ts}) instead of the Kafka timestamp, which on
 * the input topics is the broker's append time.
 *
 * <p>Why it matters: a task reads a counters partition and the details partition of the same IPs, and Kafka Streams
 * interleaves them by these timestamps. A minute is scored, with the details stored for it, when the counters' event
 * time passes its end plus the grace period; ordered by arrival instead, a replay or a backfill whose details reach the
 * broker after the counters that close their minute would score that minute without them — and which minutes lose
 * their details would change from run to run with the producer's batching. By event time, a backlog is processed the
 * same way whatever order it arrived in.
 *
 * <p>A record the codec refused keeps its partition's time (0 before the partition has one), so that a bad record
 * never moves a partition ahead of or behind its neighbours; {@link InputValidator} turns it into a dead letter.
 *
 * @param <T> the decoded record type (counter or detail)
 */
public final class EventTimeExtractor<T> implements TimestampExtractor {

    private final ToLongFunction<T> eventTime;

    public EventTimeExtractor(ToLongFunction<T> eventTime) {
        this.eventTime = eventTime;
    }

    @Override
    @SuppressWarnings("unchecked")
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Received<?> received && received.decoded().isOk()) {
            return eventTime.applyAsLong((T) received.decoded().value());
        }
        return Math.max(partitionTime, 0L);
    }
}
