package io.andiag.analysis.backtest;

import io.andiag.model.noise.NoiseModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code andiag backtest}: AND's detection procedure on ordinary metric CSVs (docs/backtest.md). */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs AND's detection (profile, noise prediction, features, isolation"
                + " forest) on metric CSVs: the first --train-fraction of each series"
                + " trains, the rest is scored point by point as the speed layer scores a"
                + " minute. Writes <out>/<file>.backtest.csv with the columns"
                + " [series,]timestamp,value,anomaly_score,is_anomaly. Input: a header"
                + " naming timestamp and value (optional series); any regular interval"
                + " that divides a minute or is a whole number of minutes. See"
                + " docs/backtest.md.")
public final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--csv", arity = "1..*", required = true, paramLabel = "FILE", description = "metric CSV file(s)")
    List<Path> csv;

    @Option(names = "--train-fraction", defaultValue = "0.15", paramLabel = "F",
            description = "share of each series' time span, from its start, that trains (default ${DEFAULT-VALUE})")
    double trainFraction;

    @Option(names = "--scale", defaultValue = "1", paramLabel = "S",
            description = "multiply values by S before rounding them to counts, for non-integer metrics (default ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the scored CSVs")
    Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be a finite number > 0, got " + scale);
        }
        Backtester backtester;
        try {
            backtester = new Backtester(trainFraction);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Set<Path> targets = new HashSet<>();
        for (Path f : csv) {
            if (!Files.isRegularFile(f)) {
                throw new BadInputException(f, 0, "no such file");
            }
            if (!targets.add(BacktestOutput.fileFor(out, f))) {
                throw new BadInputException(f, 0, "another input has the same file name; its output would be overwritten");
            }
        }
        // Read and check every input before training anything: a bad file fails fast, with its line.
        List<Input> inputs = new ArrayList<>();
        for (Path f : csv) {
            MetricCsvReader.MetricCsv read = MetricCsvReader.read(f);
            List<String> names = new ArrayList<>();
            List<SeriesGrid> grids = new ArrayList<>();
            for (MetricSeries s : read.series()) {
                names.add(s.name());
                SeriesGrid g = SeriesGrid.of(f, s, scale);
                if (g.roundedPoints() > 0) {
                    err.printf(Locale.ROOT, "backtest: %s series '%s': %d minute value(s) were not integers after --scale %s and"
                            + " were rounded (the detector scores counts)%n", f, s.name(), g.roundedPoints(), scale);
                }
                grids.add(g);
            }
            inputs.add(new Input(read, names, grids));
        }
        o.printf(Locale.ROOT, "%-24s %8s %7s %7s %7s %-9s %-10s %-13s %7s %9s %7s  %s%n", "series", "interval", "points",
                "missing", "trained", "level", "pattern", "noise", "quality", "threshold", "flagged", "scored from / first flagged");
        for (Input input : inputs) {
            Path f = input.csv().file();
            List<SeriesBacktest> results = backtester.run(f, input.names(), input.grids());
            Path target = BacktestOutput.fileFor(out, f);
            BacktestOutput.write(target, input.csv().hasSeriesColumn(), input.csv().series(), results);
            for (SeriesBacktest r : results) {
                o.printf(Locale.ROOT, "%-24s %8s %7d %7d %7d %-9s %-10s %-13s %7.3f %9.4f %7d  %s / %s%n", r.name(),
                        SeriesGrid.seconds(r.grid().intervalMs()), r.grid().minuteOfPoint().length, r.grid().missingPoints(),
                        r.trainedMinutes(), r.profile().level(), r.coldStart() ? "-" : r.pattern(),
                        r.coldStart() ? "COLD_START" : kind(r.profile().noise()), r.profile().quality(), r.threshold(),
                        r.flaggedScoredMinutes(), TimestampParser.format(r.scoreStartMs()), firstFlagged(r));
            }
            o.println("  -> " + target);
            o.flush();
        }
        o.flush();
        return 0;
    }

    private record Input(MetricCsvReader.MetricCsv csv, List<String> names, List<SeriesGrid> grids) {
    }

    private static String kind(NoiseModel noise) {
        return noise.kind().name();
    }

    private static String firstFlagged(SeriesBacktest r) {
        for (int m = r.trainMinutes(); m < r.minuteScore().length; m++) {
            if (r.flagged(m)) {
                return TimestampParser.format(r.grid().series().minuteTs(m));
            }
        }
        return "-";
    }
}
