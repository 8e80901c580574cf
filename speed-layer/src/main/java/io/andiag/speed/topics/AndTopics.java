package io.andiag.speed.topics;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

import org.apache.kafka.common.config.TopicConfig;
import io.andiag.model.record.WireTopics;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Kafka topic of the project, declared once (names from the wire contract, docs/wire.md;
 * the table with keys, values, partitions and retention is in docs/kafka.md).
 *
 * <p>Keys are strings. Values are raw bytes on the topics written by agents and by the
 * dead-letter path (the speed layer decodes them itself, so a bad payload is dead-lettered, not
 * a deserialisation crash) and JSON strings on the topics the speed layer writes. Typed JSON
 * codecs are attached with {@link Topic#withSerdes}, which keeps the name and the configs.
 */
public final class AndTopics {

    /** Default partition count of the two input topics; they are joined by key, so they must match. */
    public static final int INPUT_PARTITIONS = 6;
    /** Default partition count of the derived topics. */
    public static final int DERIVED_PARTITIONS = 3;

    /**
     * Input topics stamp records with the broker's append time. The event time of an agent record is
     * its JSON {@code ts} (the speed layer re-stamps records from it), so the Kafka timestamp only
     * has to say when the record arrived. With the default CreateTime instead, a producer that stamps
     * records with agent time (a replay "keeping event time") would see them deleted by retention
     * within a minute when they are older than the retention, and would get produce errors for
     * records more than an hour ahead (the broker's {@code log.message.timestamp.after.max.ms}) that
     * the wire contract wants in {@code and.deadletter} instead.
     */
    static final String INPUT_TIMESTAMP_TYPE = "LogAppendTime";

    private static final Duration ONE_DAY = Duration.ofDays(1);
    private static final Duration THREE_DAYS = Duration.ofDays(3);
    private static final Duration ONE_WEEK = Duration.ofDays(7);

    /** Agents' 15-second retx counters, key: source IP (input). */
    public static final Topic<String, byte[]> RETX_COUNTERS = Topic
            .named(WireTopics.RETX_COUNTERS, Serdes.String(), Serdes.ByteArray())
            .description("retx counters per source IP and interval (JSON); key: source IP")
            .partitions(INPUT_PARTITIONS)
            .retention(ONE_DAY)
            .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, INPUT_TIMESTAMP_TYPE)
            .build();

    /** Agents' sampled retransmission details, key: source IP (input, co-partitioned with the counters). */
    public static final Topic<String, byte[]> RETX_DETAILS = Topic
            .named(WireTopics.RETX_DETAILS, Serdes.String(), Serdes.ByteArray())
            .description("sampled single retransmissions (JSON); key: source IP")
            .partitions(INPUT_PARTITIONS)
            .retention(ONE_DAY)
            .config(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, INPUT_TIMESTAMP_TYPE)
            .build();

    /** One record per abnormal series-minute (score, expected value, features, parameter-set version). */
    public static final Topic<String, String> ABNORMAL = Topic
            .named(WireTopics.ABNORMAL, Serdes.String(), Serdes.String())
            .description("abnormal series-minutes with score, expected value, features, parameter version (JSON)")
            .partitions(DERIVED_PARTITIONS)
            .retention(THREE_DAYS)
            .build();

    /** One record per incident change (OPEN, UPDATE, RESOLVED). */
    public static final Topic<String, String> ALERTS = Topic
            .named(WireTopics.ALERTS, Serdes.String(), Serdes.String())
            .description("incident changes OPEN/UPDATE/RESOLVED with severity, route, scope, impact (JSON)")
            .partitions(DERIVED_PARTITIONS)
            .retention(ONE_WEEK)
            .build();

    /** Bad input with the reason it was rejected. */
    public static final Topic<String, byte[]> DEADLETTER = Topic
            .named(WireTopics.DEADLETTER, Serdes.String(), Serdes.ByteArray())
            .description("rejected input records with the reason and their origin")
            .partitions(DERIVED_PARTITIONS)
            .retention(ONE_WEEK)
            .build();

    /** Monitored (heartbeating) IP count per region and minute: the denominator of the severity levels. */
    public static final Topic<String, String> MONITORED = Topic
            .named(WireTopics.MONITORED, Serdes.String(), Serdes.String())
            .description("monitored-IP count per region-minute, the severity denominator (JSON); key: region")
            .partitions(DERIVED_PARTITIONS)
            .retention(ONE_DAY)
            .build();

    /** The topics agents write to; {@code andiag broker --partitions N} sets their partition count. */
    public static final List<Topic<?, ?>> INPUTS = List.of(RETX_COUNTERS, RETX_DETAILS);

    /** Every project topic, inputs first. */
    public static final List<Topic<?, ?>> ALL = List.of(RETX_COUNTERS, RETX_DETAILS, ABNORMAL, ALERTS, DEADLETTER,
            MONITORED);

    private AndTopics() {
    }

    /** The topic named {@code name}, if it is one of ours. */
    public static Optional<Topic<?, ?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Partition counts for {@link TopicBootstrapper}: {@code inputPartitions} for both {@link #INPUTS}
     * (they stay co-partitioned), each other topic's default.
     */
    public static ToIntFunction<Topic<?, ?>> partitions(int inputPartitions) {
        if (inputPartitions < 1) {
            throw new IllegalArgumentException("inputPartitions must be at least 1, got " + inputPartitions);
        }
        return topic -> INPUTS.contains(topic) ? inputPartitions : topic.defaultPartitions();
    }
}
