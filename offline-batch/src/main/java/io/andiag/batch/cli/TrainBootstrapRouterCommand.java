package io.andiag.batch.cli;

import io.andiag.batch.BatchRun;
import io.andiag.batch.router.RouterSettings;
import io.andiag.batch.router.TrainBootstrapRouterJob;
import io.andiag.batch.spark.BatchSpark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code andiag batch train-bootstrap-router}: one router pooled from several regions' labelled candidates. */
@Command(name = "train-bootstrap-router", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains one router on the pooled labelled region-minutes of several regions (each a lake and a --date",
                "on which train-router ran) and writes it, with bootstrap.json and files.txt, to --out: the layout of the",
                "bootstrap router bundled in offline-batch for regions without labels. See",
                "offline-batch/scripts/train-bootstrap-router.sh (simulate, train, evaluate on an unseen region)."})
final class TrainBootstrapRouterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "LAKE:DATE", required = true, arity = "1..*",
            description = "A lake and the --date of a train-router run on it (repeatable).")
    List<String> from = new ArrayList<>();

    @Option(names = "--history-days", paramLabel = "H", defaultValue = "" + BatchRun.DEFAULT_HISTORY_DAYS,
            description = "History days of those runs (default: ${DEFAULT-VALUE}).")
    int historyDays;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write the router (replaced).")
    Path out;

    @Option(names = "--master", paramLabel = "MASTER", defaultValue = BatchSpark.DEFAULT_MASTER,
            description = "Spark master when none is set by spark-submit (default: ${DEFAULT-VALUE}).")
    String master;

    @Mixin
    StepOptions.Router router;

    @Override
    public Integer call() {
        Instant start = Instant.now();
        RouterSettings settings = StepCommands.usage(spec.commandLine(), router::settings);
        List<BatchRun> sources = new ArrayList<>();
        for (String f : from) {
            int colon = f.lastIndexOf(':');
            if (colon <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--from must be LAKE:DATE, got '" + f + "'");
            }
            try {
                sources.add(new BatchRun(Path.of(f.substring(0, colon)), LocalDate.parse(f.substring(colon + 1)), historyDays, start));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--from " + f + ": " + e.getMessage());
            }
        }
        try (BatchSpark.Handle spark = BatchSpark.open("andiag-batch-train-bootstrap-router", master, 8)) {
            TrainBootstrapRouterJob.run(spark.session(), sources, out.toAbsolutePath(), settings, start)
                    .forEach(spec.commandLine().getOut()::println);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
