package io.andiag.model.incident;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** One dimension value an anomaly converges to, e.g. {@code tor=tor-17}. */
public record ScopeTerm(String dimension, String value) {

    public ScopeTerm {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return dimension + "=" + value;
    }

    /** The readable conjunction, e.g. {@code az=az-2 & tor=tor-17}; empty for the whole region. */
    public static String describe(List<ScopeTerm> terms) {
        return terms.stream().map(ScopeTerm::toString).collect(Collectors.joining(" & "));
    }
}
