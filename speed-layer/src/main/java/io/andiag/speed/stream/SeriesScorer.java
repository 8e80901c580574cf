package io.andiag.speed.stream;

import io.andiag.model.features.FeatureSchema;
import io.andiag.model.features.RecentWindow;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.SeriesKey;
import io.andiag.speed.attributes.IpDirectory;
import io.andiag.speed.scoring.ScoringModel;
import io.andiag.speed.scoring.ScoringModelHolder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores every series of an IP when one of its minutes closes. The IP-minute exists only if the IP sent a heartbeat,
 * so its silent series count as 0 that minute; a minute without heartbeat never reaches here and stays a gap in the
 * series' short window. Series the parameter set profiled are scored every observed minute; series it does not know
 * are scored with the cold-start profile from their first retransmission until their window empties.
 *
 * <p>Also counts, per region, the IPs that closed a minute on this partition, and emits those counts when the
 * partition moves on to a later minute (the severity denominator; the latest record per region, minute and
 * partition is the count).
 */
public final class SeriesScorer implements ProcessorSupplier<String, IpMinute, String, ScorerOutput> {

    public static final String SERIES_STATE_STORE = "series-state";
    public static final String MONITORED_STORE = "monitored-counts";

    private static final Logger LOG = LoggerFactory.getLogger(SeriesScorer.class);
    private static final long MINUTE_MS = 60_000L;

    private final ScoringModelHolder models;
    private final IpDirectory directory;
    private final SpeedMetrics metrics;

    public SeriesScorer(ScoringModelHolder models, IpDirectory directory, SpeedMetrics metrics) {
        this.models = models;
        this.directory = directory;
        this.metrics = metrics;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SERIES_STATE_STORE), Serdes.String(), Serdes.ByteArray()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MONITORED_STORE), Serdes.String(), Serdes.Integer()));
    }

    @Override
    public Processor<String, IpMinute, String, ScorerOutput> get() {
        return new Scorer();
    }

    private final class Scorer implements Processor<String, IpMinute, String, ScorerOutput> {
        private final RecentWindow[] windows = new RecentWindow[RetxCounts.SLOTS];
        private final double[] features = FeatureSchema.newVector();
        private ProcessorContext<String, ScorerOutput> context;
        private KeyValueStore<String, byte[]> seriesState;
        private KeyValueStore<String, Integer> monitored;
        private ScoringModel active;
        private long currentMinute = Long.MIN_VALUE;
        private int partition;

        @Override
        public void init(ProcessorContext<String, ScorerOutput> context) {
            this.context = context;
            this.seriesState = context.getStateStore(SERIES_STATE_STORE);
            this.monitored = context.getStateStore(MONITORED_STORE);
            this.active = models.latest();
            this.partition = context.taskId().partition();
        }

        @Override
        public void process(Record<String, IpMinute> record) {
            String ip = record.key();
            long minute = record.value().minute();
            if (minute > currentMinute) {
                emitMonitoredBefore(minute, record.timestamp());
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
            String monitoredKey = region + '|' + minute;
            Integer seen = monitored.get(monitoredKey);
            monitored.put(monitoredKey, seen == null ? 1 : seen + 1);
            score(ip, region, minute, record.value().counts(), record.timestamp());
        }

        private void score(String ip, String region, long minute, MinuteCounts counts, long timestamp) {
            long start = System.nanoTime();
            ScoringModel model = active;
            SeriesWindows.read(seriesState.get(ip), windows);
            int scored = 0;
            int coldStart = 0;
            for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
                int count = counts.count(slot);
                ScoringProfile profile = model.profile(ip, slot);
                boolean cold = profile == null;
                if (cold) {
                    if (count == 0 && (windows[slot] == null || stale(windows[slot], minute))) {
                        windows[slot] = null;
                        continue;
                    }
                    profile = model.coldStart(slot);
                    coldStart++;
                }
                if (windows[slot] == null) {
                    windows[slot] = model.extractor().newWindow();
                }
                model.extractor().extract(count, minute, profile, windows[slot], features);
                double score = model.forest().score(features);
                scored++;
                if (score >= model.threshold()) {
                    emitAbnormal(ip, slot, region, minute, count, profile, score, cold, model, timestamp);
                }
            }
            byte[] state = SeriesWindows.write(windows);
            if (state == null) {
                seriesState.delete(ip);
            } else {
                seriesState.put(ip, state);
            }
            metrics.scored(scored, coldStart, System.nanoTime() - start);
        }

        /** A cold-start window whose newest minute has slid out of the short window holds nothing useful. */
        private boolean stale(RecentWindow w, long minute) {
            return w.isEmpty() || w.newestMinuteTs() <= minute - (long) w.capacity() * MINUTE_MS;
        }

        private void emitAbnormal(String ip, int slot, String region, long minute, int count, ScoringProfile profile,
                                  double score, boolean cold, ScoringModel model, long timestamp) {
            Map<String, Double> named = new LinkedHashMap<>();
            for (int i = 0; i < FeatureSchema.SIZE; i++) {
                named.put(FeatureSchema.NAMES.get(i), features[i]);
            }
            SeriesKey key = new SeriesKey(ip, RetxCounts.scenarioOf(slot), RetxCounts.typeOf(slot));
            AbnormalSeries abnormal = new AbnormalSeries(minute, key, region, count, profile.noise().expected(minute),
                    profile.noise().spread(minute), score, model.threshold(), cold, named, model.version());
            metrics.abnormalOut();
            context.forward(new Record<>(ip, (ScorerOutput) new ScorerOutput.Abnormal(abnormal), timestamp));
        }

        private void emitMonitoredBefore(long minute, long timestamp) {
            List<KeyValue<String, Integer>> done = new ArrayList<>();
            try (KeyValueIterator<String, Integer> it = monitored.all()) {
                while (it.hasNext()) {
                    KeyValue<String, Integer> kv = it.next();
                    int bar = kv.key.lastIndexOf('|');
                    if (Long.parseLong(kv.key.substring(bar + 1)) < minute) {
                        done.add(kv);
                    }
                }
            }
            for (KeyValue<String, Integer> kv : done) {
                int bar = kv.key.lastIndexOf('|');
                String region = kv.key.substring(0, bar);
                long m = Long.parseLong(kv.key.substring(bar + 1));
                context.forward(new Record<>(region,
                        (ScorerOutput) new ScorerOutput.Monitored(new MonitoredCount(m, region, kv.value, partition)), timestamp));
                monitored.delete(kv.key);
            }
        }
    }
}
