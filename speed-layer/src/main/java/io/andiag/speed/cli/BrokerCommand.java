package io.andiag.speed.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.andiag.speed.broker.EmbeddedKafkaBroker;
import io.andiag.speed.topics.AndTopics;
import io.andiag.speed.topics.TopicBootstrapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code andiag broker}: a single-node Kafka broker with the project topics, until Ctrl-C / SIGTERM. */
@Command(
        name = "broker",
        description = {
            "Runs a single-node Kafka broker (KRaft, in this JVM) on 127.0.0.1 and creates the AND topics.",
            "Once it accepts connections it prints exactly one line on stdout, its bootstrap address"
                    + " 127.0.0.1:PORT, then runs until Ctrl-C or SIGTERM and stops cleanly (exit code 0)."
                    + " Logs go to stderr."
        })
final class BrokerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Kafka data directory: created if missing, reused if it holds this broker's data."
                    + " Default: a temporary directory deleted on exit.")
    Path dataDir;

    @Option(names = "--port", paramLabel = "N", defaultValue = "9092",
            description = "Client port on 127.0.0.1; 0 = any free port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + AndTopics.INPUT_PARTITIONS,
            description = "Partitions of the input topics (and.retx.counters, and.retx.details) when they are"
                    + " created. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be in [0, 65535], got " + port);
        }
        if (partitions < 1) {
            throw new ParameterException(spec.commandLine(), "--partitions must be at least 1, got " + partitions);
        }
        StopSignal stop = StopSignal.install();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port).start()) {
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "andiag-topic-bootstrap"))) {
                new TopicBootstrapper(admin).ensure(AndTopics.ALL, AndTopics.partitions(partitions));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(broker.bootstrapServers());
            out.flush();
            LOG.info("Broker running at {}; Ctrl-C or SIGTERM stops it", broker.bootstrapServers());
            String reason = stop.await();
            LOG.info("Stopping the broker ({})", reason);
        } finally {
            stop.markStopped();
        }
        return 0;
    }
}
