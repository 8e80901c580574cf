package io.andiag.speed.diagnosis;

import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.TrackerState;
import io.andiag.model.record.MonitoredCount;
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
 * Closes region-minutes and diagnoses them, on the region-keyed repartition of the scorer's output. Each input
 * partition sends its abnormal IPs of a minute before its monitored counts of that minute, through one topic, and its
 * counts of a minute only once it is done with every earlier minute ({@link PartitionProgress}). A region-minute is
 * closed
 * <ul>
 *   <li><b>complete</b> when all {@code inputPartitions} input partitions reported it;</li>
 *   <li><b>passed</b> when every input partition reported a later minute: one that did not report it had nothing for
 *       it (it skipped more minutes than the scorer reports as zeros);</li>
 *   <li>by <b>wall clock</b> when every input partition that did not report a later minute reported nothing for
 *       {@code closeAfter}: those are idle or stuck (checked every {@value #SWEEP_SECONDS} s, like Kafka's own {@code max.task.idle.ms}). A partition that
 *       merely lags, however far behind in event time — as when the application catches up on a backlog — keeps
 *       reporting and is waited for, so catching up gives the same alerts as running live.</li>
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
        private PartitionProgress progress;
        /** The newest minute every input partition reported, as last acted on (all earlier ones are closed). */
        private long passed;
        private long late;

        @Override
        public void init(ProcessorContext<String, IncidentAlert> context) {
            this.context = context;
            this.buffer = new RegionMinuteBuffer(context.getStateStore(RegionMinuteBuffer.PENDING_STORE),
                    context.getStateStore(RegionMinuteBuffer.ABNORMAL_STORE));
            this.trackers = context.getStateStore(TRACKER_STORE);
            this.diagnosis = new RegionMinuteDiagnosis(settings.diagnosis(), settings.tracker(), directory);
            lastClosed.clear();
            progress = new PartitionProgress(settings.inputPartitions(), settings.closeAfter().toMillis());
            passed = Long.MIN_VALUE;
            context.schedule(Duration.ofSeconds(SWEEP_SECONDS), PunctuationType.WALL_CLOCK_TIME,
                    now -> closeBefore(progress.reportedByActive(now), RegionMinuteClose.WALL_CLOCK));
        }

        @Override
        public void process(Record<String, RegionEvent> record) {
            RegionEvent event = record.value();
            String region = event.region();
            if (event.minute() <= lastClosed(region)) {
                late(event);
                return;
            }
            if (event instanceof RegionEvent.Abnormal a) {
                buffer.add(a);
                return;
            }
            MonitoredCount count = ((RegionEvent.Monitored) event).count();
            progress.reported(count.partition(), count.minute(), context.currentSystemTimeMs());
            if (buffer.add(count).partitionsReported() >= settings.inputPartitions()) {
                closeThrough(region, count.minute(), RegionMinuteClose.COMPLETE);
            }
            long reportedByAll = progress.reportedByAll();
            if (reportedByAll > passed) {
                passed = reportedByAll;
                closeBefore(reportedByAll, RegionMinuteClose.PASSED);
            }
        }

        /** Closes every pending region-minute before {@code minute} ({@code how}). */
        private void closeBefore(long minute, RegionMinuteClose how) {
            if (minute == Long.MIN_VALUE) {
                return;
            }
            for (RegionMinuteBuffer.Pending p : buffer.pendingUpTo(minute - 1)) {
                closeThrough(p.region(), p.minute(), how);
            }
        }

        /** Closes {@code minute} of {@code region} ({@code how}), its older pending minutes first (passed by then). */
        private void closeThrough(String region, long minute, RegionMinuteClose how) {
            for (RegionMinuteBuffer.Pending p : buffer.pendingUpTo(region, minute)) {
                close(p.region(), p.minute(), p.minute() == minute ? how : RegionMinuteClose.PASSED);
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
