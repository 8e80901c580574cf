package io.andiag.analysis.backtest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes the scored CSV of one input: {@code [series,]timestamp,value,anomaly_score,is_anomaly}, one row per input
 * data line, in the input's line order, timestamp and value as written in the input. A point's score is the score of
 * the minute it falls in; a point without a value has an empty score and is_anomaly.
 */
final class BacktestOutput {

    static final String SUFFIX = ".backtest.csv";

    private BacktestOutput() {
    }

    static Path fileFor(Path outDir, Path input) {
        return outDir.resolve(MetricCsvReader.stem(input) + SUFFIX);
    }

    static void write(Path target, boolean withSeries, List<MetricSeries> inputs, List<SeriesBacktest> results) {
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < inputs.size(); s++) {
            MetricSeries in = inputs.get(s);
            SeriesBacktest r = results.get(s);
            for (int i = 0; i < in.size(); i++) {
                int minute = r.grid().minuteOfPoint()[i];
                String score = "";
                String flag = "";
                if (!Double.isNaN(in.value()[i]) && !Double.isNaN(r.minuteScore()[minute])) {
                    score = String.format(Locale.ROOT, "%.6f", r.minuteScore()[minute]);
                    flag = Boolean.toString(r.flagged(minute));
                }
                StringBuilder line = new StringBuilder();
                if (withSeries) {
                    line.append(quote(in.name())).append(',');
                }
                line.append(quote(in.rawTimestamp()[i])).append(',').append(quote(in.rawValue()[i])).append(',')
                        .append(score).append(',').append(flag);
                rows.add(new Row(in.line()[i], line.toString()));
            }
        }
        rows.sort(Comparator.comparingInt(Row::line));
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write((withSeries ? "series," : "") + "timestamp,value,anomaly_score,is_anomaly\n");
                for (Row r : rows) {
                    w.write(r.text());
                    w.write('\n');
                }
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private record Row(int line, String text) {
    }
}
