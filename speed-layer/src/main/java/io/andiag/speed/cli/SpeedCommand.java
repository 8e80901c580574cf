package io.andiag.speed.cli;

import io.andiag.speed.SpeedApp;
import io.andiag.speed.config.SpeedConfig;
import io.andiag.speed.scoring.LakeModelSource;
import io.andiag.speed.topics.AndTopics;
import io.andiag.speed.topics.TopicBootstrapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code andiag speed}: runs the Kafka Streams application until Ctrl-C / SIGTERM. */
@Command(name = "speed",
        description = {"Score every series every minute from and.retx.counters and write and.abnormal and and.monitored;"
                + " diagnose every region-minute with the sampled details of and.retx.details and write incident changes to and.alerts.",
                "Serves the parameter set named by <lake>/params/LATEST and switches to a newly published one without a restart.",
                "Metrics (Prometheus text) on http://127.0.0.1:<metrics-port>/metrics, health on /health."})
final class SpeedCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SpeedCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--lake", required = true, paramLabel = "DIR", description = "The lake (params/ and ip_attributes/ are read from it).")
    Path lake;

    @Option(names = "--application-id", defaultValue = SpeedConfig.DEFAULT_APPLICATION_ID, paramLabel = "ID",
            description = "Kafka Streams application id; instances with the same id share the partitions. Default: ${DEFAULT-VALUE}.")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state directory (default: Kafka Streams' default under the temp dir).")
    Path stateDir;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Stream threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--metrics-port", defaultValue = "9464", paramLabel = "N",
            description = "Port of /metrics and /health on 127.0.0.1; 0 = any free port. Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(names = {"-c", "--config"}, paramLabel = "KEY=VALUE",
            description = "Any AND setting (and.*, see docs/speed-layer.md) or Kafka Streams/client setting; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> props = new HashMap<>(overrides);
        props.put(SpeedConfig.LAKE_DIR, lake.toString());
        props.put(SpeedConfig.METRICS_PORT, metricsPort);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        if (stateDir != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        }
        SpeedConfig config;
        try {
            config = new SpeedConfig(props);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "andiag-speed-topic-check"))) {
            new TopicBootstrapper(admin).ensure(AndTopics.ALL);
        }
        StopSignal stop = StopSignal.install();
        try (SpeedApp app = new SpeedApp(config, new LakeModelSource(config.lakeDir()))) {
            app.start();
            LOG.info("speed layer running (application id {}); Ctrl-C or SIGTERM stops it", applicationId);
            String reason = stop.await();
            LOG.info("stopping the speed layer ({})", reason);
        } finally {
            stop.markStopped();
        }
        return 0;
    }
}
