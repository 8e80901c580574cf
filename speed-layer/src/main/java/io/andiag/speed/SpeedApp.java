package io.andiag.speed;

import io.andiag.speed.attributes.AttributesLoader;
import io.andiag.speed.attributes.IpDirectory;
import io.andiag.speed.config.SpeedConfig;
import io.andiag.speed.ops.MetricsServer;
import io.andiag.speed.ops.Poller;
import io.andiag.speed.ops.PrometheusText;
import io.andiag.speed.scoring.ModelSource;
import io.andiag.speed.scoring.ParamsWatcher;
import io.andiag.speed.scoring.ScoringModelHolder;
import io.andiag.speed.stream.SpeedMetrics;
import io.andiag.speed.stream.SpeedTopology;
import io.andiag.speed.topics.InputPartitions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The running speed layer: the topology in a KafkaStreams client, the parameter-set and ip-attributes watchers, and
 * the metrics endpoint. {@link #start()} returns once the client is started; {@link #close()} stops everything.
 */
public final class SpeedApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpeedApp.class);

    private final SpeedConfig config;
    private final ModelSource models;
    private final SpeedMetrics metrics = new SpeedMetrics();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private KafkaStreams streams;
    private Poller paramsPoller;
    private Poller attributesPoller;
    private MetricsServer metricsServer;

    public SpeedApp(SpeedConfig config, ModelSource models) {
        this.config = config;
        this.models = models;
    }

    public SpeedMetrics metrics() {
        return metrics;
    }

    public void start() {
        IpDirectory directory = IpDirectory.empty(config.defaultRegion());
        AttributesLoader attributes = new AttributesLoader(config.lakeDir(), directory);
        attributes.refresh();
        ParamsWatcher watcher = new ParamsWatcher(models, metrics);
        ScoringModelHolder holder = watcher.start();

        int partitions = config.inputPartitions().orElseGet(() -> InputPartitions.of(config.streamsProperties()));
        Topology topology = SpeedTopology.build(config.topologySettings(partitions), holder, directory, metrics, Clock.systemUTC());
        streams = new KafkaStreams(topology, config.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it (state is restored from the changelogs)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        streams.start();
        paramsPoller = new Poller("and-params-watcher", config.paramsPoll(), watcher::poll);
        attributesPoller = new Poller("and-attributes-watcher", config.attributesPoll(), attributes::refresh);
        try {
            metricsServer = new MetricsServer(config.metricsPort(),
                    () -> PrometheusText.render(metrics, streams.state().name(), streams.metrics()),
                    this::health);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot serve metrics on 127.0.0.1:" + config.metricsPort(), e);
        }
    }

    private MetricsServer.Health health() {
        KafkaStreams.State state = streams.state();
        boolean healthy = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        return new MetricsServer.Health(healthy, "{\"state\":\"" + state + "\",\"param_version\":\"" + metrics.paramVersion() + "\"}");
    }

    /** Port of the metrics endpoint (useful when configured as 0). */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** Blocks until the streams client stops on its own (fatal error) or {@code timeout} passes. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (paramsPoller != null) {
            paramsPoller.close();
        }
        if (attributesPoller != null) {
            attributesPoller.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
    }
}
