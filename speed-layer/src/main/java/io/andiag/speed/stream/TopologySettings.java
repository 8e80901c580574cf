package io.andiag.speed.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings that shape the topology itself (the application's other settings live in SpeedConfig).
 *
 * @param grace     how long after its end a minute window still accepts records (agent and broker delays)
 * @param maxFuture how far ahead of the wall clock an event timestamp may be before it is refused
 */
public record TopologySettings(Duration grace, Duration maxFuture) {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    public TopologySettings {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(maxFuture, "maxFuture");
        if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("grace must be within 0..10 min, got " + grace);
        }
        if (maxFuture.isNegative()) {
            throw new IllegalArgumentException("maxFuture must not be negative, got " + maxFuture);
        }
    }

    public static TopologySettings defaults() {
        return new TopologySettings(DEFAULT_GRACE, io.andiag.model.codec.TimestampBounds.DEFAULT_MAX_FUTURE);
    }
}
