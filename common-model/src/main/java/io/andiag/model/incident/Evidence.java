package io.andiag.model.incident;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why the router decided what it decided, for a person: the most telling routing features with their values, and
 * sampled 5-tuples behind the decision ({@code src:sport -> dst:dport type SCENARIO}).
 */
public record Evidence(Map<String, Double> topFeatures, List<String> samples) {

    public Evidence {
        topFeatures = Collections.unmodifiableMap(new LinkedHashMap<>(topFeatures));
        samples = List.copyOf(samples);
    }

    public static Evidence none() {
        return new Evidence(Map.of(), List.of());
    }
}
