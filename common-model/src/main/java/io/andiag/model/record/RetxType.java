package io.andiag.model.record;

import java.util.Optional;

/**
 * The retransmission kinds AND carries. TLP and fast retransmits are noise and are not carried.
 */
public enum RetxType {
    /** SYN retransmission: the connection cannot be established. */
    SYN("syn"),
    /** Retransmission timeout on an established connection. */
    RTO("rto");

    private static final RetxType[] VALUES = values();
    private final String wireName;

    RetxType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RetxType> fromWire(String name) {
        for (RetxType t : VALUES) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static RetxType of(int ordinal) {
        return VALUES[ordinal];
    }

    public static int count() {
        return VALUES.length;
    }
}
