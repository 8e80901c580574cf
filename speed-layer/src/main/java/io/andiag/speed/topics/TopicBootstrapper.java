package io.andiag.speed.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the missing topics with an {@link Admin}. Idempotent: a topic that exists is left
 * alone; if its partition count differs from the one asked for, a warning is logged and nothing
 * changes (adding partitions to a keyed topic moves keys, and removing them is impossible).
 */
public final class TopicBootstrapper {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrapper.class);

    /** Default for {@link #TopicBootstrapper(Admin, Duration)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final Duration timeout;

    public TopicBootstrapper(Admin admin) {
        this(admin, DEFAULT_TIMEOUT);
    }

    /** @param timeout bound for each admin round trip (list, create, describe) */
    public TopicBootstrapper(Admin admin, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** What {@link #ensure} found and did. */
    public record Report(List<String> created, List<String> existing, List<PartitionMismatch> mismatches) {
        public Report {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
            mismatches = List.copyOf(mismatches);
        }
    }

    /** An existing topic whose partition count is not the one asked for. */
    public record PartitionMismatch(String topic, int actual, int expected) {
    }

    /** Ensures {@code topics} exist, each with its {@link Topic#defaultPartitions()}. */
    public Report ensure(Collection<? extends Topic<?, ?>> topics) {
        return ensure(topics, Topic::defaultPartitions);
    }

    /**
     * Ensures {@code topics} exist; missing ones are created with {@code partitions.applyAsInt(topic)}
     * partitions, the topic's configs and the broker's default replication factor.
     *
     * @throws TopicBootstrapException if the cluster cannot be reached or a creation fails
     */
    public Report ensure(Collection<? extends Topic<?, ?>> topics, ToIntFunction<? super Topic<?, ?>> partitions) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Map<String, Topic<?, ?>> byName = new LinkedHashMap<>();
        for (Topic<?, ?> topic : topics) {
            if (byName.put(topic.name(), topic) != null) {
                throw new IllegalArgumentException("topic " + topic.name() + " is listed twice");
            }
            wanted.put(topic.name(), partitions.applyAsInt(topic));
        }
        Set<String> present = new HashSet<>(await(admin.listTopics().names(), "list topics"));

        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        List<NewTopic> toCreate = new ArrayList<>();
        for (Topic<?, ?> topic : byName.values()) {
            if (present.contains(topic.name())) {
                existing.add(topic.name());
            } else {
                toCreate.add(topic.newTopic(wanted.get(topic.name())));
            }
        }
        if (!toCreate.isEmpty()) {
            CreateTopicsResult result = admin.createTopics(toCreate);
            for (NewTopic nt : toCreate) {
                try {
                    await(result.values().get(nt.name()), "create topic " + nt.name());
                    created.add(nt.name());
                    LOG.info("Created topic {} ({} partitions, {})", nt.name(), nt.numPartitions(), nt.configs());
                } catch (TopicBootstrapException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        existing.add(nt.name()); // created concurrently by someone else
                    } else {
                        throw e;
                    }
                }
            }
        }

        List<PartitionMismatch> mismatches = new ArrayList<>();
        if (!existing.isEmpty()) {
            Map<String, TopicDescription> descriptions =
                    await(admin.describeTopics(existing).allTopicNames(), "describe topics " + existing);
            for (String name : existing) {
                int actual = descriptions.get(name).partitions().size();
                int expected = wanted.get(name);
                if (actual != expected) {
                    mismatches.add(new PartitionMismatch(name, actual, expected));
                    LOG.warn("Topic {} exists with {} partitions, {} were asked for; left as is", name, actual, expected);
                } else {
                    LOG.debug("Topic {} exists with {} partitions", name, actual);
                }
            }
        }
        return new Report(created, existing, mismatches);
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TopicBootstrapException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicBootstrapException("cannot " + what + ": no answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicBootstrapException("interrupted while trying to " + what, e);
        }
    }

    /** A topic could not be listed, created or described. */
    public static final class TopicBootstrapException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TopicBootstrapException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
