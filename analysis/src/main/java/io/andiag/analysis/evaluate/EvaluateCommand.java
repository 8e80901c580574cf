package io.andiag.analysis.evaluate;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code andiag evaluate}: the scorecard of one day of archived speed-layer output against the ground truth. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score the speed layer's archived output of one day (<lake>/incidents, abnormal, monitored: written"
                + " by `andiag archive`) against the ground-truth labels (<lake>/labels).",
                "Prints the scorecard and writes scorecard.json and scorecard.md into --out (docs/evaluate.md defines"
                        + " every number)."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lake", required = true, paramLabel = "DIR", description = "The lake.")
    Path lake;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The day to score (UTC).")
    LocalDate date;

    @Option(names = "--out", paramLabel = "DIR", description = "Where scorecard.json and scorecard.md go. Default: the"
            + " current directory.")
    Path out = Path.of(".");

    @Option(names = "--match-slack-minutes", paramLabel = "N", defaultValue = ""
            + EvaluationSettings.DEFAULT_MATCH_SLACK_MINUTES,
            description = "An alert matches a label when it overlaps [start, end + N minutes). Default: ${DEFAULT-VALUE}.")
    int slack;

    @Override
    public Integer call() {
        EvaluationSettings settings;
        try {
            settings = new EvaluationSettings(slack);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path monitoredDir = partition(LakeLayout.MONITORED);
        if (!Files.isDirectory(monitoredDir)) {
            throw new ParameterException(spec.commandLine(), "no " + monitoredDir + ": nothing of " + date + " was archived"
                    + " (run the speed layer and `andiag archive` over that day first)");
        }
        Path labelsDir = LakeLayout.tableDir(lake, LakeLayout.LABELS);
        if (!Files.isDirectory(labelsDir)) {
            throw new ParameterException(spec.commandLine(), "no ground truth: " + labelsDir + " does not exist");
        }
        // labels of the day before too: an event starting before midnight can run into the evaluated minutes
        List<IncidentLabel> labels = new ArrayList<>();
        for (LocalDate d : List.of(date.minusDays(1), date)) {
            Path p = LakeLayout.partitionDir(lake, LakeLayout.LABELS, d);
            if (Files.isDirectory(p)) {
                labels.addAll(LakeReaders.readLabels(p));
            }
        }
        ScorecardCalculator.Inputs inputs = new ScorecardCalculator.Inputs(date, labels,
                readIfPresent(LakeLayout.INCIDENTS, LakeReaders::readIncidents),
                readIfPresent(LakeLayout.ABNORMAL, LakeReaders::readAbnormal),
                LakeReaders.readMonitored(monitoredDir));
        Scorecard scorecard = new ScorecardCalculator(settings).compute(inputs);
        ScorecardReport.write(scorecard, out);
        PrintWriter w = spec.commandLine().getOut();
        w.print(ScorecardReport.markdown(scorecard));
        w.printf("%nwrote %s and %s%n", out.resolve(ScorecardReport.JSON_FILE), out.resolve(ScorecardReport.MARKDOWN_FILE));
        w.flush();
        return 0;
    }

    private Path partition(String table) {
        return LakeLayout.partitionDir(lake, table, date);
    }

    /** A table the speed layer may legitimately have left empty (no alert, nothing abnormal) reads as no rows. */
    private <T> List<T> readIfPresent(String table, Function<Path, List<T>> reader) {
        Path p = partition(table);
        return Files.isDirectory(p) ? reader.apply(p) : List.of();
    }
}
