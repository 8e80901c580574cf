package io.andiag.speed.diagnosis;

import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.routing.AbnormalSource;
import io.andiag.model.routing.Team;
import io.andiag.speed.attributes.IpDirectory;
import io.andiag.speed.scoring.ScoringModelHolder;
import io.andiag.speed.stream.RegionMinuteClose;
import io.andiag.speed.stream.SpeedMetrics;
import io.andiag.speed.stream.StoreKind;
import io.andiag.speed.stream.TestScoringModels;
import io.andiag.speed.stream.TopologySettings;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Region-minute completeness across input partitions, unit-tested on the processor (the TopologyTestDriver runs one
 * partition only). Region "region-a" of 200 containers: i = 0..199, ip 10.2.0.i, host-(i/5), tor-(i/20), app-(i%7).
 * Three input partitions report 70 + 70 + 60 monitored IPs a minute.
 */
class RegionMinuteDiagnoserTest {

    private static final long M0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private static final long MIN = 60_000L;
    private static final String REGION = "region-a";
    private static final int[] COUNTS = {70, 70, 60};
    /** Eight containers of tor-1 on eight hosts. */
    private static final int[] TOR = {20, 22, 25, 27, 30, 32, 35, 37};
    private static final long WALL = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();

    private final SpeedMetrics metrics = new SpeedMetrics();
    private final TopologySettings settings = TopologySettings.defaults().withInputPartitions(3).withStores(StoreKind.IN_MEMORY);
    private final long closeAfter = settings.closeAfter().toMillis();
    private RegionMinuteDiagnoser supplier;
    private MockProcessorContext<String, IncidentAlert> context;
    private Processor<String, RegionEvent, String, IncidentAlert> processor;

    @BeforeEach
    void start() {
        Map<String, IpAttributes> attrs = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            attrs.put(ip(i), new IpAttributes(ip(i), IpKind.CONTAINER, "app-" + i % 7, "", "vm-" + i, "host-" + i / 5,
                    "tor-" + i / 20, "vsw-" + i % 2, "vpc-1", "az-1", REGION, ""));
        }
        supplier = new RegionMinuteDiagnoser(settings, new ScoringModelHolder(TestScoringModels.model("set-A", Map.of())),
                new IpDirectory("default", attrs, "test"), metrics);
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(WALL);
        for (StoreBuilder<?> b : supplier.stores()) {
            StateStore store = b.withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        restart();
    }

    /** A new processor instance on the same stores, as after a restart or a task migration. */
    private void restart() {
        processor = supplier.get();
        processor.init(context);
    }

