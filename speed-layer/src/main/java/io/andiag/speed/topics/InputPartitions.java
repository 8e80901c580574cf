package io.andiag.speed.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The partition count of the input topics, asked from the broker: the number of monitored-count reports that make a
 * region-minute complete. {@code and.retx.details} must have as many partitions as {@code and.retx.counters} (they
 * are co-partitioned by source IP); a mismatch is logged as an error, since details on the extra partitions are
 * never attached.
 */
public final class InputPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(InputPartitions.class);

    private InputPartitions() {
    }

    /** Reads the counts with an admin client built from the Kafka client settings in {@code clientProps}. */
    public static int of(Properties clientProps) {
        Map<String, Object> conf = new HashMap<>();
        clientProps.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(String.valueOf(k))) {
                conf.put(String.valueOf(k), v);
            }
        });
        conf.put(AdminClientConfig.CLIENT_ID_CONFIG, "andiag-input-partitions");
        try (Admin admin = Admin.create(conf)) {
            return of(admin);
        }
    }

    public static int of(Admin admin) {
        String counters = AndTopics.RETX_COUNTERS.name();
        String details = AndTopics.RETX_DETAILS.name();
        Map<String, TopicDescription> topics;
        try {
            topics = admin.describeTopics(List.of(counters, details)).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while describing the input topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("cannot describe " + counters + " and " + details + " (do they exist?): " + e.getMessage(), e);
        }
        int n = topics.get(counters).partitions().size();
        int d = topics.get(details).partitions().size();
        if (d != n) {
            LOG.error("{} has {} partitions but {} has {}: they must match (co-partitioned by source IP);"
                    + " details on the extra partitions are never attached", counters, n, details, d);
        }
        LOG.info("input topics have {} partitions: a region-minute is complete when all of them reported it", n);
        return n;
    }
}
