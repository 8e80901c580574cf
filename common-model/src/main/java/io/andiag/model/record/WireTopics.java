package io.andiag.model.record;

/**
 * The Kafka topic names of the wire contract (docs/wire.md), declared once for every module: the speed layer's
 * topic descriptors and the replay tool both refer to these.
 */
public final class WireTopics {

    public static final String RETX_COUNTERS = "and.retx.counters";
    public static final String RETX_DETAILS = "and.retx.details";
    public static final String ABNORMAL = "and.abnormal";
    public static final String ALERTS = "and.alerts";
    public static final String DEADLETTER = "and.deadletter";
    public static final String MONITORED = "and.monitored";

    private WireTopics() {
    }
}
