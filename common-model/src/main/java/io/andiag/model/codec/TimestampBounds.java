package io.andiag.model.codec;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The range of event timestamps an input record may carry: not before 2000-01-01 and not more than
 * {@code maxFuture} ahead of the clock (agents' clocks are synchronised; a far-future timestamp would hold
 * windows open and is a bug upstream).
 */
public final class TimestampBounds {

    /** 2000-01-01T00:00:00Z: anything earlier is a unit error (seconds instead of milliseconds) or garbage. */
    public static final long MIN_TS = 946_684_800_000L;
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(15);

    private final Clock clock;
    private final long maxFutureMs;

    private TimestampBounds(Clock clock, Duration maxFuture) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxFuture.isNegative()) {
            throw new IllegalArgumentException("maxFuture must not be negative, got " + maxFuture);
        }
        this.maxFutureMs = maxFuture.toMillis();
    }

    public static TimestampBounds of(Clock clock, Duration maxFuture) {
        return new TimestampBounds(clock, maxFuture);
    }

    /** Wall clock with the default 15-minute future tolerance. */
    public static TimestampBounds systemDefault() {
        return new TimestampBounds(Clock.systemUTC(), DEFAULT_MAX_FUTURE);
    }

    /** Only the lower bound: for offline ingestion of recorded or simulated days, whatever their date. */
    public static TimestampBounds historical() {
        return new TimestampBounds(Clock.systemUTC(), Duration.ofMillis(Long.MAX_VALUE / 2));
    }

    public long maxFutureMs() {
        return maxFutureMs;
    }

    /** Null when {@code ts} is acceptable, else the reason. */
    String violation(long ts) {
        if (ts < MIN_TS) {
            return "ts " + ts + " is before 2000-01-01 (epoch milliseconds expected)";
        }
        long now = clock.millis();
        if (ts - now > maxFutureMs) {
            return "ts " + ts + " is " + (ts - now) / 1000 + " s in the future (at most " + maxFutureMs / 1000 + " s allowed)";
        }
        return null;
    }
}
