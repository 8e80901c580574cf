package io.andiag.analysis.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.andiag.analysis.cli.AnalysisCli;
import io.andiag.analysis.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code andiag backtest} end to end on seeded CSVs with a known spike and a known level shift (MetricCsvFixture).
 *
 * <p>Tolerance (also in docs/backtest.md): the spike is flagged at its own timestamp; after it, flags are allowed only
 * while the short window still holds it (the 4 points after it at a 5-minute step, none at an hourly one); the level shift is
 * flagged from its first point and on at least 95 % of the points after it (the model is frozen after training, as
 * the speed layer serves one parameter set until the next nightly run); at most 1 % of the other scored points are
 * flagged (the threshold lets 0.5 % of the training points through).
 */
class BacktestCommandTest {

    private static final double MAX_FALSE_SHARE = 0.01;

    @TempDir
    Path dir;

    @Test
    void shouldFlagSpikeAndLevelShiftAtTheirTimestampsInFiveMinuteData() throws IOException {
        MetricCsvFixture f = new MetricCsvFixture(300_000L, 14, 0.5, 0.8);
        checkKnownAnomalies(f, f.write(dir.resolve("five.csv"), 11), 5);
    }

    @Test
    void shouldFlagSpikeAndLevelShiftAtTheirTimestampsInHourlyData() throws IOException {
        MetricCsvFixture f = new MetricCsvFixture(3_600_000L, 90, 0.5, 0.8);
        checkKnownAnomalies(f, f.write(dir.resolve("hourly.csv"), 12), 1);
    }

