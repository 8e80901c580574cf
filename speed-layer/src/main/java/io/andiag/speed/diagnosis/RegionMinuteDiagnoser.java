package io.andiag.speed.diagnosis;

import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.TrackerState;
import io.andiag.speed.attributes.IpDirectory;
import io.andiag.speed.scoring.ScoringModelHolder;
import io.andiag.speed.stream.RegionMinuteClose;
import io.andiag.speed.stream.SpeedMetrics;
import io.andiag.speed.stream.TopologySettings;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Closes region-minutes and diagnoses them, on the region-keyed repartition of the scorer's output. A region-minute
 * is closed
 * <ul>
 *   <li><b>complete</b> when the monitored counts of all {@code inputPartitions} input partitions arrived for it: each
 *       partition sends its abnormal IPs of a minute before its count, through one topic, so nothing of that
 *       partition can follow;</li>
 *   <li>by <b>wall clock</b> when it is still incomplete {@code closeAfter} after its first record arrived: a partition
 *       is idle or stuck (checked every {@value #SWEEP_SECONDS} s, like Kafka's own {@code max.task.idle.ms}); a
 *       partition that merely lags, as when the application catches up, reports within seconds and is waited for;</li>
 *   <li>by <b>event time</b> when a later minute of its region completes, or when the newest minute seen here is
 *       {@code closeBehind} past it (replays faster than real time).</li>
 * </ul>
 * Closing a minute first closes the region's older pending minutes. A closed region-minute is diagnosed
 * ({@link RegionMinuteDiagnosis}) with the router of the parameter set in service, the region's {@link TrackerState}
 * (store {@value #TRACKER_STORE}) is stepped, and every resulting alert is forwarded, keyed by incident id. Records for
 * a region-minute already closed are counted ({@code and_region_events_late_total}) and logged, not diagnosed: the
 * minute's alert is already out.
 */
public final class RegionMinuteDiagnoser implements ProcessorSupplier<String, RegionEvent, String, IncidentAlert> {

    public static final String TRACKER_STORE = "incident-trackers";

    private static final Logger LOG = LoggerFactory.getLogger(RegionMinuteDiagnoser.class);
    private static final long MINUTE_MS = 60_000L;
    static final int SWEEP_SECONDS = 5;

    private final TopologySettings settings;
    private final ScoringModelHolder models;
    private final IpDirectory directory;
    private final SpeedMetrics metrics;

    public RegionMinuteDiagnoser(TopologySettings settings, ScoringModelHolder models, IpDirectory directory,
                                 SpeedMetrics metrics) {
        this.settings = settings;
        this.models = models;
        this.directory = directory;
        this.metrics = metrics;
    }

    /** In a fixed order, so describe() is stable. */
    @Override
    public Set<StoreBuilder<?>> stores() {
        Set<StoreBuilder<?>> stores = new LinkedHashSet<>(RegionMinuteBuffer.storeBuilders(settings.stores()));
        stores.add(Stores.keyValueStoreBuilder(settings.stores().keyValue(TRACKER_STORE), Serdes.String(), Serdes.ByteArray()));
        return stores;
    }

    @Override
    public Processor<String, RegionEvent, String, IncidentAlert> get() {
        return new Closer();
    }

    private final class Closer implements Processor<String, RegionEvent, String, IncidentAlert> {
        private ProcessorContext<String, IncidentAlert> context;
        private RegionMinuteBuffer buffer;
        private KeyValueStore<String, byte[]> trackers;
        private RegionMinuteDiagnosis diagnosis;
        /** Last closed minute per region (a cache of the tracker states' last minute). */
        private final Map<String, Long> lastClosed = new HashMap<>();
        private long newestMinute = Long.MIN_VALUE;
        private long late;

        @Override
        public void init(ProcessorContext<String, IncidentAlert> context) {
            this.context = context;
            this.buffer = new RegionMinuteBuffer(context.getStateStore(RegionMinuteBuffer.PENDING_STORE),
                    context.getStateStore(RegionMinuteBuffer.ABNORMAL_STORE));
            this.trackers = context.getStateStore(TRACKER_STORE);
            this.diagnosis = new RegionMinuteDiagnosis(settings.diagnosis(), settings.tracker(), directory);
            lastClosed.clear();
            context.schedule(Duration.ofSeconds(SWEEP_SECONDS), PunctuationType.WALL_CLOCK_TIME,
                    now -> sweep(Long.MIN_VALUE, now - settings.closeAfter().toMillis(), RegionMinuteClose.WALL_CLOCK));
        }

        @Override
        public void process(Record<String, RegionEvent> record) {
            RegionEvent event = record.value();
            String region = event.region();
            if (event.minute() <= lastClosed(region)) {
                late(event);
                return;
            }
            long now = context.currentSystemTimeMs();
            boolean advanced = event.minute() > newestMinute;
            newestMinute = Math.max(newestMinute, event.minute());
            if (event instanceof RegionEvent.Abnormal a) {
                buffer.add(a, now);
            } else if (buffer.add(((RegionEvent.Monitored) event).count(), now).partitionsReported() >= settings.inputPartitions()) {
                closeThrough(region, event.minute(), RegionMinuteClose.COMPLETE);
            }
            if (advanced) {
                sweep(newestMinute - settings.closeBehind().toMillis(), Long.MIN_VALUE, RegionMinuteClose.EVENT_TIME);
            }
        }

        /** Closes every pending region-minute at or before {@code minute} or first seen at or before {@code firstSeenMs}. */
        private void sweep(long minute, long firstSeenMs, RegionMinuteClose how) {
            for (RegionMinuteBuffer.Pending p : buffer.pendingUpTo(minute, firstSeenMs)) {
                closeThrough(p.region(), p.minute(), how);
            }
        }

        /** Closes {@code minute} of {@code region} ({@code how}), its older pending minutes first (by event time). */
        private void closeThrough(String region, long minute, RegionMinuteClose how) {
            for (RegionMinuteBuffer.Pending p : buffer.pendingUpTo(region, minute)) {
                close(p.region(), p.minute(), p.minute() == minute ? how : RegionMinuteClose.EVENT_TIME);
            }
        }

        private void close(String region, long minute, RegionMinuteClose how) {
            if (minute <= lastClosed(region)) {
                return;
            }
            long start = System.nanoTime();
            RegionMinuteBuffer.Drained drained = buffer.drain(region, minute);
            byte[] stored = trackers.get(region);
            TrackerState state = stored == null ? TrackerState.empty(region) : TrackerState.fromBytes(stored);
            List<IncidentAlert> alerts;
            try {
                alerts = diagnosis.close(state, region, minute, drained.abnormal(), drained.counts().monitoredIps(),
                        models.latest().router());
            } catch (RuntimeException e) {
                metrics.diagnosisFailed();
                LOG.error("cannot diagnose region {} minute {} ({} abnormal IPs); counted as a quiet minute",
                        region, minute, drained.abnormal().size(), e);
                state = stored == null ? TrackerState.empty(region) : TrackerState.fromBytes(stored);
                alerts = diagnosis.quiet(state, minute);
            }
            if (how != RegionMinuteClose.COMPLETE) {
                LOG.debug("region {} minute {} closed by {} with {} of {} partitions reported", region, minute,
                        how.label(), drained.counts().partitionsReported(), settings.inputPartitions());
            }
            trackers.put(region, state.toBytes());
            lastClosed.put(region, minute);
            for (IncidentAlert alert : alerts) {
                metrics.alertOut(alert.status());
                context.forward(new Record<>(alert.incidentId(), alert, minute + MINUTE_MS));
            }
            metrics.regionMinuteClosed(how, System.nanoTime() - start);
        }

        private long lastClosed(String region) {
            return lastClosed.computeIfAbsent(region, r -> {
                byte[] stored = trackers.get(r);
                return stored == null ? Long.MIN_VALUE : TrackerState.fromBytes(stored).lastMinute().orElse(Long.MIN_VALUE);
            });
        }

        private void late(RegionEvent event) {
            metrics.regionEventLate();
            late++;
            if (late <= 10 || Long.bitCount(late) == 1) {
                LOG.warn("late event #{} for region {} minute {} (already diagnosed): {}", late, event.region(),
                        event.minute(), event instanceof RegionEvent.Abnormal a ? "abnormal " + a.source().ip()
                                : "monitored count of partition " + ((RegionEvent.Monitored) event).count().partition());
            }
        }
    }
}
