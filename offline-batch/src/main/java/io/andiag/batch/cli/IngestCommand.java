package io.andiag.batch.cli;

import io.andiag.batch.StepReport;
import io.andiag.batch.ingest.IngestJob;
import io.andiag.batch.ingest.IngestKind;
import io.andiag.batch.spark.BatchSpark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code andiag batch ingest}: wire JSON lines into the lake's counter/detail partitions. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Decodes wire-format JSON lines (the same JSON as on Kafka) into <lake>/retx_counters and",
                "<lake>/retx_details, one dt= partition per UTC day of the records; replaces the partitions it writes.",
                "Bad lines go to <lake>/_rejected/<table>/dt=.../ with reason, detail, file and line number."})
final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lake", paramLabel = "DIR", required = true, description = "Root of the lake.")
    Path lake;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "dt of rejected lines from a file without any good line (default: today, UTC).")
    LocalDate date;

    @Option(names = "--master", paramLabel = "MASTER", defaultValue = BatchSpark.DEFAULT_MASTER,
            description = "Spark master when none is set by spark-submit (default: ${DEFAULT-VALUE}).")
    String master;

    @Mixin
    IngestOptions ingest;

    @Override
    public Integer call() {
        if (ingest.inputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--input=PATH'");
        }
        IngestJob.Options options;
        try {
            options = ingest.toJobOptions(date);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        StepReport report = new StepReport(IngestJob.STEP);
        try (BatchSpark.Handle spark = BatchSpark.open("andiag-batch-ingest", master, 8)) {
            Map<IngestKind, IngestJob.KindResult> results = IngestJob.run(spark.session(), lake.toAbsolutePath(), options, report);
            for (IngestJob.KindResult r : results.values()) {
                spec.commandLine().getOut().printf("%s: %d file(s), %d accepted %s, %d rejected %s%n", r.kind().table(), r.files(),
                        r.accepted(), r.acceptedByDt(), r.rejected(), r.rejectedByReason());
            }
        }
        report.finish();
        return 0;
    }
}
