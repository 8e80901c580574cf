package io.andiag.speed.stream;

import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.DetailCodec;
import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.incident.AlertStatus;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.ScopeTerm;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;
import io.andiag.speed.attributes.IpDirectory;
import io.andiag.speed.scoring.ScoringModelHolder;
import io.andiag.speed.testing.MemoryTempDirFactory;
import io.andiag.speed.topics.AndTopics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagnosis end to end through the topology (one input partition): canonical bursts on a hand-built 2 000-IP
 * region, from counters and details to {@code and.alerts}. Region "region-a", container i (0..1999) has IP
 * 10.1.(i/256).(i%256), host-(i/10), tor-(i/100) (20 ToRs of 100), az-(i/1000), vswitch vsw-(i%4) (crossing the
 * ToRs), vpc-(i%2), app-(i%13). Every IP sends one 60 s counter record a minute (a heartbeat, with the burst's RTOs
 * when it bursts); bursting IPs also send three sampled details a minute to other containers.
 *
 * <p>In-memory stores: the driver commits (flushing every store) after each of the ~30 000 input records, which costs
 * about a millisecond per record with RocksDB; {@link SpeedTopologyTest} covers the RocksDB stores.
 */
class DiagnosisTopologyTest {

    private static final long M0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private static final long MIN = 60_000L;
    private static final int N = 2000;
    private static final String REGION = "region-a";
    /** Eight containers of tor-1 on eight hosts (10..17), eight apps. */
    private static final int[] TOR_BURST = {100, 110, 120, 130, 140, 150, 160, 170};
    /** Sixteen containers of tor-1: two on each of the same eight hosts. */
    private static final int[] TOR_BURST_WIDER = IntStream.range(0, 16).map(k -> 100 + 5 * k).toArray();
    private static final int NOISY = 1234;

    @TempDir(factory = MemoryTempDirFactory.class)
    Path stateDir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
    private final CounterCodec counterCodec = new CounterCodec(TimestampBounds.historical());
    private final DetailCodec detailCodec = new DetailCodec(TimestampBounds.historical());
    private final SpeedMetrics metrics = new SpeedMetrics();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> counters;
    private TestInputTopic<String, byte[]> details;
    private TestOutputTopic<String, IncidentAlert> alerts;
    private TestOutputTopic<String, AbnormalSeries> abnormal;

