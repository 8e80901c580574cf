package io.andiag.speed.stream;

import io.andiag.model.codec.CounterCodec;
import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.features.RecentWindow;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.DeadLetter;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.record.SeriesKey;
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
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SpeedTopologyTest {

    private static final long M0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private static final long MIN = 60_000L;
    private static final long GRACE = 20_000L;
    private static final String KNOWN = "10.0.0.1";
    private static final String OTHER = "10.0.0.2";
    private static final String NEW_CONTAINER = "10.0.9.9";
    private static final SeriesKey KNOWN_RTO = new SeriesKey(KNOWN, Scenario.INTRANET, RetxType.RTO);

    @TempDir(factory = MemoryTempDirFactory.class)
    Path stateDir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
    private final CounterCodec codec = new CounterCodec(TimestampBounds.historical());
    private final SpeedMetrics metrics = new SpeedMetrics();
    private ScoringModelHolder models;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> counters;
    private TestOutputTopic<String, AbnormalSeries> abnormal;
    private TestOutputTopic<String, MonitoredCount> monitored;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        ScoringProfile stable = TestScoringModels.stableOnePerMinute();
        models = new ScoringModelHolder(TestScoringModels.model("set-A", Map.of(
                KNOWN_RTO, stable, new SeriesKey(OTHER, Scenario.INTRANET, RetxType.RTO), stable)));
        IpDirectory directory = new IpDirectory("default", Map.of(
                KNOWN, attrs(KNOWN, "region-a"), OTHER, attrs(OTHER, "region-a")), "test");
        Topology topology = SpeedTopology.build(new TopologySettings(Duration.ofMillis(GRACE), Duration.ofMinutes(15)),
                models, directory, metrics, clock);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "speed-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
        counters = driver.createInputTopic(AndTopics.RETX_COUNTERS.name(), new StringSerializer(), new ByteArraySerializer());
        abnormal = driver.createOutputTopic(AndTopics.ABNORMAL.name(), new StringDeserializer(), SpeedSerdes.abnormal().deserializer());
        monitored = driver.createOutputTopic(AndTopics.MONITORED.name(), new StringDeserializer(), SpeedSerdes.monitoredCount().deserializer());
        deadLetters = driver.createOutputTopic(AndTopics.DEADLETTER.name(), new StringDeserializer(), SpeedSerdes.deadLetter().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldScoreAMinuteOnlyAfterItsGracePeriodAndFlagABurst() {
        minute(KNOWN, M0, 40);

        advanceTo(M0 + MIN + GRACE - 1);
        assertThat(abnormal.isEmpty()).as("window still open inside grace").isTrue();

        advanceTo(M0 + MIN + GRACE);
        List<AbnormalSeries> out = abnormal.readValuesToList();
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo(KNOWN_RTO);
            assertThat(a.minute()).isEqualTo(M0);
            assertThat(a.observed()).isEqualTo(40);
            assertThat(a.region()).isEqualTo("region-a");
            assertThat(a.coldStart()).isFalse();
            assertThat(a.paramVersion()).isEqualTo("set-A");
            assertThat(a.score()).isGreaterThanOrEqualTo(TestScoringModels.THRESHOLD);
            assertThat(a.features()).containsKeys("residual", "level", "window_excess", "log_count");
        });
    }

    @Test
    void shouldNotFlagNormalNoise() {
        for (int i = 0; i < 10; i++) {
            minute(KNOWN, M0 + i * MIN, i % 3 == 0 ? 2 : 1);
        }
        advanceTo(M0 + 11 * MIN + GRACE);

        assertThat(abnormal.readValuesToList()).isEmpty();
        assertThat(metrics.seriesScored()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void shouldCountALateRecordInsideGraceInItsMinute() {
        heartbeat(KNOWN, M0);
        advanceTo(M0 + MIN + GRACE / 2);

        counters.pipeInput(KNOWN, json(KNOWN, M0 + 45_000, 40), M0 + MIN + GRACE / 2);
        advanceTo(M0 + MIN + GRACE);

        assertThat(abnormal.readValuesToList()).singleElement()
                .satisfies(a -> assertThat(a.observed()).isEqualTo(40));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterARecordThatArrivesAfterItsMinuteClosed() {
        heartbeat(KNOWN, M0);
        advanceTo(M0 + MIN + GRACE);

        counters.pipeInput(KNOWN, json(KNOWN, M0 + 45_000, 40), M0 + MIN + GRACE + 1);
        advanceTo(M0 + 2 * MIN + GRACE);

        assertThat(abnormal.isEmpty()).as("the late burst is not counted").isTrue();
        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(d -> {
            assertThat(d.reason().code()).isEqualTo("too_late");
            assertThat(d.topic()).isEqualTo(AndTopics.RETX_COUNTERS.name());
            assertThat(new String(d.payload(), StandardCharsets.UTF_8)).contains("\"rto\":40");
        });
    }

    @Test
    void aHeartbeatMakesSilentSeriesZeroWhileAMissingHeartbeatIsAGap() {
        heartbeat(KNOWN, M0);
        heartbeat(OTHER, M0);
        heartbeat(KNOWN, M0 + MIN);            // OTHER sends nothing in the second minute: a gap
        heartbeat(KNOWN, M0 + 2 * MIN);
        heartbeat(OTHER, M0 + 2 * MIN);
        advanceTo(M0 + 3 * MIN + GRACE);

        KeyValueStore<String, byte[]> state = driver.getKeyValueStore(SeriesScorer.SERIES_STATE_STORE);
        SeriesWindows windows = new SeriesWindows();
        windows.load(state.get(KNOWN));
        RecentWindow knownRto = windows.get(KNOWN_RTO.slot());
        assertThat(knownRto.newestMinuteTs()).isEqualTo(M0 + 2 * MIN);
        assertThat(knownRto.size()).as("three observed zero minutes").isEqualTo(3);
        assertThat(knownRto.countAt(0)).isZero();

        windows.load(state.get(OTHER));
        RecentWindow otherRto = windows.get(KNOWN_RTO.slot());
        assertThat(otherRto.newestMinuteTs()).as("the gap minute was never scored").isEqualTo(M0 + 2 * MIN);
        assertThat(otherRto.size()).as("two observed minutes around the gap").isEqualTo(2);
        assertThat(otherRto.countAt(1)).as("the gap is absent, not a zero").isEqualTo(-1);

        Map<Long, Integer> perMinute = new java.util.TreeMap<>();
        monitored.readValuesToList().stream().filter(m -> m.region().equals("region-a"))
                .forEach(m -> perMinute.put(m.minute(), m.monitoredIps()));
        assertThat(perMinute).containsEntry(M0, 2).containsEntry(M0 + MIN, 1);
    }

    @Test
    void shouldReportEveryKnownRegionEachMinuteEvenWithoutHeartbeats() {
        heartbeat(KNOWN, M0);
        heartbeat(KNOWN, M0 + MIN);
        advanceTo(M0 + 2 * MIN + GRACE);

        List<MonitoredCount> out = monitored.readValuesToList();
        assertThat(out).filteredOn(m -> m.minute() == M0).extracting(MonitoredCount::region, MonitoredCount::monitoredIps)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("default", 0), org.assertj.core.groups.Tuple.tuple("region-a", 1));
        assertThat(out).allSatisfy(m -> assertThat(m.partition()).isZero());
    }

    @Test
    void shouldScoreANewContainerWithTheColdStartProfileAndKeepNoStateForSilentOnes() {
        minute(NEW_CONTAINER, M0, 60);
        heartbeat("10.0.9.10", M0);
        advanceTo(M0 + MIN + GRACE);

        assertThat(abnormal.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.key().ip()).isEqualTo(NEW_CONTAINER);
            assertThat(a.coldStart()).isTrue();
            assertThat(a.region()).as("unknown to ip_attributes").isEqualTo("default");
        });
        KeyValueStore<String, byte[]> state = driver.getKeyValueStore(SeriesScorer.SERIES_STATE_STORE);
        assertThat(state.get("10.0.9.10")).isNull();
        assertThat(metrics.coldStartScored()).isEqualTo(1);
    }

    @Test
    void shouldSwapParameterSetsAtAMinuteBoundaryWithoutLosingOrRepeatingAMinute() {
        minute(KNOWN, M0, 40);
        minute(KNOWN, M0 + MIN, 40);
        advanceTo(M0 + 2 * MIN + GRACE);       // minutes 0 and 1 closed and scored with set A
        models.offer(TestScoringModels.model("set-B", Map.of(KNOWN_RTO, TestScoringModels.stableOnePerMinute())));
        minute(KNOWN, M0 + 2 * MIN, 40);
        minute(KNOWN, M0 + 3 * MIN, 40);
        advanceTo(M0 + 4 * MIN + GRACE);       // minutes 2 and 3 closed after the swap

        List<AbnormalSeries> out = abnormal.readValuesToList();
        assertThat(out).extracting(AbnormalSeries::minute)
                .containsExactly(M0, M0 + MIN, M0 + 2 * MIN, M0 + 3 * MIN);
        assertThat(out).extracting(AbnormalSeries::paramVersion)
                .containsExactly("set-A", "set-A", "set-B", "set-B");
    }

    @Test
    void shouldDeadLetterEachKindOfBadInputWithItsReasonAndKeepGoing() {
        long ts = M0 + 1_000;
        pipeRaw(KNOWN, "not json at all", ts);
        pipeRaw(KNOWN, "{\"v\":1,\"ts\":" + ts + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"SLB\":{\"syn\":-3}}}", ts);
        pipeRaw(KNOWN, "{\"v\":1,\"ts\":" + ts + ",\"ip\":\"10.0.0.1\",\"interval_s\":15,\"counts\":{\"MARS\":{\"syn\":3}}}", ts);
        pipeRaw(KNOWN, "{\"v\":1,\"ts\":" + ts + ",\"interval_s\":15}", ts);
        pipeRaw(KNOWN, "{\"v\":1,\"ts\":" + (clock.millis() + Duration.ofHours(2).toMillis()) + ",\"ip\":\"10.0.0.1\",\"interval_s\":15}", ts);
        pipeRaw(OTHER, "{\"v\":1,\"ts\":" + ts + ",\"ip\":\"10.0.0.1\",\"interval_s\":15}", ts);
        minute(KNOWN, M0, 40);
        advanceTo(M0 + MIN + GRACE);

        assertThat(deadLetters.readValuesToList()).extracting(d -> d.reason().code()).containsExactly(
                "unparseable", "negative_count", "unknown_scenario", "missing_field", "timestamp_out_of_range", "invalid_field");
        assertThat(abnormal.readValuesToList()).as("good records after bad ones are still scored").hasSize(1);
        assertThat(metrics.deadLettersTotal()).isEqualTo(6);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** Four 15 s intervals in the minute starting at {@code minute}; the minute's retransmissions in the first. */
    private void minute(String ip, long minute, int rtoInMinute) {
        for (int i = 0; i < 4; i++) {
            long ts = minute + i * 15_000L;
            counters.pipeInput(ip, json(ip, ts, i == 0 ? rtoInMinute : 0), ts);
        }
    }

    private void heartbeat(String ip, long minute) {
        minute(ip, minute, 0);
    }

    /** A heartbeat of an IP nobody asserts on, stamped {@code ts}, to move stream time forward. */
    private void advanceTo(long ts) {
        counters.pipeInput("10.255.0.1", json("10.255.0.1", ts, 0), ts);
    }

    private byte[] json(String ip, long ts, int intranetRto) {
        RetxCounts counts = RetxCounts.builder().set(Scenario.INTRANET, RetxType.RTO, intranetRto).build();
        return codec.encode(new CounterRecord(ts, ip, 15, counts));
    }

    private void pipeRaw(String key, String value, long ts) {
        counters.pipeInput(key, value.getBytes(StandardCharsets.UTF_8), ts);
    }

    private static IpAttributes attrs(String ip, String region) {
        return new IpAttributes(ip, IpKind.CONTAINER, "app-1", "team-1", "vm-1", "host-1", "tor-1", "vsw-1", "vpc-1",
                "az-1", region, "");
    }
}
