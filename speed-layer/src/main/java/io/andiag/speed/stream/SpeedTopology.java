package io.andiag.speed.stream;

import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.record.CounterRecord;
import io.andiag.speed.attributes.IpDirectory;
import io.andiag.speed.scoring.ScoringModelHolder;
import io.andiag.speed.topics.AndTopics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The speed layer's topology: counters → validation (bad → dead letters) → one-minute event-time windows per IP
 * (closed after the grace period) → scoring of every series of the IP → {@code and.abnormal} and per region-minute
 * monitored counts. Every processor, store and branch is named, so a refactoring never silently orphans a changelog
 * (the names are pinned by a snapshot test of {@code describe()}).
 */
public final class SpeedTopology {

    public static final String MINUTE_COUNTS_STORE = "minute-counts";

    private SpeedTopology() {
    }

    public static Topology build(TopologySettings settings, ScoringModelHolder models, IpDirectory directory,
                                 SpeedMetrics metrics, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        CounterCodec codec = new CounterCodec(TimestampBounds.of(clock, settings.maxFuture()));
        Serde<CounterRecord> counterSerde = Serdes.serdeFrom(
                (topic, r) -> r == null ? null : codec.encode(r),
                (topic, bytes) -> bytes == null ? null : codec.decode(bytes).value());

        Map<String, KStream<String, Validated>> validated = builder
                .stream(AndTopics.RETX_COUNTERS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("counters-source"))
                .processValues(new CounterValidator(codec, settings.grace().toMillis(), clock, metrics), Named.as("validate-counters"))
                .split(Named.as("counters-"))
                .branch((ip, v) -> v instanceof Validated.Refused, Branched.as("refused"))
                .defaultBranch(Branched.as("accepted"));

        validated.get("counters-refused")
                .mapValues(v -> ((Validated.Refused) v).deadLetter(), Named.as("dead-letter-payload"))
                .to(AndTopics.DEADLETTER.name(), Produced.with(Serdes.String(), SpeedSerdes.deadLetter()).withName("dead-letter-sink"));

        Map<String, KStream<String, ScorerOutput>> scored = validated.get("counters-accepted")
                .mapValues(v -> ((Validated.Accepted) v).counter(), Named.as("accepted-counter"))
                .groupByKey(Grouped.with("counters-by-ip", Serdes.String(), counterSerde))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), settings.grace()))
                .aggregate(MinuteCounts::empty, (ip, counter, minute) -> minute.plus(counter), Named.as("minute-aggregate"),
                        Materialized.<String, MinuteCounts, WindowStore<Bytes, byte[]>>as(MINUTE_COUNTS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(SpeedSerdes.minuteCounts()))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("minute-close"))
                .toStream(Named.as("closed-minutes"))
                .map((window, counts) -> KeyValue.pair(window.key(), new IpMinute(window.window().start(), counts)), Named.as("ip-minute"))
                .process(new SeriesScorer(models, directory, metrics), Named.as("score-series"))
                .split(Named.as("scored-"))
                .branch((k, v) -> v instanceof ScorerOutput.Abnormal, Branched.as("abnormal"))
                .defaultBranch(Branched.as("monitored"));

        scored.get("scored-abnormal")
                .mapValues(v -> ((ScorerOutput.Abnormal) v).series(), Named.as("abnormal-payload"))
                .to(AndTopics.ABNORMAL.name(), Produced.with(Serdes.String(), SpeedSerdes.abnormal()).withName("abnormal-sink"));
        scored.get("scored-monitored")
                .mapValues(v -> ((ScorerOutput.Monitored) v).count(), Named.as("monitored-payload"))
                .to(AndTopics.MONITORED.name(), Produced.with(Serdes.String(), SpeedSerdes.monitoredCount()).withName("monitored-sink"));

        return builder.build();
    }
}
