package io.andiag.model.record;

import io.andiag.model.codec.RejectReason;

import java.util.Objects;

/**
 * A refused input record on {@code and.deadletter}: the reason, where it came from, and its original bytes, so it can
 * be inspected and replayed once the producer is fixed.
 *
 * @param reason      machine-readable reason
 * @param detail      human-readable detail naming the field and the value
 * @param topic       source topic (or file) it was read from
 * @param partition   source partition, -1 for files
 * @param offset      source offset (or line number for files)
 * @param rejectedAt  when it was refused, epoch ms
 * @param key         the original key, null when absent
 * @param payload     the original value bytes, null when absent
 */
public record DeadLetter(RejectReason reason, String detail, String topic, int partition, long offset, long rejectedAt,
                         byte[] key, byte[] payload) {

    public static final int VERSION = 1;

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && reason == d.reason && detail.equals(d.detail) && topic.equals(d.topic)
                && partition == d.partition && offset == d.offset && rejectedAt == d.rejectedAt
                && java.util.Arrays.equals(key, d.key) && java.util.Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, detail, topic, partition, offset, rejectedAt,
                java.util.Arrays.hashCode(key), java.util.Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "DeadLetter[" + reason.code() + " " + topic + "/" + partition + "@" + offset + ": " + detail + "]";
    }
}