    @Test
    void shouldDiagnoseARegionMinuteOnlyOnceEveryPartitionReportedIt() {
        abnormal(0, TOR);
        monitored(0, 0);
        monitored(0, 1);
        assertThat(context.forwarded()).as("partition 2 has not reported minute 0").isEmpty();

        monitored(0, 2);

        IncidentAlert open = single();
        assertThat(open.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(open.abnormalIps()).isEqualTo(8);
        assertThat(open.monitoredIps()).as("summed over the partitions").isEqualTo(200);
        assertThat(open.route().team()).contains(Team.PHYSICAL_NETWORK);
        assertThat(open.evidence().samples()).isNotEmpty();
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.COMPLETE)).isEqualTo(1);
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.WALL_CLOCK)).isZero();
    }

    @Test
    void shouldCloseARegionMinuteByWallClockWhenOnePartitionIsIdle() {
        abnormal(0, TOR);
        monitored(0, 0);
        monitored(0, 1);
        for (int m = 1; m <= 5; m++) {         // a lagging partition 2, minutes behind in event time, is waited for
            monitored(m, 0);
            monitored(m, 1);
        }
        punctuate(WALL + closeAfter - 1);
        assertThat(context.forwarded()).as("not waited long enough").isEmpty();

        punctuate(WALL + closeAfter);

        List<IncidentAlert> alerts = alerts();
        assertThat(alerts).extracting(IncidentAlert::status).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        assertThat(alerts.get(0).minute()).isEqualTo(M0);
        assertThat(alerts.get(0).monitoredIps()).as("the partitions that reported").isEqualTo(140);
        assertThat(alerts.get(1).minute()).as("minutes 1..3 were quiet").isEqualTo(M0 + 3 * MIN);
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.WALL_CLOCK)).as("minutes 0..5 of the region").isEqualTo(6);
    }

    @Test
    void shouldWaitTheFullCloseAfterAgainForRegionMinutesRestoredAfterARestart() {
        abnormal(0, TOR);
        monitored(0, 0);
        monitored(0, 1);
        context.setCurrentSystemTimeMs(WALL + 600_000);   // down for ten minutes, then restarted on the same stores
        restart();

        punctuate(WALL + 600_000 + closeAfter - 1);
        assertThat(context.forwarded()).as("the other partitions are still catching up").isEmpty();
        monitored(0, 2);

        assertThat(single().monitoredIps()).as("complete after all").isEqualTo(200);
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.COMPLETE)).isEqualTo(1);
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.WALL_CLOCK)).isZero();
    }

    @Test
    void shouldStartTheIdleClockAtTheFirstRecordOrSweepNotAtInit() {
        context.setCurrentSystemTimeMs(0L);    // a stream task's cached wall-clock time before its first record
        restart();
        context.setCurrentSystemTimeMs(WALL);
        abnormal(0, TOR);
        monitored(0, 0);
        monitored(0, 1);
        monitored(1, 0);
        monitored(1, 1);

        punctuate(WALL + 5_000);

        assertThat(context.forwarded()).as("partition 2 is not idle: it had no time to report yet").isEmpty();
    }

    @Test
    void shouldCloseARegionMinuteOnceEveryPartitionHasPassedIt() {
        abnormal(0, TOR);
        monitored(0, 0);
        monitored(0, 1);
        monitored(1, 0);
        monitored(1, 1);
        assertThat(context.forwarded()).as("partition 2 has reported nothing yet").isEmpty();

        // partition 2 skipped minute 0 (a longer gap than the scorer reports as zeros) and reports minute 1, another
        // region first: it is done with minute 0 of every region, not yet with minute 1 of this one
        process(new RegionEvent.Monitored(new MonitoredCount(M0 + MIN, "region-b", 10, 2)), M0 + MIN);

        IncidentAlert open = single();
        assertThat(open.minute()).isEqualTo(M0);
        assertThat(open.monitoredIps()).as("the partitions that reported it").isEqualTo(140);
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.PASSED)).isEqualTo(1);
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.COMPLETE)).isZero();
    }

    @Test
    void shouldWaitForALaggingPartitionHoweverFarBehindInEventTime() {
        abnormal(0, TOR);
        monitored(0, 0);
        monitored(0, 1);
        for (int m = 1; m <= 90; m++) {         // partitions 0 and 1 an hour and a half ahead of partition 2 ...
            monitored(m, 0);
            monitored(m, 1);
        }
        punctuate(WALL + 60_000);               // ... which is busy catching up: it reported a minute ago
        assertThat(context.forwarded()).isEmpty();

        monitored(0, 2);

        assertThat(alerts()).first().satisfies(a -> assertThat(a.monitoredIps()).isEqualTo(200));
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.COMPLETE)).isEqualTo(1);
        assertThat(metrics.regionEventsLate()).isZero();
    }

    @Test
    void shouldCloseOlderPendingMinutesFirstWhenALaterOneCompletes() {
        abnormal(0, TOR);
        monitored(0, 0);
        monitored(0, 1);                       // partition 2 skipped minute 0 ...
        for (int p = 0; p < 3; p++) {
            monitored(1, p);                   // ... but is done with minute 1, so it has nothing more for minute 0
        }

        assertThat(single().minute()).isEqualTo(M0);
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.PASSED)).isEqualTo(1);
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.COMPLETE)).isEqualTo(1);
    }

    @Test
    void shouldResumeTheRegionsIncidentsFromTheTrackerStoreAfterARestart() {
        abnormal(0, TOR);
        completeMinute(0);
        String id = single().incidentId();
        context.resetForwards();

        restart();
        for (int m = 1; m <= 3; m++) {
            completeMinute(m);
        }

        IncidentAlert resolved = single();
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.incidentId()).isEqualTo(id);
        assertThat(resolved.minute()).isEqualTo(M0 + 3 * MIN);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private List<IncidentAlert> alerts() {
        return context.forwarded().stream().map(f -> (IncidentAlert) f.record().value()).toList();
    }

    private void punctuate(long wallClock) {
        context.setCurrentSystemTimeMs(wallClock);
        MockProcessorContext.CapturedPunctuator sweep = context.scheduledPunctuators().get(context.scheduledPunctuators().size() - 1);
        assertThat(sweep.getType()).isEqualTo(org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME);
        sweep.getPunctuator().punctuate(wallClock);
    }

    private IncidentAlert single() {
        List<IncidentAlert> alerts = alerts();
        assertThat(alerts).hasSize(1);
        assertThat(context.forwarded().get(0).record().key()).isEqualTo(alerts.get(0).incidentId());
        return alerts.get(0);
    }

    private void completeMinute(int m) {
        for (int p = 0; p < 3; p++) {
            monitored(m, p);
        }
    }

    private void abnormal(int m, int... containers) {
        long minute = M0 + m * MIN;
        for (int i : containers) {
            DetailRecord d = new DetailRecord(minute + 1_000, ip(i), 41_000, ip((i + 100) % 200), 6379, RetxType.RTO,
                    Scenario.INTRANET, 811, "java");
            process(new RegionEvent.Abnormal(REGION, minute, AbnormalSource.of(ip(i), Scenario.INTRANET, RetxType.RTO, 40),
                    "set-A", List.of(d)), minute);
        }
    }

    private void monitored(int m, int partition) {
        long minute = M0 + m * MIN;
        process(new RegionEvent.Monitored(new MonitoredCount(minute, REGION, COUNTS[partition], partition)), minute);
    }

    private void process(RegionEvent e, long minute) {
        processor.process(new Record<>(e.region(), e, minute + MIN));
    }

    private static String ip(int i) {
        return "10.2.0." + i;
    }
}