    @BeforeEach
    void start() {
        Map<String, IpAttributes> attrs = new HashMap<>();
        Map<SeriesKey, ScoringProfile> profiles = new HashMap<>();
        for (int i = 0; i < N; i++) {
            attrs.put(ip(i), new IpAttributes(ip(i), IpKind.CONTAINER, "app-" + i % 13, "team-" + i % 13,
                    "vm-" + i, "host-" + i / 10, "tor-" + i / 100, "vsw-" + i % 4, "vpc-" + i % 2, "az-" + i / 1000,
                    REGION, ""));
            profiles.put(new SeriesKey(ip(i), Scenario.INTRANET, RetxType.RTO), TestScoringModels.stableOnePerMinute());
        }
        ScoringModelHolder models = new ScoringModelHolder(TestScoringModels.model("set-A", profiles));
        IpDirectory directory = new IpDirectory("default", attrs, "test");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "diagnosis-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SpeedTopology.build(
                new TopologySettings(Duration.ofSeconds(20), Duration.ofMinutes(15)).withStores(StoreKind.IN_MEMORY),
                models, directory, metrics, clock), props);
        counters = driver.createInputTopic(AndTopics.RETX_COUNTERS.name(), new StringSerializer(), new ByteArraySerializer());
        details = driver.createInputTopic(AndTopics.RETX_DETAILS.name(), new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(AndTopics.ALERTS.name(), new StringDeserializer(), SpeedSerdes.alert().deserializer());
        abnormal = driver.createOutputTopic(AndTopics.ABNORMAL.name(), new StringDeserializer(), SpeedSerdes.abnormal().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aMinuteAlertsAsSoonAsItClosesNotWhenTheNextMinuteCloses() {
        minute(0, TOR_BURST);
        counter(0, M0 + MIN + 30_000, 0);  // stream time passes minute 0's end + grace: its windows are swept out
        assertThat(abnormal.readValuesToList()).extracting(AbnormalSeries::minute).containsOnly(M0);
        assertThat(alerts.isEmpty()).as("before the scorer's report punctuation").isTrue();

        driver.advanceWallClockTime(Duration.ofMillis(SeriesScorer.REPORT_MS));

        List<IncidentAlert> out = alerts.readValuesToList();
        assertThat(out).extracting(IncidentAlert::status).containsExactly(AlertStatus.OPEN);
        assertThat(out.get(0).minute()).isEqualTo(M0);
        assertThat(out.get(0).abnormalIps()).isEqualTo(TOR_BURST.length);
        assertThat(out.get(0).monitoredIps()).isEqualTo(N);

        // minute 1 goes on as usual: closed by minute 2's records, reported by the next punctuation
        minute(1, TOR_BURST);
        counter(0, M0 + 2 * MIN + 30_000, 0);
        driver.advanceWallClockTime(Duration.ofMillis(SeriesScorer.REPORT_MS));
        assertThat(alerts.readValuesToList()).as("the same incident, nothing changed").isEmpty();
        minute(2);
        minute(3);
        minute(4);
        counter(0, M0 + 5 * MIN + 30_000, 0);
        driver.advanceWallClockTime(Duration.ofMillis(SeriesScorer.REPORT_MS));
        assertThat(alerts.readValuesToList()).extracting(IncidentAlert::status, IncidentAlert::minute)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertStatus.RESOLVED, M0 + 4 * MIN));
    }

    @Test
    void aTorBurstOpensGrowsResolvesAfterThreeQuietMinutesAndReopensAsANewIncident() {
        minute(0, TOR_BURST);
        minute(1, TOR_BURST);
        minute(2, TOR_BURST_WIDER);        // severity grows: UPDATE
        for (int m = 3; m < 12; m++) {     // quiet: RESOLVED at the third minute without abnormal IPs
            minute(m);
        }
        minute(12, TOR_BURST);              // recurrence: a new incident
        minute(13);
        closeMinutesBefore(14);

        List<TestRecord<String, IncidentAlert>> out = alerts.readRecordsToList();
        // The detector's short window (5 minutes) still holds the burst after it ends, and with this forest those
        // zero-count minutes score abnormal (window_excess) on and.abnormal; the diagnosis leaves them out (the IPs
        // are recovering), so the quiet time starts after the last minute with retransmissions (minute 2).
        List<AbnormalSeries> abnormalSeen = abnormal.readValuesToList();
        long lastAbnormal = abnormalSeen.stream().mapToLong(AbnormalSeries::minute)
                .filter(m -> m < M0 + 12 * MIN).max().orElseThrow();
        assertThat(lastAbnormal).as("zero-count minutes after the burst on and.abnormal").isBetween(M0 + 3 * MIN, M0 + 7 * MIN);
        assertThat(out).extracting(r -> r.value().status()).containsExactly(
                AlertStatus.OPEN, AlertStatus.UPDATE, AlertStatus.RESOLVED, AlertStatus.OPEN);
        IncidentAlert open = out.get(0).value();
        IncidentAlert update = out.get(1).value();
        IncidentAlert resolved = out.get(2).value();
        IncidentAlert reopen = out.get(3).value();

        assertThat(out.get(0).key()).as("key = incident id").isEqualTo(open.incidentId()).isEqualTo("region-a-20261120-1000-1");
        assertThat(open.minute()).isEqualTo(M0);
        assertThat(open.abnormalIps()).isEqualTo(8);
        assertThat(open.monitoredIps()).as("every heartbeat of the minute").isEqualTo(N);
        assertThat(open.severity()).isEqualTo(SeverityLevel.of(8, N)).contains(SeverityLevel.L2);
        assertThat(open.route().team()).contains(Team.PHYSICAL_NETWORK);
        assertThat(open.route().needsReview()).isFalse();
        assertThat(open.scope()).contains(new ScopeTerm("tor", "tor-1"));
        assertThat(open.services()).isEqualTo(8);
        assertThat(open.evidence().samples()).as("the details travelled with the abnormal IPs").isNotEmpty()
                .allSatisfy(s -> assertThat(s).matches("10\\.1\\.0\\.(100|110|120|130|140|150|160|170):\\d+ -> .* rto INTRANET"));
        assertThat(open.paramVersion()).isEqualTo("set-A");

        assertThat(update.incidentId()).isEqualTo(open.incidentId());
        assertThat(update.minute()).isEqualTo(M0 + 2 * MIN);
        assertThat(update.firstMinute()).isEqualTo(M0);
        assertThat(update.abnormalIps()).isEqualTo(16);
        assertThat(update.severity()).contains(SeverityLevel.L6);

        assertThat(resolved.incidentId()).isEqualTo(open.incidentId());
        assertThat(resolved.minute()).as("at the third quiet minute after the last burst minute").isEqualTo(M0 + 5 * MIN);
        assertThat(resolved.severity()).as("repeats the last alert").contains(SeverityLevel.L6);

        assertThat(reopen.incidentId()).isEqualTo("region-a-20261120-1012-1").isNotEqualTo(open.incidentId());
        assertThat(reopen.firstMinute()).isEqualTo(M0 + 12 * MIN);
        assertThat(reopen.severity()).contains(SeverityLevel.L2);
        // the burst minutes' abnormal IPs came with details; the zero-count minutes after the burst had none to send
        Map<Long, Set<String>> withDetails = Map.of(M0, ips(TOR_BURST), M0 + MIN, ips(TOR_BURST),
                M0 + 2 * MIN, ips(TOR_BURST_WIDER), M0 + 12 * MIN, ips(TOR_BURST));
        long withoutDetails = abnormalSeen.stream()
                .filter(a -> !withDetails.getOrDefault(a.minute(), Set.of()).contains(a.key().ip()))
                .map(a -> a.key().ip() + "@" + a.minute()).distinct().count();
        assertThat(withoutDetails).as("abnormal IP-minutes after the burst").isPositive();
        assertThat(metrics.abnormalIpMinutesWithoutDetails()).isEqualTo(withoutDetails);
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.COMPLETE))
                .as("every region (region-a, default) and minute 0..13 complete").isEqualTo(2 * 14);
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.WALL_CLOCK)).isZero();
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.PASSED)).isZero();
        assertThat(metrics.regionEventsLate()).isZero();
    }

    @Test
    void aSingleNoisyContainerIsAbnormalButNeverAlerts() {
        minute(0, NOISY);
        minute(1, NOISY);
        minute(2, NOISY);
        minute(3);
        closeMinutesBefore(4);

        assertThat(abnormal.readValuesToList()).extracting(a -> a.key().ip()).contains(ip(NOISY));
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.COMPLETE)).isEqualTo(2 * 4);
    }

    /**
     * The simulator's benign "noisy_container" as the demo region sees it: one container retransmitting for minutes
     * while the detector's background flags (other containers, changing every minute) bring the minute to L0 (3 of
     * 2 000 IPs). Never confirmed by the next minute, so never an incident; the same three IPs two minutes running
     * are one, opened in the second minute.
     */
    @Test
    void aNoisyContainerWithBackgroundFlagsNeverAlertsButAPersistentL0IncidentDoes() {
        for (int m = 0; m < 8; m++) {
            minute(m, NOISY, 500 + 37 * m, 1500 + 53 * m);
        }
        minute(8);
        minute(9, 300, 410, 520);
        minute(10, 300, 410, 520);
        minute(11);
        closeMinutesBefore(12);

        List<IncidentAlert> out = alerts.readValuesToList();
        assertThat(out).extracting(IncidentAlert::status).containsExactly(AlertStatus.OPEN);
        assertThat(out.get(0).minute()).as("opened when confirmed").isEqualTo(M0 + 10 * MIN);
        assertThat(out.get(0).severity()).contains(SeverityLevel.L0);
        assertThat(out.get(0).abnormalIps()).isEqualTo(3);
    }

    /**
     * The simulator's benign "rolling_restart" (EventPlanner): the containers of one app restart one after another,
     * each bursting for a minute, fewer at a time than an L0 incident. Here six containers of app-0 on six hosts.
     */
    @Test
    void aRollingRestartOfOneAppIsAbnormalButNeverAlerts() {
        int[] app0 = {0, 13, 26, 39, 52, 65};
        for (int m = 0; m < app0.length; m++) {
            minute(m, app0[m]);
        }
        for (int m = app0.length; m < app0.length + 6; m++) {
            minute(m);
        }
        closeMinutesBefore(app0.length + 6);

        assertThat(abnormal.readValuesToList()).extracting(a -> a.key().ip()).as("the detector saw the restarts")
                .contains(ip(0), ip(13), ip(26), ip(39), ip(52), ip(65));
        assertThat(alerts.readValuesToList()).as("no alert").isEmpty();
        assertThat(metrics.regionMinutesClosed(RegionMinuteClose.COMPLETE)).isEqualTo(2L * (app0.length + 6));
    }

    @Test
    void shouldCapTheDetailsKeptPerIpMinuteAndDeadLetterABadDetail() {
        for (int k = 0; k < TopologySettings.DEFAULT_MAX_DETAILS_PER_IP_MINUTE + 5; k++) {
            detail(TOR_BURST[0], M0 + 1_000 + k, k);
        }
        details.pipeInput(ip(1), "{\"v\":1,\"ts\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8), M0 + 2_000);

        assertThat(metrics.detailsIn()).isEqualTo(TopologySettings.DEFAULT_MAX_DETAILS_PER_IP_MINUTE + 6);
        assertThat(metrics.detailsStored()).isEqualTo(TopologySettings.DEFAULT_MAX_DETAILS_PER_IP_MINUTE);
        assertThat(metrics.detailsOverCap()).isEqualTo(5);
        assertThat(metrics.deadLettersTotal()).isEqualTo(1);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** Minute {@code m}: three details from each bursting IP at 10 s, then every IP's counter record at 30 s. */
    private void minute(int m, int... bursting) {
        long start = M0 + m * MIN;
        for (int i : bursting) {
            for (int k = 0; k < 3; k++) {
                detail(i, start + 10_000 + k, k);
            }
        }
        java.util.Set<Integer> burst = new java.util.HashSet<>();
        for (int i : bursting) {
            burst.add(i);
        }
        for (int i = 0; i < N; i++) {
            counter(i, start + 30_000, burst.contains(i) ? 40 : 0);
        }
    }

    /** A heartbeat far enough into minute {@code m} to close every earlier minute (and tell the diagnosis so). */
    private void closeMinutesBefore(int m) {
        long ts = M0 + m * MIN + 30_000;
        counter(0, ts, 0);
        counter(0, ts + MIN, 0);
    }

    private void counter(int i, long ts, int intranetRto) {
        RetxCounts counts = RetxCounts.builder().set(Scenario.INTRANET, RetxType.RTO, intranetRto).build();
        counters.pipeInput(ip(i), counterCodec.encode(new CounterRecord(ts, ip(i), 60, counts)), ts);
    }

    private void detail(int i, long ts, int k) {
        int dst = (i * 7 + 31 * k + 1000) % N;
        details.pipeInput(ip(i), detailCodec.encode(new DetailRecord(ts, ip(i), 40_000 + k, ip(dst), 6379, RetxType.RTO,
                Scenario.INTRANET, 811, "java")), ts);
    }

    private static Set<String> ips(int[] indexes) {
        return Arrays.stream(indexes).mapToObj(DiagnosisTopologyTest::ip).collect(Collectors.toSet());
    }

    private static String ip(int i) {
        return "10.1." + i / 256 + "." + i % 256;
    }
}
