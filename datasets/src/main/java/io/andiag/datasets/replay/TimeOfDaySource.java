package io.andiag.datasets.replay;

import java.time.LocalTime;

/**
 * Passes on only the records whose UTC time of day lies in [from, to) — a part of each replayed day, e.g. the hours
 * that hold the incidents (the demo replays a window, a full day of a few thousand IPs being tens of millions of
 * records). Stops reading once the event time passed {@code stopAfterTs}, since sources are in event-time order.
 */
public final class TimeOfDaySource implements ReplaySource {

    private static final long DAY_MS = 86_400_000L;

    private final ReplaySource source;
    private final long fromMs;
    private final long toMs;
    private final long stopAfterTs;

    public TimeOfDaySource(ReplaySource source, LocalTime from, LocalTime to, long stopAfterTs) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the replay window must start before it ends, got " + from + " .. " + to);
        }
        this.source = source;
        this.fromMs = from.toNanoOfDay() / 1_000_000L;
        this.toMs = to.toNanoOfDay() / 1_000_000L;
        this.stopAfterTs = stopAfterTs;
    }

    @Override
    public ReplayRecord next() {
        for (ReplayRecord r = source.next(); r != null; r = source.next()) {
            if (r.eventTs() >= stopAfterTs) {
                return null;
            }
            long ofDay = Math.floorMod(r.eventTs(), DAY_MS);
            if (ofDay >= fromMs && ofDay < toMs) {
                return r;
            }
        }
        return null;
    }

    @Override
    public void close() {
        source.close();
    }
}