    private void checkKnownAnomalies(MetricCsvFixture f, Path csv, int windowPoints) throws IOException {
        CliRun run = run("backtest", "--csv", csv.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<String> out = Files.readAllLines(dir.resolve("out").resolve(MetricCsvReader.stem(csv) + BacktestOutput.SUFFIX));
        assertThat(out.get(0)).isEqualTo("timestamp,value,anomaly_score,is_anomaly");
        assertThat(out).hasSize(f.points + 1);

        int trainPoints = (int) Math.round(0.15 * f.points);
        int normal = 0;
        int falseFlags = 0;
        int shiftFlags = 0;
        int firstShiftFlag = -1;
        for (int i = 0; i < f.points; i++) {
            String[] row = out.get(i + 1).split(",");
            assertThat(Instant.parse(row[0]).toEpochMilli()).isEqualTo(f.ts(i));
            assertThat(Double.parseDouble(row[2])).isBetween(0.0, 1.0);
            boolean flagged = Boolean.parseBoolean(row[3]);
            if (i < trainPoints) {
                continue;
            }
            if (i == f.spikeIndex) {
                assertThat(flagged).as("spike at %s flagged", row[0]).isTrue();
            } else if (i > f.spikeIndex && i < f.spikeIndex + windowPoints) {
                continue; // the short window still holds the spike
            } else if (i >= f.shiftIndex) {
                shiftFlags += flagged ? 1 : 0;
                if (flagged && firstShiftFlag < 0) {
                    firstShiftFlag = i;
                }
            } else {
                normal++;
                falseFlags += flagged ? 1 : 0;
            }
        }
        System.out.printf("backtest %s: %d of %d normal scored points flagged, %d of %d shifted points flagged%n", csv.getFileName(),
                falseFlags, normal, shiftFlags, f.points - f.shiftIndex);
        assertThat(firstShiftFlag).as("first flag of the level shift").isEqualTo(f.shiftIndex);
        assertThat(shiftFlags).as("points flagged after the shift").isGreaterThanOrEqualTo((int) (0.95 * (f.points - f.shiftIndex)));
        assertThat((double) falseFlags / normal).as("share of normal scored points flagged").isLessThanOrEqualTo(MAX_FALSE_SHARE);
        assertThat(run.out()).contains("SEASONAL").contains(csv.getFileName().toString().replace(".csv", ""));
    }

    @Test
    void shouldFlagASpikeInDailyDataTrainedOnFewerPointsThanTheTargetShareAllows() throws IOException {
        // 2 years of daily totals around 10 000 (sd 300); 15 % = 110 training days, fewer than 1 / 0.5 % = 200
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(21);
        java.time.LocalDate day = java.time.LocalDate.parse("2024-01-01");
        int spike = 600;
        for (int i = 0; i < 730; i++) {
            long v = Math.round(10_000 + 300 * rnd.nextGaussian()) + (i == spike ? 3_000 : 0);
            csv.append(day.plusDays(i)).append(',').append(v).append('\n');
        }
        Path in = Files.writeString(dir.resolve("daily.csv"), csv);
        CliRun run = run("backtest", "--csv", in.toString(), "--out", dir.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("24 h");
        List<String> out = Files.readAllLines(dir.resolve("daily" + BacktestOutput.SUFFIX));
        assertThat(out.get(1 + spike)).startsWith(day.plusDays(spike) + ",").endsWith(",true");
        long falseFlags = out.stream().skip(1 + 110).filter(l -> l.endsWith(",true")).count() - 1;
        assertThat(falseFlags).as("other scored days flagged").isLessThanOrEqualTo((long) (0.01 * (730 - 110)));
    }

    @Test
    void shouldCalibratePerMinuteLikeTheBatchWhenAFileHasTwoHundredSeries() throws IOException {
        int series = Backtester.minSeriesPerMinute(0.005);
        assertThat(series).isEqualTo(200);
        long start = Instant.parse("2026-08-01T00:00:00Z").getEpochSecond();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        StringBuilder csv = new StringBuilder("series,timestamp,value\n");
        int hours = 24 * 10;
        int spikeHour = 200;
        for (int s = 0; s < series; s++) {
            double mean = 2 + 28 * rnd.nextDouble();
            for (int h = 0; h < hours; h++) {
                int v = MetricCsvFixture.poisson(rnd, mean) + (s == 3 && h == spikeHour ? (int) (8 * mean) + 20 : 0);
                csv.append('s').append(s).append(',').append(start + h * 3600L).append(',').append(v).append('\n');
            }
        }
        Path in = Files.writeString(dir.resolve("region.csv"), csv);
        CliRun run = run("backtest", "--csv", in.toString(), "--out", dir.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<String> out = Files.readAllLines(dir.resolve("region" + BacktestOutput.SUFFIX));
        assertThat(out).hasSize(1 + series * hours);
        assertThat(out.get(1 + 3 * hours + spikeHour)).startsWith("s3," + (start + spikeHour * 3600L) + ",").endsWith(",true");
        int trainHours = (int) Math.round(0.15 * hours);
        long scored = (long) series * (hours - trainHours);
        long flagged = out.stream().skip(1).filter(l -> l.endsWith(",true")).count();
        assertThat((double) (flagged - 1) / scored).as("other scored series-hours flagged").isLessThanOrEqualTo(MAX_FALSE_SHARE);
    }

    @Test
    void shouldSumSubMinutePointsIntoTheirMinuteAndEchoTheSeriesColumn() throws IOException {
        StringBuilder csv = new StringBuilder("series,timestamp,value\n");
        long start = Instant.parse("2026-08-01T00:00:00Z").toEpochMilli();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int i = 0; i < 4 * 60 * 48; i++) {
            csv.append("a,").append(start / 1000 + i * 15L).append(',').append(MetricCsvFixture.poisson(rnd, 2)).append('\n');
        }
        Path in = Files.writeString(dir.resolve("fifteen.csv"), csv);
        CliRun run = run("backtest", "--csv", in.toString(), "--out", dir.toString(), "--train-fraction", "0.5");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("15 s");
        List<String> out = Files.readAllLines(dir.resolve("fifteen" + BacktestOutput.SUFFIX));
        assertThat(out.get(0)).isEqualTo("series,timestamp,value,anomaly_score,is_anomaly");
        // the four points of one minute carry that minute's score
        for (int minute = 0; minute < 10; minute++) {
            String score = out.get(1 + 4 * minute).split(",")[3];
            for (int j = 1; j < 4; j++) {
                assertThat(out.get(1 + 4 * minute + j).split(",")[3]).isEqualTo(score);
            }
        }
    }

    @Test
    void shouldTreatSkippedStepsAndEmptyValuesAsGaps() {
        String csv = "timestamp,value\n2026-08-01T00:00:00Z,1\n2026-08-01T00:05:00Z,\n2026-08-01T00:20:00Z,3\n2026-08-01T00:25:00Z,4\n";
        MetricSeries s = read(csv).series().get(0);
        SeriesGrid g = SeriesGrid.of(Path.of("x.csv"), s, 1.0);
        assertThat(g.intervalMs()).isEqualTo(300_000L);
        assertThat(g.missingPoints()).as("10:10, 00:15 skipped, 00:05 empty").isEqualTo(3);
        assertThat(g.series().observedCount()).isEqualTo(3);
        assertThat(g.series().minutes()).isEqualTo(26);
        assertThat(g.series().countAt(20)).isEqualTo(3);
    }

    @Test
    void shouldRejectBadCsvsWithLineAndReason() throws IOException {
        assertRefused("timestamp;value\n2026-08-01T00:00:00Z;1\n", ":1: the header must name a 'timestamp' and a 'value'");
        assertRefused("timestamp,value\n2026-08-01T00:00:00Z,1\nyesterday,2\n", ":3: cannot read timestamp 'yesterday'");
        assertRefused("timestamp,value\n2026-08-01T00:00:00Z,1\n2026-08-01T00:01:00Z,-4\n", ":3: value -4 is negative");
        assertRefused("timestamp,value\n2026-08-01T00:00:00Z,1\n2026-08-01T00:01:00Z,abc\n", ":3: value 'abc' is not a number");
        assertRefused("timestamp,value\n2026-08-01T00:01:00Z,1\n2026-08-01T00:00:00Z,2\n", ":3: timestamp 2026-08-01T00:00:00Z of series");
        assertRefused("timestamp,value\n2026-08-01T00:01:00Z,1\n2026-08-01T00:01:00Z,2\n", ":3: timestamp 2026-08-01T00:01:00Z of series 'bad' repeats the timestamp of line 2");
        assertRefused("timestamp,value\n2026-08-01T00:00:00Z,1\n2026-08-01T00:05:00Z,1\n2026-08-01T00:10:00Z,1\n"
                + "2026-08-01T00:13:00Z,1\n", ":5: series 'bad' is not regular: timestamp 2026-08-01T00:13:00Z is 3 min after");
        assertRefused("timestamp,value\n2026-08-01T00:00:00Z,1\n2026-08-01T00:01:30Z,1\n2026-08-01T00:03:00Z,1\n",
                "has the interval 90 s");
        assertRefused("timestamp,value\n2026-08-01T00:00:00Z,1\n", ":2: series 'bad' has 1 point(s)");
        assertRefused("timestamp,value\n\"2026-08-01T00:00:00Z,1\n", ":2: unterminated quoted field");
        assertRefused("", "is empty");
        assertRefused("timestamp,value,series\n2026-08-01T00:00:00Z,1\n", ":2: has 2 field(s), the header has 3");
    }

    @Test
    void shouldRefuseBadOptionsAsUsageErrors() throws IOException {
        Path in = Files.writeString(dir.resolve("ok.csv"), "timestamp,value\n2026-08-01T00:00:00Z,1\n2026-08-01T00:01:00Z,1\n");
        assertThat(run("backtest", "--csv", in.toString(), "--out", dir.toString(), "--train-fraction", "1.5").code()).isEqualTo(2);
        assertThat(run("backtest", "--csv", in.toString(), "--out", dir.toString(), "--scale", "0").code()).isEqualTo(2);
        CliRun missing = run("backtest", "--csv", dir.resolve("nope.csv").toString(), "--out", dir.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.csv: no such file");
    }

    @Test
    void shouldReadEveryTimestampForm() {
        long t = Instant.parse("2026-08-01T10:05:00Z").toEpochMilli();
        assertThat(TimestampParser.parse("2026-08-01T10:05:00Z")).hasValue(t);
        assertThat(TimestampParser.parse("2026-08-01T12:05:00+02:00")).hasValue(t);
        assertThat(TimestampParser.parse("2026-08-01 10:05:00")).hasValue(t);
        assertThat(TimestampParser.parse("2026-08-01T10:05")).hasValue(t);
        assertThat(TimestampParser.parse(Long.toString(t / 1000))).hasValue(t);
        assertThat(TimestampParser.parse(Long.toString(t))).hasValue(t);
        assertThat(TimestampParser.parse("2026-08-01")).hasValue(Instant.parse("2026-08-01T00:00:00Z").toEpochMilli());
        assertThat(TimestampParser.parse("1.5e9")).isEmpty();
    }

    private void assertRefused(String content, String message) throws IOException {
        Path in = Files.writeString(dir.resolve("bad.csv"), content);
        CliRun run = run("backtest", "--csv", in.toString(), "--out", dir.resolve("bad-out").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(AnalysisCli.EXIT_REFUSED);
        assertThat(run.err()).contains("bad.csv" + (message.startsWith(":") ? "" : "")).contains(message);
    }

    private static MetricCsvReader.MetricCsv read(String csv) {
        try {
            return MetricCsvReader.read(Path.of("x.csv"), new java.io.BufferedReader(new java.io.StringReader(csv)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
