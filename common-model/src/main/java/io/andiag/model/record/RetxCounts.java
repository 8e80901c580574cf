package io.andiag.model.record;

import java.util.Arrays;

/**
 * Retransmission counts of one IP over one interval, for every (scenario, retx type) pair, in a flat array.
 * Immutable; build with {@link #builder()}. All-zero counts are a heartbeat: the IP was observed and had no retx.
 */
public final class RetxCounts {

    /** Number of (scenario, type) slots: 5 scenarios x 2 retx types. */
    public static final int SLOTS = Scenario.count() * RetxType.count();

    private static final RetxCounts ZERO = new RetxCounts(new int[SLOTS]);

    private final int[] counts;

    private RetxCounts(int[] counts) {
        this.counts = counts;
    }

    public static int slot(Scenario scenario, RetxType type) {
        return scenario.ordinal() * RetxType.count() + type.ordinal();
    }

    public static Scenario scenarioOf(int slot) {
        return Scenario.of(slot / RetxType.count());
    }

    public static RetxType typeOf(int slot) {
        return RetxType.of(slot % RetxType.count());
    }

    public static RetxCounts zero() {
        return ZERO;
    }

    /** Wraps a copy of {@code counts}; every value must be non-negative. */
    public static RetxCounts of(int... counts) {
        if (counts.length != SLOTS) {
            throw new IllegalArgumentException("expected " + SLOTS + " counts, got " + counts.length);
        }
        for (int i = 0; i < SLOTS; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("negative count " + counts[i] + " for " + scenarioOf(i) + "/" + typeOf(i));
            }
        }
        return new RetxCounts(counts.clone());
    }

    public int get(Scenario scenario, RetxType type) {
        return counts[slot(scenario, type)];
    }

    public int get(int slot) {
        return counts[slot];
    }

    public int total() {
        int sum = 0;
        for (int c : counts) {
            sum += c;
        }
        return sum;
    }

    /** True when no scenario has any retransmission. */
    public boolean isHeartbeatOnly() {
        for (int c : counts) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the counts, in slot order. */
    public int[] toArray() {
        return counts.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetxCounts other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < SLOTS; i++) {
            if (counts[i] != 0) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(scenarioOf(i)).append('/').append(typeOf(i).wireName()).append('=').append(counts[i]);
            }
        }
        return sb.append('}').toString();
    }

    /** Mutable builder; reusable after {@link #build()}. */
    public static final class Builder {
        private final int[] counts = new int[SLOTS];

        public Builder set(Scenario scenario, RetxType type, int count) {
            if (count < 0) {
                throw new IllegalArgumentException("negative count " + count + " for " + scenario + "/" + type.wireName());
            }
            counts[slot(scenario, type)] = count;
            return this;
        }

        public Builder add(Scenario scenario, RetxType type, int count) {
            return set(scenario, type, counts[slot(scenario, type)] + count);
        }

        public Builder clear() {
            Arrays.fill(counts, 0);
            return this;
        }

        public RetxCounts build() {
            return new RetxCounts(counts.clone());
        }
    }
}
