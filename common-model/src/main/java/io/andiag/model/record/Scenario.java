package io.andiag.model.record;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the destination of a retransmitting connection is, as classified by the agent's DST-IP filters.
 * The wire name is the JSON key in {@code counts}; the column prefix names the lake columns.
 */
public enum Scenario {
    INTRANET,
    SLB,
    CROSS_REGION,
    INTERNET_OUT,
    INTERNET_IN;

    private static final Scenario[] VALUES = values();

    public String wireName() {
        return name();
    }

    /** Lower-case prefix of the lake columns of this scenario, e.g. {@code cross_region} in {@code cross_region_rto}. */
    public String columnPrefix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the scenarios whose traffic leaves the region's private network (paper §7: intranet vs internet). */
    public boolean isInternetSide() {
        return this == CROSS_REGION || this == INTERNET_OUT || this == INTERNET_IN;
    }

    public static Optional<Scenario> fromWire(String name) {
        for (Scenario s : VALUES) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Scenario of(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
