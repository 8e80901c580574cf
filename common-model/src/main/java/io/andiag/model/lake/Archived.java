package io.andiag.model.lake;

import java.util.Objects;

/**
 * A speed-layer output record as the archive stored it in the lake: the record, where it came from on Kafka, and when
 * the archive received it (its provenance columns {@code kafka_partition}, {@code kafka_offset}, {@code archived_at}).
 *
 * @param record         the decoded record ({@code AbnormalSeries}, {@code IncidentAlert} or {@code MonitoredCount})
 * @param kafkaPartition partition of the output topic it was read from
 * @param kafkaOffset    its offset in that partition: (topic, partition, offset) identifies it, so duplicates show
 * @param archivedAt     wall-clock time the archive received it, epoch ms
 */
public record Archived<T>(T record, int kafkaPartition, long kafkaOffset, long archivedAt) {

    public Archived {
        Objects.requireNonNull(record, "record");
        if (kafkaPartition < 0 || kafkaOffset < 0) {
            throw new IllegalArgumentException("kafka partition and offset must be >= 0, got " + kafkaPartition + "/" + kafkaOffset);
        }
    }
}
