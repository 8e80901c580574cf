package io.andiag.speed.config;

import io.andiag.model.incident.DiagnosisSettings;
import io.andiag.model.incident.TrackerSettings;
import io.andiag.speed.stream.StoreKind;
import io.andiag.speed.stream.TopologySettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the speed layer, declared once with its name, default, validator and doc (rendered into
 * docs/speed-layer.md). Invalid values are refused at construction with the parameter name and the bad value.
 * Kafka Streams settings pass through untouched, with AND's defaults (exactly-once v2) applied first.
 */
public final class SpeedConfig extends AbstractConfig {

    public static final String LAKE_DIR = "and.lake.dir";
    public static final String GRACE_MS = "and.window.grace.ms";
    public static final String MAX_FUTURE_MS = "and.input.max.future.ms";
    public static final String PARAMS_POLL_MS = "and.params.poll.ms";
    public static final String ATTRIBUTES_POLL_MS = "and.attributes.poll.ms";
    public static final String DEFAULT_REGION = "and.region.default";
    public static final String METRICS_PORT = "and.metrics.port";
    public static final String INPUT_PARTITIONS = "and.input.partitions";
    public static final String CLOSE_AFTER_MS = "and.diagnosis.close.after.ms";
    public static final String DETAILS_RETENTION_MS = "and.details.retention.ms";
    public static final String DETAILS_MAX_PER_IP_MINUTE = "and.details.max.per.ip.minute";
    public static final String STATE_STORES = "and.state.stores";

    /**
     * Prefixes of the diagnosis settings declared in common-model ({@code DiagnosisSettings}, {@code TrackerSettings}:
     * {@code routing.confidence_bar}, {@code incident.resolve_after_quiet_minutes}, ...; docs/routing.md). They are
     * validated by those records and never passed to Kafka.
     */
    public static final java.util.List<String> DIAGNOSIS_PREFIXES = java.util.List.of("routing.", "incident.");

    public static final String DEFAULT_APPLICATION_ID = "and-speed";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(LAKE_DIR, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The lake: the parameter sets under params/ and ip_attributes/ are read from here.")
            .define(GRACE_MS, Type.LONG, TopologySettings.DEFAULT_GRACE.toMillis(), Range.between(0, 600_000), Importance.HIGH,
                    "How long after its end a minute still accepts counter records. Later records go to the dead-letter topic as too_late.")
            .define(MAX_FUTURE_MS, Type.LONG, Duration.ofMinutes(15).toMillis(), Range.atLeast(0), Importance.MEDIUM,
                    "Counter records stamped further than this ahead of the wall clock are refused as timestamp_out_of_range.")
            .define(PARAMS_POLL_MS, Type.LONG, 30_000L, Range.atLeast(100), Importance.MEDIUM,
                    "How often params/LATEST is checked for a newly published parameter set.")
            .define(ATTRIBUTES_POLL_MS, Type.LONG, 300_000L, Range.atLeast(100), Importance.LOW,
                    "How often ip_attributes/ is checked for a newer snapshot.")
            .define(DEFAULT_REGION, Type.STRING, "default", new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Region of IPs that are not in ip_attributes.")
            .define(METRICS_PORT, Type.INT, 9464, Range.between(0, 65_535), Importance.MEDIUM,
                    "Port of the Prometheus /metrics and /health endpoint on 127.0.0.1; 0 picks a free port, -1 is not allowed.")
            .define(INPUT_PARTITIONS, Type.INT, 0, Range.between(0, 10_000), Importance.MEDIUM,
                    "Partitions of and.retx.counters (and.retx.details has as many): a region-minute is complete when every"
                            + " partition reported it. 0 = ask the broker at start.")
            .define(CLOSE_AFTER_MS, Type.LONG, TopologySettings.DEFAULT_CLOSE_AFTER.toMillis(), Range.between(10_000, 3_600_000),
                    Importance.MEDIUM, "Wall clock: an input partition that reported no minute to the diagnosis for this long is"
                            + " idle or stuck and no longer waited for (it delays alerts by at most this much).")
            .define(DETAILS_RETENTION_MS, Type.LONG, TopologySettings.DEFAULT_DETAILS_RETENTION.toMillis(), Range.atLeast(60_000),
                    Importance.LOW, "How long each IP's sampled details are kept for the diagnosis (at least a minute plus the grace).")
            .define(DETAILS_MAX_PER_IP_MINUTE, Type.INT, TopologySettings.DEFAULT_MAX_DETAILS_PER_IP_MINUTE, Range.between(0, 10_000),
                    Importance.LOW, "Sampled details kept per IP and minute (the first ones); more are counted, not kept.")
            .define(STATE_STORES, Type.STRING, StoreKind.ROCKSDB.configName(),
                    ConfigDef.ValidString.in(StoreKind.ROCKSDB.configName(), StoreKind.IN_MEMORY.configName()), Importance.LOW,
                    "Where every state store lives locally: rocksdb (off-heap, restored from the local checkpoint) or"
                            + " in_memory (on the heap, restored from its changelog at every start). Both are changelogged.");

    private final Map<String, Object> streamsOverrides;
    private final DiagnosisSettings diagnosis;
    private final TrackerSettings tracker;

    /**
     * @throws ConfigException naming the setting and the value when one is invalid (diagnosis settings included)
     */
    public SpeedConfig(Map<String, ?> props) {
        super(DEFINITION, props, false);
        Map<String, Object> streams = new HashMap<>();
        Map<String, String> diagnosisProps = new HashMap<>();
        props.forEach((k, v) -> {
            if (DIAGNOSIS_PREFIXES.stream().anyMatch(k::startsWith)) {
                diagnosisProps.put(k, String.valueOf(v));
            } else if (!DEFINITION.names().contains(k)) {
                streams.put(k, v);
            }
        });
        this.streamsOverrides = streams;
        try {
            this.diagnosis = DiagnosisSettings.from(diagnosisProps);
            this.tracker = TrackerSettings.from(diagnosisProps);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    public Path lakeDir() {
        return Path.of(getString(LAKE_DIR));
    }

    /** {@value #INPUT_PARTITIONS} when set; empty when it is 0 (ask the broker). */
    public java.util.OptionalInt inputPartitions() {
        int n = getInt(INPUT_PARTITIONS);
        return n > 0 ? java.util.OptionalInt.of(n) : java.util.OptionalInt.empty();
    }

    /**
     * The topology's settings, with {@code partitions} input partitions (the configured or the broker's count).
     *
     * @throws ConfigException when the settings do not fit together
     */
    public TopologySettings topologySettings(int partitions) {
        try {
            return new TopologySettings(Duration.ofMillis(getLong(GRACE_MS)), Duration.ofMillis(getLong(MAX_FUTURE_MS)),
                    partitions, Duration.ofMillis(getLong(CLOSE_AFTER_MS)), Duration.ofMillis(getLong(DETAILS_RETENTION_MS)),
                    getInt(DETAILS_MAX_PER_IP_MINUTE), diagnosis, tracker, StoreKind.fromConfig(getString(STATE_STORES)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    public Duration paramsPoll() {
        return Duration.ofMillis(getLong(PARAMS_POLL_MS));
    }

    public Duration attributesPoll() {
        return Duration.ofMillis(getLong(ATTRIBUTES_POLL_MS));
    }

    public String defaultRegion() {
        return getString(DEFAULT_REGION);
    }

    public int metricsPort() {
        return getInt(METRICS_PORT);
    }

    /** Kafka Streams properties: AND's defaults, then whatever the user passed that is not an {@code and.*} setting. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        p.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        p.putAll(streamsOverrides);
        return p;
    }
}
