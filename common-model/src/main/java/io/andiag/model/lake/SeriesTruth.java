package io.andiag.model.lake;

import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.record.SeriesKey;

import java.util.Objects;
import java.util.Set;

/**
 * One row of the simulator-only {@code series_truth} table: how a series was generated, to evaluate the batch
 * layer's level-1 and level-2 clustering against.
 *
 * @param ip             source IP
 * @param scenario       traffic scenario
 * @param type           retx type
 * @param frequencyLevel ULTRA_LOW, LOW, MEDIUM or HIGH (intended share of minutes with retx &gt; 0)
 * @param pattern        STABLE, SEASONAL, MEAN_SHIFT or HYBRID
 * @param baseRate       mean retransmissions per minute before pattern modulation and incidents
 */
public record SeriesTruth(String ip, Scenario scenario, RetxType type, String frequencyLevel, String pattern,
                          double baseRate) {

    public static final Set<String> FREQUENCY_LEVELS = Set.of("ULTRA_LOW", "LOW", "MEDIUM", "HIGH");
    public static final Set<String> PATTERNS = Set.of("STABLE", "SEASONAL", "MEAN_SHIFT", "HYBRID");

    public SeriesTruth {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(type, "type");
        if (!FREQUENCY_LEVELS.contains(frequencyLevel)) {
            throw new IllegalArgumentException("frequency_level must be one of " + FREQUENCY_LEVELS + ", got " + frequencyLevel);
        }
        if (!PATTERNS.contains(pattern)) {
            throw new IllegalArgumentException("pattern must be one of " + PATTERNS + ", got " + pattern);
        }
    }

    public SeriesKey key() {
        return new SeriesKey(ip, scenario, type);
    }
}
