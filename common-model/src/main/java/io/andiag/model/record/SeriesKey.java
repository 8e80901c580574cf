package io.andiag.model.record;

import java.util.Objects;

/**
 * One monitored time series: the retransmissions of one retx type, in one traffic scenario, from one source IP.
 * The string form {@code ip|SCENARIO|type} is the key used in Kafka state stores and in the parameter tables.
 */
public record SeriesKey(String ip, Scenario scenario, RetxType type) {

    private static final char SEPARATOR = '|';

    public SeriesKey {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(type, "type");
    }

    /** Index of (scenario, type) in a {@link RetxCounts}: the position of this series within its IP. */
    public int slot() {
        return RetxCounts.slot(scenario, type);
    }

    public String asString() {
        return ip + SEPARATOR + scenario.wireName() + SEPARATOR + type.wireName();
    }

    /**
     * Parses {@link #asString()} output.
     *
     * @throws IllegalArgumentException naming the bad text when it is not a series key
     */
    public static SeriesKey parse(String text) {
        int first = text.indexOf(SEPARATOR);
        int second = first < 0 ? -1 : text.indexOf(SEPARATOR, first + 1);
        if (first <= 0 || second < 0) {
            throw new IllegalArgumentException("not a series key (want ip|SCENARIO|type): '" + text + "'");
        }
        String ip = text.substring(0, first);
        Scenario scenario = Scenario.fromWire(text.substring(first + 1, second))
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario in series key '" + text + "'"));
        RetxType type = RetxType.fromWire(text.substring(second + 1))
                .orElseThrow(() -> new IllegalArgumentException("unknown retx type in series key '" + text + "'"));
        return new SeriesKey(ip, scenario, type);
    }

    @Override
    public String toString() {
        return asString();
    }
}
