package io.andiag.speed.stream;

import io.andiag.model.codec.Decoded;
import io.andiag.model.codec.RejectReason;
import io.andiag.model.record.DeadLetter;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Checks every record of an agent input topic ({@link WireInput}: counters or details), decoded once by the source's
 * serde ({@link WireInput#serde()}), stamps accepted ones with their event time (the source's {@link EventTimeExtractor}
 * already did; stamping again keeps windows and stores on event time whatever the source was given), and
 * refuses bad ones — including valid records whose minute has already closed by this topic's own event time — as
 * dead letters carrying topic, partition, offset and the original bytes. Never throws on input.
 */
public final class InputValidator<T> implements FixedKeyProcessorSupplier<String, Received<T>, Validated<T>> {

    private static final Logger LOG = LoggerFactory.getLogger(InputValidator.class);
    private static final long MINUTE_MS = 60_000L;

    private final WireInput<T> input;
    private final long graceMs;
    private final Clock clock;
    private final SpeedMetrics metrics;

    public InputValidator(WireInput<T> input, long graceMs, Clock clock, SpeedMetrics metrics) {
        this.input = input;
        this.graceMs = graceMs;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public FixedKeyProcessor<String, Received<T>, Validated<T>> get() {
        return new Processor();
    }

    private final class Processor implements FixedKeyProcessor<String, Received<T>, Validated<T>> {
        private FixedKeyProcessorContext<String, Validated<T>> context;
        /** Highest event time forwarded: the stream time the minute windows downstream have seen. */
        private long observedEventTime = Long.MIN_VALUE;

        @Override
        public void init(FixedKeyProcessorContext<String, Validated<T>> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, Received<T>> record) {
            input.countIn().accept(metrics);
            Decoded<T> decoded = record.value().decoded();
            if (!decoded.isOk()) {
                refuse(record, decoded.rejection().reason(), decoded.rejection().detail());
                return;
            }
            T value = decoded.value();
            String ip = input.ip().apply(value);
            if (record.key() != null && !record.key().equals(ip)) {
                refuse(record, RejectReason.INVALID_FIELD,
                        "record key '" + record.key() + "' differs from ip '" + ip + "' (records must be keyed by source IP)");
                return;
            }
            long ts = input.ts().applyAsLong(value);
            long minute = ts - Math.floorMod(ts, MINUTE_MS);
            long windowEnd = minute + MINUTE_MS;
            if (windowEnd + graceMs <= observedEventTime) {
                refuse(record, RejectReason.TOO_LATE, "minute " + minute + " of " + input.noun() + " from " + ip
                        + " closed: stream time " + observedEventTime + " is past window end + grace " + (windowEnd + graceMs));
                return;
            }
            observedEventTime = Math.max(observedEventTime, ts);
            context.forward(record.withValue((Validated<T>) new Validated.Accepted<>(value)).withTimestamp(ts));
        }

        private void refuse(FixedKeyRecord<String, Received<T>> record, RejectReason reason, String detail) {
            Optional<RecordMetadata> meta = context.recordMetadata();
            String topic = meta.map(RecordMetadata::topic).orElse("");
            int partition = meta.map(RecordMetadata::partition).orElse(-1);
            long offset = meta.map(RecordMetadata::offset).orElse(-1L);
            metrics.deadLetter(reason);
            long seen = metrics.deadLetters(reason);
            // Every dead letter is on the topic and in the metric; the log gets the first ten and then powers of two,
            // so a broken producer cannot flood it.
            if (seen <= 10 || Long.bitCount(seen) == 1) {
                LOG.warn("dead letter #{} ({}) from {}/{}@{}: {}", seen, reason.code(), topic, partition, offset, detail);
            }
            byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
            long now = clock.millis();
            DeadLetter letter = new DeadLetter(reason, detail, topic, partition, offset, now, key, record.value().bytes());
            // stamped when refused: the dead-letter topic's retention counts from then, whatever time the record claims
            context.forward(record.withValue((Validated<T>) new Validated.Refused<T>(letter)).withTimestamp(now));
        }
    }
}
