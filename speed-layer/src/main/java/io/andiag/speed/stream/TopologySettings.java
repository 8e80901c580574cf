package io.andiag.speed.stream;

import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.incident.DiagnosisSettings;
import io.andiag.model.incident.TrackerSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings that shape the topology itself (the application's other settings live in SpeedConfig). Validated at
 * construction; errors name the setting and the value.
 *
 * @param grace                 how long after its end a minute window still accepts records (agent and broker delays)
 * @param maxFuture             how far ahead of the wall clock an event timestamp may be before it is refused
 * @param inputPartitions       partitions of the input topics: a region-minute is complete when that many partitions
 *                              reported their monitored count for it
 * @param closeAfter            wall clock: an input partition that sent the diagnosis nothing for this long is idle
 *                              (or stuck) and no longer waited for (it delays alerts by at most this much)
 * @param detailsRetention      how long each IP's sampled details are kept (must cover a minute, its grace and lag)
 * @param maxDetailsPerIpMinute sampled details kept per IP and minute (the first ones); more are counted, not kept
 * @param diagnosis             routing, scope, emission and evidence settings (common-model)
 * @param tracker               incident lifecycle settings (common-model)
 * @param stores                where every state store of the topology lives locally (all are changelogged)
 */
public record TopologySettings(Duration grace, Duration maxFuture, int inputPartitions, Duration closeAfter,
                               Duration detailsRetention, int maxDetailsPerIpMinute, DiagnosisSettings diagnosis,
                               TrackerSettings tracker, StoreKind stores) {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);
    /**
     * Five minutes: catching up on a 3-hour backlog on a loaded 2-core machine (SpeedPipelineIT, load average 36), an
     * input partition that was not idle first reported to the diagnosis 2 min 7 s (another run: 2 min 17 s) after the
     * start, while the others were processed.
     */
    public static final Duration DEFAULT_CLOSE_AFTER = Duration.ofMinutes(5);
    public static final Duration DEFAULT_DETAILS_RETENTION = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_DETAILS_PER_IP_MINUTE = 24;

    public TopologySettings {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(maxFuture, "maxFuture");
        Objects.requireNonNull(closeAfter, "closeAfter");
        Objects.requireNonNull(detailsRetention, "detailsRetention");
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(stores, "stores");
        if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("grace must be within 0..10 min, got " + grace);
        }
        if (maxFuture.isNegative()) {
            throw new IllegalArgumentException("maxFuture must not be negative, got " + maxFuture);
        }
        if (inputPartitions < 1) {
            throw new IllegalArgumentException("inputPartitions must be at least 1, got " + inputPartitions);
        }
        if (closeAfter.compareTo(Duration.ofSeconds(10)) < 0 || closeAfter.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("closeAfter must be within 10 s..60 min, got " + closeAfter);
        }
        if (detailsRetention.compareTo(Duration.ofMinutes(1).plus(grace)) < 0) {
            throw new IllegalArgumentException("detailsRetention must cover a minute and its grace (" + grace
                    + "), got " + detailsRetention);
        }
        if (maxDetailsPerIpMinute < 0 || maxDetailsPerIpMinute > 10_000) {
            throw new IllegalArgumentException("maxDetailsPerIpMinute must be within 0..10000, got " + maxDetailsPerIpMinute);
        }
    }

    /** The given window settings, one input partition and every other setting at its default. */
    public TopologySettings(Duration grace, Duration maxFuture) {
        this(grace, maxFuture, 1, DEFAULT_CLOSE_AFTER, DEFAULT_DETAILS_RETENTION, DEFAULT_MAX_DETAILS_PER_IP_MINUTE,
                DiagnosisSettings.DEFAULTS, TrackerSettings.DEFAULTS, StoreKind.ROCKSDB);
    }

    public static TopologySettings defaults() {
        return new TopologySettings(DEFAULT_GRACE, TimestampBounds.DEFAULT_MAX_FUTURE);
    }

    public TopologySettings withInputPartitions(int n) {
        return new TopologySettings(grace, maxFuture, n, closeAfter, detailsRetention, maxDetailsPerIpMinute, diagnosis, tracker,
                stores);
    }

    public TopologySettings withTracker(TrackerSettings t) {
        return new TopologySettings(grace, maxFuture, inputPartitions, closeAfter, detailsRetention, maxDetailsPerIpMinute,
                diagnosis, t, stores);
    }

    public TopologySettings withStores(StoreKind kind) {
        return new TopologySettings(grace, maxFuture, inputPartitions, closeAfter, detailsRetention, maxDetailsPerIpMinute,
                diagnosis, tracker, kind);
    }
}
