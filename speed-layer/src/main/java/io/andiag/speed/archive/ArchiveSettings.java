package io.andiag.speed.archive;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of {@link LakeArchiver}, each validated at construction with a message naming it.
 *
 * @param rollRecords  close the open files and commit once this many records are buffered
 * @param rollInterval ... or once the oldest buffered record is this old (wall clock)
 * @param untilIdle    when present, stop (after a last roll) once this long passed without a record, counted from
 *                     the start of the run and then from the last record
 * @param dayCloseGrace write {@code _SUCCESS} in a table's {@code dt=D} once a record of minute
 *                     {@code >= D+1 00:00 + grace} has been archived to that table (no more files are expected)
 * @param pollTimeout  the consumer's poll timeout (also how often stop, roll and idle are checked)
 */
public record ArchiveSettings(int rollRecords, Duration rollInterval, Optional<Duration> untilIdle,
                              Duration dayCloseGrace, Duration pollTimeout) {

    public static final int DEFAULT_ROLL_RECORDS = 200_000;
    public static final Duration DEFAULT_ROLL_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DAY_CLOSE_GRACE = Duration.ofHours(1);
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);

    public ArchiveSettings {
        Objects.requireNonNull(rollInterval, "rollInterval");
        Objects.requireNonNull(untilIdle, "untilIdle");
        Objects.requireNonNull(dayCloseGrace, "dayCloseGrace");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        if (rollRecords < 1) {
            throw new IllegalArgumentException("roll records must be at least 1, got " + rollRecords);
        }
        if (rollInterval.isNegative() || rollInterval.isZero()) {
            throw new IllegalArgumentException("roll interval must be positive, got " + rollInterval);
        }
        if (untilIdle.isPresent() && (untilIdle.get().isNegative() || untilIdle.get().isZero())) {
            throw new IllegalArgumentException("until-idle must be positive, got " + untilIdle.get());
        }
        if (dayCloseGrace.isNegative()) {
            throw new IllegalArgumentException("day-close grace must be >= 0, got " + dayCloseGrace);
        }
        if (pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("poll timeout must be positive, got " + pollTimeout);
        }
    }

    public static ArchiveSettings defaults() {
        return new ArchiveSettings(DEFAULT_ROLL_RECORDS, DEFAULT_ROLL_INTERVAL, Optional.empty(), DEFAULT_DAY_CLOSE_GRACE,
                DEFAULT_POLL_TIMEOUT);
    }

    public ArchiveSettings withRollRecords(int n) {
        return new ArchiveSettings(n, rollInterval, untilIdle, dayCloseGrace, pollTimeout);
    }

    public ArchiveSettings withRollInterval(Duration d) {
        return new ArchiveSettings(rollRecords, d, untilIdle, dayCloseGrace, pollTimeout);
    }

    public ArchiveSettings withUntilIdle(Duration d) {
        return new ArchiveSettings(rollRecords, rollInterval, Optional.ofNullable(d), dayCloseGrace, pollTimeout);
    }

    public ArchiveSettings withDayCloseGrace(Duration d) {
        return new ArchiveSettings(rollRecords, rollInterval, untilIdle, d, pollTimeout);
    }

    public ArchiveSettings withPollTimeout(Duration d) {
        return new ArchiveSettings(rollRecords, rollInterval, untilIdle, dayCloseGrace, d);
    }
}
