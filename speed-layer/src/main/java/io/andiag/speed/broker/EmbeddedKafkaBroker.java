package io.andiag.speed.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft combined mode: broker and controller in one process)
 * running inside this JVM, listening on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).start()) {
 *     String bootstrap = broker.bootstrapServers();   // "127.0.0.1:PORT"
 * }
 * }</pre>
 *
 * <p>{@link Builder#start()} formats the data directory when it is new, starts the server and
 * returns only when the port accepts connections and an AdminClient sees the broker in the
 * cluster (registered and unfenced: topics can be created at once). {@link #close()} stops the
 * server, waits for its threads (they are not daemon threads) and deletes the data directory
 * when it was a temporary one. The settings are those of {@code SingleNodeBrokerConfig}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Default for {@link Builder#startupTimeout(Duration)}. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /** Free ports are picked before the start, so another process may take one first: retry then. */
    static final int MAX_BIND_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int port;
    private final String clusterId;
    private final Duration startupDuration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, boolean ownsDataDir, int port,
                                String clusterId, Duration startupDuration) {
        this.server = server;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.port = port;
        this.clusterId = clusterId;
        this.startupDuration = startupDuration;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The address clients bootstrap from: {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return SingleNodeBrokerConfig.HOST + ":" + port;
    }

    /** The port of the client listener (the one picked when 0 was asked for). */
    public int port() {
        return port;
    }

    /** Where the logs and the KRaft metadata live. */
    public Path dataDir() {
        return dataDir;
    }

    /** The cluster id written in {@code meta.properties} (kept across restarts on the same data dir). */
    public String clusterId() {
        return clusterId;
    }

    /** Wall time {@link Builder#start()} took, formatting included. */
    public Duration startupDuration() {
        return startupDuration;
    }

    /**
     * Stops the broker and waits until its threads have ended; deletes the data directory when it
     * was a temporary one. Idempotent and safe to call from a shutdown hook.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (ownsDataDir) {
                deleteRecursively(dataDir);
            }
        }
        LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Options of the embedded broker; {@link #start()} builds and starts it. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Data directory to use (created if missing, reused if already formatted); {@code null}, the
         *  default, means a fresh temporary directory deleted on {@link #close()}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Client port on 127.0.0.1; 0, the default, means any free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in [0, 65535] (0 = any free port), got " + port);
            }
            this.port = port;
            return this;
        }

        /** How long {@link #start()} may take before it gives up; default 60 s. */
        public Builder startupTimeout(Duration startupTimeout) {
            Objects.requireNonNull(startupTimeout, "startupTimeout");
            if (startupTimeout.isNegative() || startupTimeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive, got " + startupTimeout);
            }
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** Overrides one server property (applied after the project's settings). */
        public Builder brokerConfig(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Formats the storage if needed, starts the broker and waits until it serves clients.
         *
         * @throws BrokerStartException if the broker cannot start within the timeout
         */
        public EmbeddedKafkaBroker start() {
            long t0 = System.nanoTime();
            long deadline = t0 + startupTimeout.toNanos();
            if (port != 0 && !isFree(port)) {
                throw new BrokerStartException("port " + port + " on " + SingleNodeBrokerConfig.HOST
                        + " is already in use; pick another one or 0 for any free port", null);
            }
            boolean owns = dataDir == null;
            Path dir;
            try {
                dir = owns ? Files.createTempDirectory("andiag-kafka-") : Files.createDirectories(dataDir.toAbsolutePath());
            } catch (IOException e) {
                throw new BrokerStartException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
            }
            try {
                String clusterId = formatIfNeeded(dir);
                for (int attempt = 1; ; attempt++) {
                    int brokerPort = port != 0 ? port : freePort(OptionalInt.empty());
                    int controllerPort = freePort(OptionalInt.of(brokerPort));
                    KafkaConfig config;
                    try {
                        config = KafkaConfig.fromProps(
                                SingleNodeBrokerConfig.build(dir, brokerPort, controllerPort, overrides), false);
                    } catch (RuntimeException e) {
                        throw new BrokerStartException("invalid broker configuration: " + e.getMessage(), e);
                    }
                    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
                    try {
                        server.startup();
                        awaitReady(brokerPort, deadline);
                    } catch (RuntimeException e) {
                        stopQuietly(server);
                        if (isBindFailure(e) && attempt < MAX_BIND_ATTEMPTS) {
                            LOG.warn("Port {} or {} was taken before the broker could bind it; retrying ({}/{})",
                                    brokerPort, controllerPort, attempt, MAX_BIND_ATTEMPTS);
                            continue;
                        }
                        throw e instanceof BrokerStartException bse ? bse
                                : new BrokerStartException("Kafka broker failed to start: " + reason(e), e);
                    }
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    LOG.info("Kafka {} broker ready at {}:{} in {} ms (cluster {}, data dir {}{})",
                            AppInfoParser.getVersion(), SingleNodeBrokerConfig.HOST, brokerPort, took.toMillis(),
                            clusterId, dir, owns ? ", temporary" : "");
                    return new EmbeddedKafkaBroker(server, dir, owns, brokerPort, clusterId, took);
                }
            } catch (RuntimeException e) {
                if (owns) {
                    deleteRecursively(dir);
                }
                throw e;
            }
        }
    }

    /** Returns the cluster id of {@code dir}, formatting it first (new random cluster id) when it is new. */
    static String formatIfNeeded(Path dir) {
        try {
            if (Files.exists(dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
                MetaPropertiesEnsemble ensemble = new MetaPropertiesEnsemble.Loader()
                        .addLogDirs(List.of(dir.toString())).load();
                OptionalInt nodeId = ensemble.nodeId();
                if (nodeId.isPresent() && nodeId.getAsInt() != SingleNodeBrokerConfig.NODE_ID) {
                    throw new BrokerStartException("data dir " + dir + " belongs to node " + nodeId.getAsInt()
                            + ", the embedded broker is node " + SingleNodeBrokerConfig.NODE_ID, null);
                }
                String clusterId = ensemble.clusterId().orElseThrow(() -> new BrokerStartException(
                        "data dir " + dir + " has a meta.properties without cluster.id", null));
                LOG.info("Reusing data dir {} (cluster {})", dir, clusterId);
                return clusterId;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new BrokerStartException("data dir " + dir + " is not empty and is not a Kafka data"
                            + " directory (no meta.properties); refusing to format it", null);
                }
            }
            String clusterId = Uuid.randomUuid().toString();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
                new Formatter()
                        .setPrintStream(ps)
                        .setNodeId(SingleNodeBrokerConfig.NODE_ID)
                        .setClusterId(clusterId)
                        .setControllerListenerName(SingleNodeBrokerConfig.CONTROLLER_LISTENER)
                        .addDirectory(dir.toString())
                        .setMetadataLogDirectory(dir.toString())
                        .run();
            }
            LOG.debug("Formatter: {}", out.toString(StandardCharsets.UTF_8).strip());
            LOG.info("Formatted data dir {} (cluster {})", dir, clusterId);
            return clusterId;
        } catch (BrokerStartException e) {
            throw e;
        } catch (Exception e) {
            throw new BrokerStartException("cannot format data dir " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the port accepts connections and an AdminClient sees at least one live broker. */
    private static void awaitReady(int port, long deadlineNanos) {
        InetSocketAddress address = new InetSocketAddress(SingleNodeBrokerConfig.HOST, port);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 500);
                break;
            } catch (IOException e) {
                sleepOrTimeout(deadlineNanos, "the port " + port + " to accept connections");
            }
        }
        Map<String, Object> conf = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SingleNodeBrokerConfig.HOST + ":" + port,
                AdminClientConfig.CLIENT_ID_CONFIG, "andiag-broker-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(conf)) {
            while (true) {
                long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions()
                            .timeoutMs((int) Math.min(remainingMs, 5_000))).nodes().get(remainingMs, TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    LOG.debug("Broker not ready yet: {}", e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrokerStartException("interrupted while waiting for the broker", e);
                }
                sleepOrTimeout(deadlineNanos, "an AdminClient to see the broker in the cluster");
            }
        }
    }

    private static void sleepOrTimeout(long deadlineNanos, String what) {
        if (System.nanoTime() >= deadlineNanos) {
            throw new BrokerStartException("timed out waiting for " + what, null);
        }
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for " + what, e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(SingleNodeBrokerConfig.HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port on 127.0.0.1 free right now (another process may still take it before we bind it). */
    static int freePort(OptionalInt notThisOne) {
        for (int i = 0; i < 10; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(SingleNodeBrokerConfig.HOST))) {
                int p = s.getLocalPort();
                if (notThisOne.isEmpty() || notThisOne.getAsInt() != p) {
                    return p;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on " + SingleNodeBrokerConfig.HOST, e);
            }
        }
        throw new IllegalStateException("no second free port found on " + SingleNodeBrokerConfig.HOST);
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** The most telling message of a start-up failure: Kafka wraps the real cause several times. */
    static String reason(Throwable e) {
        Throwable previous = e;
        for (Throwable t = e.getCause(); t != null; previous = t, t = t.getCause()) {
            if (t instanceof BindException) {
                return previous.getMessage(); // "Socket server failed to bind to HOST:PORT: Address already in use."
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (caused by " + root + ")";
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping a broker that failed to start", e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("Cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot delete {}: {}", root, e.toString());
        }
    }
}
