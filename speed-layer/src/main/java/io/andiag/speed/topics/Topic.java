package io.andiag.speed.topics;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * An immutable descriptor of one Kafka topic: its name, the serdes of its keys and values, the
 * partition count it gets by default and the topic configs it is created with (cleanup policy,
 * retention). Every project topic is declared once, in {@link AndTopics}; code refers to the
 * descriptor, never to the name literal.
 *
 * <p>The serdes are typed, and JSON codecs can be attached later without touching the name or
 * the configs: {@code AndTopics.RETX_COUNTERS.withSerdes(keySerde, counterSerde)}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Topic<K, V> {

    private final String name;
    private final String description;
    private final int defaultPartitions;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Map<String, String> configs;

    private Topic(String name, String description, int defaultPartitions, Serde<K> keySerde, Serde<V> valueSerde,
                  Map<String, String> configs) {
        this.name = name;
        this.description = description;
        this.defaultPartitions = defaultPartitions;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
    }

    /** Starts the declaration of a topic named {@code name} with these serdes. */
    public static <K, V> Builder<K, V> named(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return new Builder<>(name, keySerde, valueSerde);
    }

    public String name() {
        return name;
    }

    /** One line: what a record is and what its key is. */
    public String description() {
        return description;
    }

    /** Partition count used when the topic is created and nothing else is asked for. */
    public int defaultPartitions() {
        return defaultPartitions;
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** Topic-level configs applied at creation (cleanup.policy, retention.ms, ...). Unmodifiable. */
    public Map<String, String> configs() {
        return configs;
    }

    /** The retention in {@link #configs()}, if any. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(configs.get(TopicConfig.RETENTION_MS_CONFIG))
                .map(ms -> Duration.ofMillis(Long.parseLong(ms)));
    }

    /** The same topic (name, partitions, configs) read and written with other serdes. */
    public <K2, V2> Topic<K2, V2> withSerdes(Serde<K2> newKeySerde, Serde<V2> newValueSerde) {
        return new Topic<>(name, description, defaultPartitions,
                Objects.requireNonNull(newKeySerde, "keySerde"), Objects.requireNonNull(newValueSerde, "valueSerde"),
                configs);
    }

    /** The creation request with {@link #defaultPartitions()}. */
    public NewTopic newTopic() {
        return newTopic(defaultPartitions);
    }

    /**
     * The creation request with {@code partitions} partitions and the broker's default replication
     * factor ({@code default.replication.factor}: 1 on the embedded broker, the cluster's own
     * elsewhere), so the same code creates topics on a dev broker and on a real cluster.
     */
    public NewTopic newTopic(int partitions) {
        requirePositive("partitions", partitions);
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
    }

    /** Kafka Streams source options with this topic's serdes. */
    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde);
    }

    /** Kafka Streams sink options with this topic's serdes. */
    public Produced<K, V> produced() {
        return Produced.with(keySerde, valueSerde);
    }

    @Override
    public String toString() {
        return "Topic{" + name + ", partitions=" + defaultPartitions + ", configs=" + configs + "}";
    }

    private static void requirePositive(String parameter, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(parameter + " must be at least 1, got " + value);
        }
    }

    /** Declaration of a {@link Topic}. */
    public static final class Builder<K, V> {
        private final String name;
        private final Serde<K> keySerde;
        private final Serde<V> valueSerde;
        private String description = "";
        private int partitions = 1;
        private final Map<String, String> configs = new LinkedHashMap<>();

        private Builder(String name, Serde<K> keySerde, Serde<V> valueSerde) {
            Objects.requireNonNull(name, "name");
            try {
                org.apache.kafka.common.internals.Topic.validate(name);
            } catch (InvalidTopicException e) {
                throw new IllegalArgumentException("invalid topic name '" + name + "': " + e.getMessage(), e);
            }
            this.name = name;
            this.keySerde = Objects.requireNonNull(keySerde, "keySerde");
            this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        }

        public Builder<K, V> description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        public Builder<K, V> partitions(int partitions) {
            requirePositive("partitions", partitions);
            this.partitions = partitions;
            return this;
        }

        /** Time-based retention ({@code retention.ms}). */
        public Builder<K, V> retention(Duration retention) {
            Objects.requireNonNull(retention, "retention");
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("retention of topic " + name + " must be positive, got " + retention);
            }
            return config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()));
        }

        /** {@code cleanup.policy}: {@code delete} (the default), {@code compact} or {@code compact,delete}. */
        public Builder<K, V> cleanupPolicy(String policy) {
            return config(TopicConfig.CLEANUP_POLICY_CONFIG, policy);
        }

        /** Any other topic-level config. */
        public Builder<K, V> config(String key, String value) {
            configs.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Topic<K, V> build() {
            return new Topic<>(name, description, partitions, keySerde, valueSerde, configs);
        }
    }
}
