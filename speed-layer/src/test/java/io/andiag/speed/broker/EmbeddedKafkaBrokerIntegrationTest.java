package io.andiag.speed.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import io.andiag.speed.topics.AndTopics;
import io.andiag.speed.topics.Topic;
import io.andiag.speed.topics.TopicBootstrapper;
import io.andiag.speed.topics.TopicBootstrapper.PartitionMismatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EmbeddedKafkaBrokerIntegrationTest {

    private static final String COUNTER_JSON =
            "{\"v\":1,\"ts\":1732406400000,\"ip\":\"10.3.7.21\",\"interval_s\":15,"
                    + "\"counts\":{\"INTRANET\":{\"syn\":0,\"rto\":4},\"SLB\":{\"syn\":2,\"rto\":0}}}";

    @Test
    @Timeout(60)
    void shouldServeTheProjectTopicsEndToEndAndReleaseEverythingOnClose() throws Exception {
        Set<Thread> threadsBefore = liveNonDaemonThreads();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).start();
        Path dataDir = broker.dataDir();
        int port = broker.port();
        try {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(port).isPositive();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                TopicBootstrapper bootstrapper = new TopicBootstrapper(admin);

                TopicBootstrapper.Report first = bootstrapper.ensure(AndTopics.ALL);
                assertThat(first.created()).containsExactlyElementsOf(names(AndTopics.ALL));
                assertThat(first.existing()).isEmpty();

                TopicBootstrapper.Report again = bootstrapper.ensure(AndTopics.ALL, AndTopics.partitions(9));
                assertThat(again.created()).isEmpty();
                assertThat(again.existing()).containsExactlyElementsOf(names(AndTopics.ALL));
                assertThat(again.mismatches()).containsExactly(
                        new PartitionMismatch("and.retx.counters", 6, 9), new PartitionMismatch("and.retx.details", 6, 9));

                assertThat(admin.listTopics().names().get()).containsAll(names(AndTopics.ALL));
                Map<String, TopicDescription> described = admin.describeTopics(names(AndTopics.ALL)).allTopicNames().get();
                for (Topic<?, ?> t : AndTopics.ALL) {
                    assertThat(described.get(t.name()).partitions()).as(t.name()).hasSize(t.defaultPartitions());
                }
            }

            RecordMetadata sent = produceCounter(broker.bootstrapServers(), "10.3.7.21", COUNTER_JSON);
            // The Java producer's murmur2 partitioner: what kcat does with -X topic.partitioner=murmur2_random.
            int expectedPartition = Utils.toPositive(Utils.murmur2("10.3.7.21".getBytes(StandardCharsets.UTF_8)))
                    % AndTopics.INPUT_PARTITIONS;
            assertThat(sent.partition()).isEqualTo(expectedPartition);

            // Input topics use LogAppendTime: a record stamped two years back or two hours ahead is
            // accepted and re-stamped (CreateTime would delete the first at once and reject the second).
            long now = System.currentTimeMillis();
            RecordMetadata old = produceCounter(broker.bootstrapServers(), "10.3.7.21", COUNTER_JSON, 1732406400000L);
            RecordMetadata future = produceCounter(broker.bootstrapServers(), "10.3.7.21", COUNTER_JSON, now + 7_200_000L);
            assertThat(List.of(old.timestamp(), future.timestamp())).allSatisfy(ts ->
                    assertThat(ts).isBetween(now - 60_000L, System.currentTimeMillis() + 1_000L));

            ConsumerRecord<String, byte[]> got = consumeOne(broker.bootstrapServers(), AndTopics.RETX_COUNTERS);
            assertThat(got.key()).isEqualTo("10.3.7.21");
            assertThat(new String(got.value(), StandardCharsets.UTF_8)).isEqualTo(COUNTER_JSON);
            assertThat(got.partition()).isEqualTo(expectedPartition);
        } finally {
            broker.close();
        }

        assertThat(accepts(port)).as("port %d still open after close", port).isFalse();
        assertThat(dataDir).doesNotExist();
        assertThat(awaitNoNewNonDaemonThreads(threadsBefore, Duration.ofSeconds(5)))
                .as("non-daemon threads left after close (they would keep the JVM alive)").isEmpty();
        broker.close(); // idempotent
    }

    @Test
    @Timeout(60)
    void shouldKeepTopicsAndRecordsAcrossARestartOnTheSameDataDir(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("kafka");
        String clusterId;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(0).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            clusterId = broker.clusterId();
            new TopicBootstrapper(admin).ensure(List.of(AndTopics.RETX_COUNTERS), AndTopics.partitions(2));
            produceCounter(broker.bootstrapServers(), "10.0.0.1", COUNTER_JSON);
        }
        assertThat(dataDir.resolve("meta.properties")).exists();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(0).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(broker.clusterId()).isEqualTo(clusterId);
            TopicBootstrapper.Report report = new TopicBootstrapper(admin).ensure(List.of(AndTopics.RETX_COUNTERS));
            assertThat(report.existing()).containsExactly("and.retx.counters");
            assertThat(report.mismatches()).containsExactly(new PartitionMismatch("and.retx.counters", 2, 6));
            assertThat(consumeOne(broker.bootstrapServers(), AndTopics.RETX_COUNTERS).key()).isEqualTo("10.0.0.1");
        }
        assertThat(dataDir).as("a given data dir is kept").isDirectory();
    }

    @Test
    @Timeout(60)
    void shouldRetryAFailedBindThenFailCleanly() throws Exception {
        Set<Thread> threadsBefore = liveNonDaemonThreads();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int controllerPort = EmbeddedKafkaBroker.freePort(OptionalInt.of(taken.getLocalPort()));
            // The client listener is forced onto a busy port: every attempt fails after the controller started.
            // Kafka logs each failed attempt at ERROR ("Unable to start acceptor for PLAINTEXT"): expected here.
            EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
                    .brokerConfig("listeners", "PLAINTEXT://127.0.0.1:" + taken.getLocalPort()
                            + ",CONTROLLER://127.0.0.1:" + controllerPort)
                    .brokerConfig("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            assertThatThrownBy(builder::start)
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("failed to bind to 127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(awaitNoNewNonDaemonThreads(threadsBefore, Duration.ofSeconds(5)))
                .as("non-daemon threads left by failed starts").isEmpty();
    }

    private static RecordMetadata produceCounter(String bootstrap, String ip, String json) throws Exception {
        return produceCounter(bootstrap, ip, json, null);
    }

    private static RecordMetadata produceCounter(String bootstrap, String ip, String json, Long timestamp) throws Exception {
        Topic<String, byte[]> topic = AndTopics.RETX_COUNTERS;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            return producer.send(new ProducerRecord<>(topic.name(), null, timestamp, ip,
                    json.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** Reads the first record through a consumer group (exercises __consumer_offsets on one node). */
    private static <K, V> ConsumerRecord<K, V> consumeOne(String bootstrap, Topic<K, V> topic) {
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
                    consumer.commitSync();
                    return r;
                }
            }
            throw new AssertionError("no record on " + topic.name() + " within 30 s");
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> names(List<Topic<?, ?>> topics) {
        return topics.stream().map(Topic::name).toList();
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon()).collect(Collectors.toSet());
    }

    private static List<String> awaitNoNewNonDaemonThreads(Set<Thread> before, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> left = new ArrayList<>();
        do {
            left.clear();
            for (Thread t : liveNonDaemonThreads()) {
                if (!before.contains(t)) {
                    left.add(t.getName());
                }
            }
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return left;
    }
}
