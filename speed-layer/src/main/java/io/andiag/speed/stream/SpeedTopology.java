package io.andiag.speed.stream;

import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.DetailCodec;
import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DeadLetter;
import io.andiag.model.record.DetailRecord;
import io.andiag.speed.attributes.IpDirectory;
import io.andiag.speed.diagnosis.RegionEvent;
import io.andiag.speed.diagnosis.RegionEventSerde;
import io.andiag.speed.diagnosis.RegionMinuteDiagnoser;
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
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The speed layer's topology.
 * <ol>
 *   <li>Counters and details (co-partitioned by source IP) are decoded once by their source and validated by one
 *       {@link InputValidator} each; bad records of both go to {@code and.deadletter}. Each source's
 *       {@link EventTimeExtractor} makes a task interleave its counters and details partitions by event time, not by
 *       arrival, so a minute's details are stored before the counters that close the minute are processed.</li>
 *   <li>Details are kept per IP and minute ({@link DetailRecorder}); counters go through one-minute event-time windows
 *       per IP (closed after the grace period) to the {@link SeriesScorer}, which writes {@code and.abnormal} and the
 *       per region-minute monitored counts ({@code and.monitored}), and attaches each abnormal IP-minute's details.</li>
 *   <li>The scorer's output is re-keyed by region through one named repartition topic ({@value #REGION_MINUTES}),
 *       where {@link RegionMinuteDiagnoser} closes each region-minute, diagnoses it and writes incident changes to
 *       {@code and.alerts}.</li>
 * </ol>
 * Every processor, store, branch and internal topic is named, so a refactoring never silently orphans a changelog (the
 * names are pinned by a snapshot test of {@code describe()}).
 */
public final class SpeedTopology {

    public static final String MINUTE_COUNTS_STORE = "minute-counts";
    /** The region-keyed repartition of the scorer's output (topic {@code <application.id>-region-minutes-repartition}). */
    public static final String REGION_MINUTES = "region-minutes";

    private SpeedTopology() {
    }

    public static Topology build(TopologySettings settings, ScoringModelHolder models, IpDirectory directory,
                                 SpeedMetrics metrics, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        TimestampBounds bounds = TimestampBounds.of(clock, settings.maxFuture());
        CounterCodec codec = new CounterCodec(bounds);
        Serde<CounterRecord> counterSerde = Serdes.serdeFrom(
                (topic, r) -> r == null ? null : codec.encode(r),
                (topic, bytes) -> bytes == null ? null : codec.decode(bytes).value());
        long graceMs = settings.grace().toMillis();

        WireInput<CounterRecord> counterInput = WireInput.counters(codec);
        WireInput<DetailRecord> detailInput = WireInput.details(new DetailCodec(bounds));
        Map<String, KStream<String, Validated<CounterRecord>>> counters = builder
                .stream(AndTopics.RETX_COUNTERS.name(), Consumed.with(Serdes.String(), counterInput.serde())
                        .withTimestampExtractor(counterInput.eventTime()).withName("counters-source"))
                .processValues(new InputValidator<>(counterInput, graceMs, clock, metrics), Named.as("validate-counters"))
                .split(Named.as("counters-"))
                .branch((ip, v) -> v instanceof Validated.Refused, Branched.as("refused"))
                .defaultBranch(Branched.as("accepted"));
        Map<String, KStream<String, Validated<DetailRecord>>> details = builder
                .stream(AndTopics.RETX_DETAILS.name(), Consumed.with(Serdes.String(), detailInput.serde())
                        .withTimestampExtractor(detailInput.eventTime()).withName("details-source"))
                .processValues(new InputValidator<>(detailInput, graceMs, clock, metrics), Named.as("validate-details"))
                .split(Named.as("details-"))
                .branch((ip, v) -> v instanceof Validated.Refused, Branched.as("refused"))
                .defaultBranch(Branched.as("accepted"));

        counters.get("counters-refused")
                .mapValues(v -> ((Validated.Refused<CounterRecord>) v).deadLetter(), Named.as("dead-letter-payload"))
                .merge(details.get("details-refused")
                        .mapValues(v -> ((Validated.Refused<DetailRecord>) v).deadLetter(), Named.as("detail-dead-letter-payload")),
                        Named.as("dead-letters"))
                .to(AndTopics.DEADLETTER.name(), Produced.<String, DeadLetter>with(Serdes.String(), SpeedSerdes.deadLetter()).withName("dead-letter-sink"));

        builder.addStateStore(DetailRecorder.storeBuilder(settings.stores(), settings.detailsRetention()));
        details.get("details-accepted")
                .mapValues(v -> ((Validated.Accepted<DetailRecord>) v).value(), Named.as("accepted-detail"))
                .process(new DetailRecorder(settings.maxDetailsPerIpMinute(), metrics), Named.as("store-details"), DetailRecorder.STORE);

        KStream<String, ScorerOutput> scored = counters.get("counters-accepted")
                .mapValues(v -> ((Validated.Accepted<CounterRecord>) v).value(), Named.as("accepted-counter"))
                .groupByKey(Grouped.with("counters-by-ip", Serdes.String(), counterSerde))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), settings.grace()))
                .aggregate(MinuteCounts::empty, (ip, counter, minute) -> minute.plus(counter), Named.as("minute-aggregate"),
                        // No record cache: it would hold the minute's updates back until the next commit, and while
                        // catching up a task then runs minutes of event time ahead of the minutes it closes — past the
                        // details kept for them. Live, an IP-minute's updates are seconds apart: the cache saved nothing.
                        Materialized.<String, MinuteCounts, WindowStore<Bytes, byte[]>>as(MINUTE_COUNTS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(SpeedSerdes.minuteCounts())
                                .withStoreType(settings.stores().dsl()).withCachingDisabled())
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("minute-close"))
                .toStream(Named.as("closed-minutes"))
                .map((window, counts) -> KeyValue.pair(window.key(), new IpMinute(window.window().start(), counts)), Named.as("ip-minute"))
                .process(new SeriesScorer(models, directory, metrics, settings.stores()), Named.as("score-series"), DetailRecorder.STORE);

        Map<String, KStream<String, ScorerOutput>> outputs = scored
                .split(Named.as("scored-"))
                .branch((k, v) -> v instanceof ScorerOutput.AbnormalIp, Branched.as("abnormal"))
                .defaultBranch(Branched.as("monitored"));
        outputs.get("scored-abnormal")
                .flatMapValues(v -> ((ScorerOutput.AbnormalIp) v).series(), Named.as("abnormal-payload"))
                .to(AndTopics.ABNORMAL.name(), Produced.with(Serdes.String(), SpeedSerdes.abnormal()).withName("abnormal-sink"));
        outputs.get("scored-monitored")
                .mapValues(v -> ((ScorerOutput.Monitored) v).count(), Named.as("monitored-payload"))
                .to(AndTopics.MONITORED.name(), Produced.with(Serdes.String(), SpeedSerdes.monitoredCount()).withName("monitored-sink"));

        scored.flatMap((k, v) -> RegionEvent.of(v).map(e -> List.of(KeyValue.pair(v.region(), e))).orElse(List.of()),
                        Named.as("region-event"))
                .repartition(Repartitioned.<String, RegionEvent>as(REGION_MINUTES)
                        .withKeySerde(Serdes.String()).withValueSerde(new RegionEventSerde()))
                .process(new RegionMinuteDiagnoser(settings, models, directory, metrics), Named.as("diagnose-region-minutes"))
                .to(AndTopics.ALERTS.name(), Produced.with(Serdes.String(), SpeedSerdes.alert()).withName("alerts-sink"));

        return builder.build();
    }
}
