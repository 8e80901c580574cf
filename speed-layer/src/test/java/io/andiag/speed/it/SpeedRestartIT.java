package io.andiag.speed.it;

import io.andiag.datasets.replay.ReplayRecord;
import io.andiag.datasets.replay.ReplaySource;
import io.andiag.datasets.replay.ReplaySources;
import io.andiag.datasets.replay.Replayer;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.WireTopics;
import io.andiag.speed.attributes.AttributesLoader;
import io.andiag.speed.attributes.IpDirectory;
import io.andiag.speed.broker.EmbeddedKafkaBroker;
import io.andiag.speed.scoring.LakeModelSource;
import io.andiag.speed.scoring.ScoringModelHolder;
import io.andiag.speed.stream.SpeedMetrics;
import io.andiag.speed.stream.SpeedSerdes;
import io.andiag.speed.stream.SpeedTopology;
import io.andiag.speed.stream.TopologySettings;
import io.andiag.speed.topics.AndTopics;
import io.andiag.speed.topics.TopicBootstrapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kill -9 the speed layer mid-stream, start it again on an empty state directory (so its state comes back from the
 * changelogs), and the abnormal output read with read_committed is exactly what one uninterrupted run produces
 * (computed by the same topology in TopologyTestDriver over the same records): no gap, no duplicate; and so are the
 * incident changes on and.alerts (the diagnosis' pending region-minutes and incident trackers come back too).
 */
@Tag("integration")
class SpeedRestartIT {

    private static final long MIN = 60_000L;
    private static final Path JAR = Path.of("target", "and-speed-layer.jar").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void killedAndRestartedApplicationShouldLoseAndRepeatNothing() throws Exception {
        assertThat(JAR).as("the shaded jar (built by package, before failsafe)").exists();
        Path lake = work.resolve("lake");
        SampleRegion.copySampleInto(lake);
        Path simulated = SampleRegion.simulate(work.resolve("sim"));
        long from = Math.floorDiv(SampleRegion.incidentsOfLiveDay(simulated).get(0).startTs(), MIN) * MIN - 20 * MIN;
        long middle = from + 45 * MIN;
        long to = from + 90 * MIN;

        Uninterrupted uninterrupted = uninterruptedRun(lake, simulated, from, to);
        Map<String, Integer> expected = uninterrupted.abnormal();
        assertThat(expected).as("the window has abnormal series").isNotEmpty();
        assertThat(uninterrupted.alerts()).as("the window has incident changes").isNotEmpty();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0)
                .brokerConfig("log.retention.check.interval.ms", String.valueOf(Duration.ofHours(1).toMillis())).start()) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                new TopicBootstrapper(admin).ensure(AndTopics.ALL, AndTopics.partitions(3));
            }
            Map<String, Integer> seen = new HashMap<>();
            Map<String, Integer> alertsSeen = new HashMap<>();
            try (KafkaConsumer<String, AbnormalSeries> consumer = consumer(bootstrap)) {
                consumer.subscribe(List.of(WireTopics.ABNORMAL));

                replay(bootstrap, simulated, r -> r.eventTs() >= from && r.eventTs() < middle, false);
                Process first = start(bootstrap, lake, work.resolve("state-1"));
                pollUntil(consumer, seen, () -> !seen.isEmpty(), Duration.ofMinutes(3));
                first.destroyForcibly().waitFor();   // SIGKILL: no clean shutdown, transactions left open

                replay(bootstrap, simulated, r -> r.eventTs() >= middle && r.eventTs() < to, true);
                Process second = start(bootstrap, lake, work.resolve("state-2"));
                try {
                    pollUntil(consumer, seen, () -> seen.size() >= expected.size(), Duration.ofMinutes(4));
                    pollUntil(consumer, seen, () -> false, Duration.ofSeconds(8));   // and nothing more arrives
                    alertsSeen.putAll(alertsUntil(bootstrap, to, uninterrupted.alerts().keySet(), Duration.ofMinutes(1)));
                } finally {
                    second.destroy();
                    second.waitFor();
                }
            }
            assertThat(seen.values()).as("no abnormal series-minute written twice").allMatch(n -> n == 1);
            assertThat(seen.keySet()).as("exactly the uninterrupted run's output").isEqualTo(expected.keySet());
            assertThat(alertsSeen.values()).as("no incident change written twice").allMatch(n -> n == 1);
            assertThat(alertsSeen.keySet()).as("exactly the uninterrupted run's incident changes")
                    .isEqualTo(uninterrupted.alerts().keySet());
        }
    }

    /** What one uninterrupted run writes: abnormal series-minutes, and incident changes of minutes before the end. */
    private record Uninterrupted(Map<String, Integer> abnormal, Map<String, Integer> alerts) {
    }

    /** The same records through the same topology and parameter set in TopologyTestDriver, uninterrupted. */
    private static Uninterrupted uninterruptedRun(Path lake, Path simulated, long from, long to) throws Exception {
        LakeModelSource models = new LakeModelSource(lake);
        ScoringModelHolder holder = new ScoringModelHolder(models.load(models.latestVersion().orElseThrow()));
        IpDirectory directory = IpDirectory.empty("default");
        new AttributesLoader(lake, directory).refresh();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "expected");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // The driver checkpoints (with fsync) after every record; on tmpfs that costs nothing.
        Path shm = Path.of("/dev/shm");
        Path stateDir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "and-expected-state") : Files.createTempDirectory("and-expected-state");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Map<String, Integer> out = new HashMap<>();
        Map<String, Integer> alertsOut = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(SpeedTopology.build(TopologySettings.defaults(), holder,
                directory, new SpeedMetrics(), Clock.systemUTC()), props)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(WireTopics.RETX_COUNTERS, new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, AbnormalSeries> abnormal = driver.createOutputTopic(WireTopics.ABNORMAL,
                    new StringDeserializer(), SpeedSerdes.abnormal().deserializer());
            try (ReplaySource day = ReplaySources.lake(simulated, List.of(SampleRegion.LIVE_DAY), false)) {
                for (ReplayRecord r = day.next(); r != null; r = day.next()) {
                    if (r.eventTs() >= from && r.eventTs() < to) {
                        in.pipeInput(r.key(), r.value(), r.eventTs());
                    }
                }
            }
            long close = to + 3 * MIN;   // like the replay's flush heartbeats
            in.pipeInput("10.255.255.254", ("{\"v\":1,\"ts\":" + close + ",\"ip\":\"10.255.255.254\",\"interval_s\":15}").getBytes(), close);
            abnormal.readValuesToList().forEach(a -> out.merge(key(a), 1, Integer::sum));
            driver.createOutputTopic(WireTopics.ALERTS, new StringDeserializer(), SpeedSerdes.alert().deserializer())
                    .readValuesToList().stream().filter(a -> a.minute() < to).forEach(a -> alertsOut.merge(key(a), 1, Integer::sum));
        } finally {
            deleteRecursively(stateDir);
        }
        return new Uninterrupted(out, alertsOut);
    }

    /**
     * The incident changes of minutes before {@code to} on and.alerts (read_committed), counted by change, until
     * {@code expected} are all there and a few more seconds passed, or {@code max}.
     */
    private static Map<String, Integer> alertsUntil(String bootstrap, long to, java.util.Set<String> expected, Duration max) {
        Map<String, Integer> seen = new HashMap<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-it-alerts");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, IncidentAlert> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                SpeedSerdes.alert().deserializer())) {
            consumer.subscribe(List.of(WireTopics.ALERTS));
            long deadline = System.nanoTime() + max.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (r.value().minute() < to) {
                        seen.merge(key(r.value()), 1, Integer::sum);
                    }
                });
                if (quietUntil == Long.MAX_VALUE && seen.keySet().containsAll(expected)) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
            }
        }
        return seen;
    }

    private static String key(IncidentAlert a) {
        return a.incidentId() + " " + a.status() + " @" + a.minute();
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void replay(String bootstrap, Path simulated, Predicate<ReplayRecord> keep, boolean flush) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
             ReplaySource day = ReplaySources.lake(simulated, List.of(SampleRegion.LIVE_DAY), false)) {
            ReplaySource filtered = new ReplaySource() {
                @Override
                public ReplayRecord next() {
                    for (ReplayRecord r = day.next(); r != null; r = day.next()) {
                        if (keep.test(r)) {
                            return r;
                        }
                    }
                    return null;
                }

                @Override
                public void close() {
                }
            };
            new Replayer(producer, 0, new PrintStream(OutputStream.nullOutputStream()), System::nanoTime).replay(filtered, flush);
        }
    }

    private static Process start(String bootstrap, Path lake, Path stateDir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", JAR.toString(), "speed", "--bootstrap", bootstrap, "--lake", lake.toString(),
                "--state-dir", stateDir.toString(), "--metrics-port", "0", "--application-id", "restart-it",
                "-c", "commit.interval.ms=200",
                // catching up on a loaded machine can starve a partition for minutes: never take it for idle here
                "-c", "and.diagnosis.close.after.ms=" + Duration.ofMinutes(15).toMillis()));
        File log = stateDir.resolveSibling(stateDir.getFileName() + ".log").toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static void pollUntil(KafkaConsumer<String, AbnormalSeries> consumer, Map<String, Integer> seen,
                                  java.util.function.BooleanSupplier done, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(300)).forEach(r -> seen.merge(key(r.value()), 1, Integer::sum));
        }
    }

    private static String key(AbnormalSeries a) {
        return a.key().asString() + "@" + a.minute();
    }

    private static KafkaConsumer<String, AbnormalSeries> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-it-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), SpeedSerdes.abnormal().deserializer());
    }
}
