package io.andiag.datasets.replay;

/** One record to produce: topic, key (source IP), the wire JSON, and its event time. */
public record ReplayRecord(String topic, String key, byte[] value, long eventTs) {
}
