package io.andiag.speed.cli;

import io.andiag.speed.alerts.AlertFeed;
import io.andiag.speed.alerts.AlertmanagerClient;
import io.andiag.speed.alerts.AlertmanagerForwarder;
import io.andiag.speed.topics.AndTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code andiag alerts}: prints the incident changes of {@code and.alerts}, optionally forwarding them to Alertmanager. */
@Command(name = "alerts",
        description = {"Print every incident change on and.alerts (OPEN, UPDATE, RESOLVED) as it arrives, in two lines:"
                + " time, status, incident id, severity, team (or NEEDS_REVIEW) with confidence; scope, abnormal/monitored IPs, top apps.",
                "With --alertmanager, also post them to an Alertmanager v2 API (POST <URL>/api/v2/alerts), retried with"
                        + " exponential back-off; open incidents are re-posted every --resend. Runs until Ctrl-C or SIGTERM."})
final class AlertsCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(AlertsCommand.class);
    private static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--from-beginning", description = "Start with the oldest alert still on the topic (default: only new ones).")
    boolean fromBeginning;

    @Option(names = "--alertmanager", paramLabel = "URL", description = "Alertmanager base URL, e.g. http://127.0.0.1:9093.")
    URI alertmanager;

    @Option(names = "--generator-url", paramLabel = "PREFIX", defaultValue = "andiag://incident/",
            description = "generatorURL of each Alertmanager alert: this prefix followed by the incident id. Default: ${DEFAULT-VALUE}.")
    String generatorUrl;

    @Option(names = "--resend", paramLabel = "DURATION", defaultValue = "PT1M",
            description = "How often open incidents are posted to Alertmanager again (ISO-8601). Default: ${DEFAULT-VALUE}.")
    Duration resend;

    @Override
    public Integer call() throws Exception {
        if (alertmanager != null && (alertmanager.getScheme() == null || !alertmanager.getScheme().startsWith("http"))) {
            throw new ParameterException(spec.commandLine(), "--alertmanager must be an http(s) URL, got " + alertmanager);
        }
        if (resend.isNegative() || resend.isZero()) {
            throw new ParameterException(spec.commandLine(), "--resend must be positive, got " + resend);
        }
        Optional<AlertmanagerClient> client = Optional.ofNullable(alertmanager)
                .map(url -> new AlertmanagerClient(url, AlertmanagerClient.Retry.DEFAULT));
        Optional<AlertmanagerForwarder> forwarder = client.map(c -> new AlertmanagerForwarder(c::post, generatorUrl, resend,
                System::currentTimeMillis));
        StopSignal stop = StopSignal.install();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            if (!assign(consumer, stop)) {
                return 0;
            }
            AlertFeed feed = new AlertFeed(consumer, spec.commandLine().getOut(), spec.commandLine().getErr(), forwarder);
            while (!stop.isRequested()) {
                feed.pollOnce(POLL);
            }
            LOG.info("stopped: {} alerts printed, {} undecodable{}", feed.printed(), feed.undecodable(),
                    client.map(c -> ", Alertmanager " + c.endpoint() + ": " + c.delivered() + " delivered, " + c.failed()
                            + " failed, " + c.retries() + " retries").orElse(""));
        } finally {
            stop.markStopped();
        }
        return 0;
    }

    /** No consumer group: the printer reads every partition itself and commits nothing (like a console consumer). */
    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "andiag-alerts");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The speed layer writes and.alerts in transactions (exactly once): never show an aborted change.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    /** Assigns every partition of and.alerts, waiting for the topic to exist; false when stopped meanwhile. */
    private boolean assign(KafkaConsumer<String, byte[]> consumer, StopSignal stop) throws InterruptedException {
        String topic = AndTopics.ALERTS.name();
        boolean warned = false;
        while (!stop.isRequested()) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                partitions = List.of();
            }
            if (partitions != null && !partitions.isEmpty()) {
                List<TopicPartition> tps = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                consumer.assign(tps);
                if (fromBeginning) {
                    consumer.seekToBeginning(tps);
                } else {
                    consumer.seekToEnd(tps);
                }
                LOG.info("reading {} ({} partitions) from {}", topic, tps.size(), fromBeginning ? "the beginning" : "now on");
                return true;
            }
            if (!warned) {
                LOG.warn("topic {} does not exist yet on {}; waiting for it (andiag broker creates it)", topic, bootstrap);
                warned = true;
            }
            Thread.sleep(2_000);
        }
        return false;
    }
}
