package io.andiag.speed.broker;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The server properties of the embedded single-node KRaft broker (broker and controller in one
 * process), declared once. {@code docs/kafka.md} lists them with the reason for each.
 */
final class SingleNodeBrokerConfig {

    static final int NODE_ID = 1;
    static final String HOST = "127.0.0.1";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /**
     * Settings a single node cannot run without. Without the replication factors the internal
     * topics (__consumer_offsets, __transaction_state, __share_group_state) are never created and
     * Kafka Streams sits in REBALANCING forever without a WARN line.
     */
    static final Map<String, String> REQUIRED = ordered(
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "share.coordinator.state.topic.replication.factor", "1",
            "share.coordinator.state.topic.min.isr", "1",
            "default.replication.factor", "1",
            "min.insync.replicas", "1",
            // A dev broker has one consumer per group most of the time: do not wait 3 s for more.
            "group.initial.rebalance.delay.ms", "0");

    /** Settings that keep a development broker small, quiet and predictable on a 2-core machine. */
    static final Map<String, String> DEV_DEFAULTS = ordered(
            // Every project topic is created explicitly (TopicBootstrapper); a typo must fail, not create a topic.
            "auto.create.topics.enable", "false",
            "num.partitions", "3",
            // 50 partitions each by default: slow to create and load, useless on one node.
            "offsets.topic.num.partitions", "5",
            "transaction.state.log.num.partitions", "5",
            "share.coordinator.state.topic.num.partitions", "5",
            // Modest retention: one day, 64 MiB segments so retention can act on small topics.
            "log.retention.hours", "24",
            "log.segment.bytes", String.valueOf(64 * 1024 * 1024),
            "log.retention.check.interval.ms", "60000",
            // The log cleaner allocates its dedupe buffer up front (128 MiB by default).
            "log.cleaner.dedupe.buffer.size", String.valueOf(32 * 1024 * 1024),
            // Fewer threads than the defaults (3, 8, 10, 2, 4): two cores are shared with others.
            "num.network.threads", "2",
            "num.io.threads", "4",
            "background.threads", "4",
            "num.recovery.threads.per.data.dir", "1",
            "group.coordinator.threads", "2");

    private SingleNodeBrokerConfig() {
    }

    /**
     * The full property set for a broker listening on {@code 127.0.0.1:brokerPort} with its
     * controller on {@code 127.0.0.1:controllerPort}; {@code overrides} are applied last.
     */
    static Properties build(Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // Static quorum of one voter (kraft.version 0): the voter endpoint lives in the config,
        // not in the metadata log, so a restart on the same data dir may use another port.
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        p.putAll(REQUIRED);
        p.putAll(DEV_DEFAULTS);
        p.putAll(overrides);
        return p;
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
