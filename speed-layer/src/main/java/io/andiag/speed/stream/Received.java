package io.andiag.speed.stream;

import io.andiag.model.codec.Decoded;

/**
 * One agent input record as its source read it: the bytes it arrived with and common-model's decoding of them.
 * Decoding happens once, in the source's deserializer, so the event time is known to {@link EventTimeExtractor} before
 * Kafka Streams picks which of a task's partitions to process next; the bytes are kept for a dead letter.
 *
 * @param bytes   the record value as it arrived (null for a record without value)
 * @param decoded the decoded record, or why it is refused
 * @param <T>     the decoded record type (counter or detail)
 */
public record Received<T>(byte[] bytes, Decoded<T> decoded) {
}
