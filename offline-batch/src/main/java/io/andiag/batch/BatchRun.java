package io.andiag.batch;

import io.andiag.model.params.ParamsLayout;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one nightly run is about: train on the history that ends with {@code date} (its last {@code historyDays}
 * days, both ends included) the parameter set that serves {@code date + 1}.
 *
 * @param lake        root of the lake (a POSIX path the driver and, on a cluster, every executor sees)
 * @param date        the last day of history
 * @param historyDays how many days of history, at least 1
 * @param runStart    when the run started (UTC): the second half of the published version
 */
public record BatchRun(Path lake, LocalDate date, int historyDays, Instant runStart) {

    /**
     * Three days: the least on which the noise fitter's deseasonalised hourly means exist (their centred 24-hour
     * moving average needs two days of detrended hours); the profile's event-count seasonality works on fewer, with
     * wider bounds.
     */
    public static final int DEFAULT_HISTORY_DAYS = 3;
    public static final int MAX_HISTORY_DAYS = 90;

    public BatchRun {
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(runStart, "runStart");
        lake = lake.toAbsolutePath().normalize();
        if (historyDays < 1 || historyDays > MAX_HISTORY_DAYS) {
            throw new IllegalArgumentException("--history-days must be in 1.." + MAX_HISTORY_DAYS + ", got " + historyDays);
        }
    }

    /** The day the parameter set is trained for: the day after the history. */
    public LocalDate serveDate() {
        return date.plusDays(1);
    }

    public LocalDate historyStart() {
        return date.minusDays(historyDays - 1L);
    }

    /** The history days, oldest first. */
    public List<LocalDate> historyDates() {
        List<LocalDate> days = new ArrayList<>(historyDays);
        for (LocalDate d = historyStart(); !d.isAfter(date); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** Epoch ms of the first minute of history (UTC midnight of {@link #historyStart()}). */
    public long historyStartMs() {
        return historyStart().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    public int historyMinutes() {
        return historyDays * 1440;
    }

    public Path candidateDir() {
        return ParamsLayout.candidateDir(lake, serveDate());
    }

    public Path candidateTable(String table) {
        return candidateDir().resolve(table);
    }
}
