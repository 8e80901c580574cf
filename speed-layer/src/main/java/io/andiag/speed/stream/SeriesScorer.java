package io.andiag.speed.stream;

import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.RecentWindow;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.SeriesKey;
import io.andiag.speed.attributes.IpDirectory;
import io.andiag.speed.scoring.ScoringModel;
import io.andiag.speed.scoring.ScoringModelHolder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores every series of an IP when one of its minutes closes. The IP-minute exists only if the IP sent a heartbeat,
 * so its silent series count as 0 that minute; a minute without heartbeat never reaches here and stays a gap in the
 * series' short window. Series the parameter set profiled are scored every observed minute; series it does not know
 * are scored with the cold-start profile from their first retransmission until their window empties.
 *
 * <p>An IP-minute with abnormal series is emitted once, with all its abnormal series and the IP's sampled details of
 * that minute (from {@value DetailRecorder#STORE}). The monitored-IP counts are kept by {@link MonitoredCounter} and
 * emitted, for every known region, once the partition is done with the minute — always after that minute's abnormal
 * records, which the region-minute diagnosis relies on. Done means: the partition moved on to a later minute, or
 * (checked every {@value #REPORT_MS} ms of wall-clock time) the newest minute it scored has been swept out whole.
 *
 * <p>Why the second way is sound: the minute windows reach this processor from the suppression buffer, which emits
 * every window of a minute in one sweep, when stream time passes the minute's end plus the grace period; a punctuation
 * never runs in the middle of a sweep (nor of the record cache flush that feeds it), and a window whose minute has
 * closed accepts no more records. So once this processor has seen an IP-minute of minute k, a punctuation sees every
 * IP-minute of minute k already scored. Without it, minute k would only be reported when minute k+1 closes: the alert
 * of a minute would wait for the next one, a whole minute later.
 */
public final class SeriesScorer implements ProcessorSupplier<String, IpMinute, String, ScorerOutput> {

    public static final String SERIES_STATE_STORE = "series-state";
    public static final String MONITORED_STORE = "monitored-counts";

    private static final Logger LOG = LoggerFactory.getLogger(SeriesScorer.class);
    private static final long MINUTE_MS = 60_000L;
    static final long REPORT_MS = 1_000L;

    private final ScoringModelHolder models;
    private final IpDirectory directory;
    private final SpeedMetrics metrics;
    private final StoreKind stores;

    public SeriesScorer(ScoringModelHolder models, IpDirectory directory, SpeedMetrics metrics, StoreKind stores) {
        this.models = models;
        this.directory = directory;
        this.metrics = metrics;
        this.stores = stores;
    }

    /** In a fixed order (not {@code Set.of}, whose order changes from JVM to JVM), so describe() is stable. */
    @Override
    public Set<StoreBuilder<?>> stores() {
        return new LinkedHashSet<>(List.of(
                Stores.keyValueStoreBuilder(stores.keyValue(SERIES_STATE_STORE), Serdes.String(), Serdes.ByteArray()),
                Stores.keyValueStoreBuilder(stores.keyValue(MONITORED_STORE), Serdes.String(), Serdes.Integer())));
    }

    @Override
    public Processor<String, IpMinute, String, ScorerOutput> get() {
        return new Scorer();
    }

    private final class Scorer implements Processor<String, IpMinute, String, ScorerOutput> {
        private final SeriesWindows windows = new SeriesWindows();
        private final double[] features = FeatureSchema.newVector();
        private ProcessorContext<String, ScorerOutput> context;
        private KeyValueStore<String, byte[]> seriesState;
        private ReadOnlyWindowStore<String, byte[]> details;
        private MonitoredCounter monitored;
        private ScoringModel active;
        private long currentMinute = Long.MIN_VALUE;
        /** Timestamp of the newest IP-minute scored, carried by the counts a punctuation reports. */
        private long lastTimestamp;
        private int partition;

        @Override
        public void init(ProcessorContext<String, ScorerOutput> context) {
            this.context = context;
            this.seriesState = context.getStateStore(SERIES_STATE_STORE);
            this.details = context.getStateStore(DetailRecorder.STORE);
            this.partition = context.taskId().partition();
            this.monitored = new MonitoredCounter(context.getStateStore(MONITORED_STORE), directory, partition);
            this.active = models.latest();
            context.schedule(Duration.ofMillis(REPORT_MS), PunctuationType.WALL_CLOCK_TIME, now -> reportScoredMinutes());
        }

        /** The newest minute scored is complete (see the class comment): report it, and any older one, as done. */
        private void reportScoredMinutes() {
            if (currentMinute != Long.MIN_VALUE) {
                forwardCounts(monitored.advanceTo(currentMinute + MINUTE_MS), lastTimestamp);
            }
        }

        private void forwardCounts(List<MonitoredCount> counts, long timestamp) {
            for (MonitoredCount m : counts) {
                context.forward(new Record<>(m.region(), (ScorerOutput) new ScorerOutput.Monitored(m), timestamp));
            }
        }

        @Override
        public void process(Record<String, IpMinute> record) {
            String ip = record.key();
            long minute = record.value().minute();
            forwardCounts(monitored.advanceTo(minute), record.timestamp());
            lastTimestamp = Math.max(lastTimestamp, record.timestamp());
            if (minute > currentMinute) {
                currentMinute = minute;
                ScoringModel latest = models.latest();
                if (latest != active) {
                    LOG.info("partition {}: scoring from minute {} with parameter set {} (was {})",
                            partition, minute, latest.version(), active.version());
                    active = latest;
                }
            }
            metrics.ipMinuteClosed();
            String region = directory.regionOf(ip);
            monitored.count(region, minute);
            List<AbnormalSeries> abnormal = score(ip, region, minute, record.value().counts());
            if (!abnormal.isEmpty()) {
                List<DetailRecord> sampled = DetailList.fromBytes(details.fetch(ip, minute));
                if (sampled.isEmpty()) {
                    // normal for an IP whose agent sampled nothing that minute; a steady rise means details arrive
                    // after their minute closed (docs/speed-layer.md, "Event time")
                    metrics.abnormalIpMinuteWithoutDetails();
                }
                context.forward(new Record<>(ip, (ScorerOutput) new ScorerOutput.AbnormalIp(ip, minute, region, abnormal, sampled),
                        record.timestamp()));
            }
        }

        /** Scores every series of the IP-minute and returns the abnormal ones (usually none). */
        private List<AbnormalSeries> score(String ip, String region, long minute, MinuteCounts counts) {
            long start = System.nanoTime();
            ScoringModel model = active;
            windows.load(seriesState.get(ip));
            List<AbnormalSeries> abnormal = List.of();
            int scored = 0;
            int coldStart = 0;
            for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
                int count = counts.count(slot);
                ScoringProfile profile = model.profile(ip, slot);
                RecentWindow window = windows.get(slot);
                boolean cold = profile == null;
                if (cold) {
                    if (count == 0 && (window == null || stale(window, minute))) {
                        windows.drop(slot);
                        continue;
                    }
                    profile = model.coldStart(slot);
                    coldStart++;
                }
                if (window == null) {
                    window = windows.start(slot, model.extractor().settings().windowMinutes());
                }
                model.extractor().extract(count, minute, profile, window, features);
                // below the threshold the score is not needed: walk only the trees that decide
                double score = model.forest().scoreAtLeast(features, model.threshold());
                scored++;
                if (score >= model.threshold()) {
                    if (abnormal.isEmpty()) {
                        abnormal = new ArrayList<>(2);
                    }
                    abnormal.add(abnormal(ip, slot, region, minute, count, profile, score, cold, model));
                }
            }
            byte[] state = windows.toBytes();
            if (state == null) {
                seriesState.delete(ip);
            } else {
                seriesState.put(ip, state);
            }
            metrics.scored(scored, coldStart, System.nanoTime() - start);
            return abnormal;
        }

        /** A cold-start window whose newest minute has slid out of the short window holds nothing useful. */
        private boolean stale(RecentWindow w, long minute) {
            return w.isEmpty() || w.newestMinuteTs() <= minute - (long) w.capacity() * MINUTE_MS;
        }

        private AbnormalSeries abnormal(String ip, int slot, String region, long minute, int count, ScoringProfile profile,
                                        double score, boolean cold, ScoringModel model) {
            Map<String, Double> named = new LinkedHashMap<>();
            for (int i = 0; i < FeatureSchema.SIZE; i++) {
                named.put(FeatureSchema.NAMES.get(i), features[i]);
            }
            SeriesKey key = new SeriesKey(ip, RetxCounts.scenarioOf(slot), RetxCounts.typeOf(slot));
            metrics.abnormalOut();
            return new AbnormalSeries(minute, key, region, count, profile.noise().expected(minute),
                    profile.noise().spread(minute), score, model.threshold(), cold, named, model.version());
        }
    }
}
