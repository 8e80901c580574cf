package io.andiag.batch.cli;

import io.andiag.batch.BatchRun;
import io.andiag.batch.spark.BatchSpark;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/** The options every step shares: which lake, which day, how much history, which master in local mode. */
final class CommonOptions {

    @Option(names = "--lake", paramLabel = "DIR", description = "Root of the lake (Parquet tables, params/).")
    Path lake;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Last day of history; the parameter set is trained for the day after it.")
    LocalDate date;

    @Option(names = "--history-days", paramLabel = "H", defaultValue = "" + BatchRun.DEFAULT_HISTORY_DAYS,
            description = "Days of history ending with --date (default: ${DEFAULT-VALUE}).")
    int historyDays;

    @Option(names = "--master", paramLabel = "MASTER", defaultValue = BatchSpark.DEFAULT_MASTER,
            description = "Spark master when none is set by spark-submit (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--shuffle-partitions", paramLabel = "N", defaultValue = "8",
            description = "spark.sql.shuffle.partitions in local mode, unless set (default: ${DEFAULT-VALUE}).")
    int shufflePartitions;

    /** The run these options describe; {@code --lake} and {@code --date} are required. */
    BatchRun run(CommandLine cmd, Instant runStart) {
        if (lake == null) {
            throw new CommandLine.ParameterException(cmd, "Missing required option: '--lake=DIR'");
        }
        if (date == null) {
            throw new CommandLine.ParameterException(cmd, "Missing required option: '--date=YYYY-MM-DD'");
        }
        try {
            return new BatchRun(lake, date, historyDays, runStart);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }
}
