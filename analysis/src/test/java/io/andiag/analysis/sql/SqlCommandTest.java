package io.andiag.analysis.sql;

import static java.nio.file.Files.readString;
import static org.assertj.core.api.Assertions.assertThat;

import io.andiag.analysis.cli.AnalysisCli;
import io.andiag.analysis.cli.CliRun;
import io.andiag.model.lake.LakeEncoders;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeSchemas;
import io.andiag.model.lake.LakeWriter;
import io.andiag.model.params.ParamsLayout;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.RetxCounts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code andiag sql} against a small lake: the committed sample (ip_attributes and a published parameter set) copied
 * to a temporary directory, plus two days of retx_counters written with common-model's LakeWriter, and a table
 * directory that has no data yet.
 */
class SqlCommandTest {

    private static final Path SAMPLE = Path.of("..", "datasets", "sample", "lake");
    private static final LocalDate DAY1 = LocalDate.parse("2026-11-21");
    private static final LocalDate DAY2 = LocalDate.parse("2026-11-22");

    @TempDir
    Path lake;

    @BeforeEach
    void writeLake() throws IOException {
        copy(SAMPLE, lake);
        writeCounters(DAY1, List.of(new CounterRecord(1_763_683_200_000L, "10.0.0.1", 15, RetxCounts.of(1, 2, 0, 0, 0, 0, 0, 0, 0, 0)),
                new CounterRecord(1_763_683_215_000L, "10.0.0.2", 15, RetxCounts.zero())));
        writeCounters(DAY2, List.of(new CounterRecord(1_763_769_600_000L, "10.0.0.1", 15, RetxCounts.of(0, 5, 0, 0, 0, 0, 0, 0, 0, 0))));
        // a table the speed layer's archive has started but not finished: only a hidden in-progress file
        Path abnormal = LakeLayout.partitionDir(lake, "abnormal", DAY2);
        Files.createDirectories(abnormal);
        Files.writeString(abnormal.resolve(".part-0.parquet.inprogress"), "not yet");
    }

    @Test
    void shouldRegisterEveryLakeTableAndTheLatestParameterSet() throws IOException {
        LakeCatalog catalog = LakeCatalog.scan(lake);
        assertThat(catalog.views()).extracting(LakeView::name).containsExactly("ip_attributes", "retx_counters",
                "params_detector", "params_detector_forest", "params_series_noise", "params_series_profile");
        // the committed sample is regenerated when the profile changes: its version is whatever LATEST names
        assertThat(catalog.paramsVersion()).isEqualTo(readString(ParamsLayout.latestFile(lake)).strip());
        assertThat(catalog.notes()).containsExactly("skipped abnormal/: no Parquet data files yet");

        CliRun run = run("sql", "--lake", lake.toString(), "--format", "csv",
                "SELECT dt, count(*) AS n, sum(intranet_rto) AS rto FROM retx_counters GROUP BY dt ORDER BY dt");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("dt,n,rto", "2026-11-21,2,2", "2026-11-22,1,5");
    }

    @Test
    void shouldAnswerTheParameterSetQueriesOfTheReadme() {
        CliRun run = run("sql", "--lake", lake.toString(), "SELECT pattern, count(*) AS series,"
                + " round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct FROM params_series_profile GROUP BY pattern ORDER BY series DESC");
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("pattern\\s+\\| series \\| pct");
        assertThat(lines.get(1)).matches("-+-\\+-+-\\+-+");
        assertThat(lines).hasSize(2 + 4);
        // each pct is its row's share of the four rows (the sample is regenerated when the profile changes, so the
        // counts are not pinned); STABLE is the largest pattern of the sample region
        assertThat(lines.get(2)).startsWith("STABLE ");
        List<String[]> rows = lines.subList(2, 6).stream().map(l -> l.split("\\|")).toList();
        long total = rows.stream().mapToLong(r -> Long.parseLong(r[1].strip())).sum();
        for (String[] r : rows) {
            double expected = Math.round(1000.0 * Long.parseLong(r[1].strip()) / total) / 10.0;
            assertThat(Double.parseDouble(r[2].strip())).as(String.join("|", r)).isEqualTo(expected);
        }
    }

    @Test
    void shouldPrintJsonWithNumbersListsAndNulls() {
        CliRun run = run("sql", "--lake", lake.toString(), "--format", "json",
                "SELECT 1 AS i, 2.5 AS d, [1, 2] AS l, NULL AS n, 'a,b' AS s, DATE '2026-11-22' AS day");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("[{\"i\":1,\"d\":2.5,\"l\":[1,2],\"n\":null,\"s\":\"a,b\",\"day\":\"2026-11-22\"}]");
        CliRun csv = run("sql", "--lake", lake.toString(), "--format", "csv", "SELECT 'a,b' AS s, NULL AS n, [1, 2] AS l");
        assertThat(csv.out().lines().toList()).containsExactly("s,n,l", "\"a,b\",,\"[1, 2]\"");
    }

    @Test
    void shouldSkipAMissingParameterSetAndStillAnswer() throws IOException {
        Files.delete(ParamsLayout.latestFile(lake));
        LakeCatalog catalog = LakeCatalog.scan(lake);
        assertThat(catalog.views()).extracting(LakeView::name).containsExactly("ip_attributes", "retx_counters");
        assertThat(catalog.notes()).anyMatch(n -> n.startsWith("no parameter set"));
        assertThat(run("sql", "--lake", lake.toString(), "SELECT count(*) FROM ip_attributes").code()).isZero();
    }

    @Test
    void shouldRunSemicolonTerminatedStatementsFromThePromptAndSurviveErrors() {
        SqlCommand command = new SqlCommand();
        command.in = new ByteArrayInputStream(("SELECT count(*) AS ips\n  FROM ip_attributes;\n.tables\n"
                + "SELECT * FROM no_such_table;\nSELECT 42 AS answer;\n.quit\nSELECT 'never' AS x;\n").getBytes(StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(command);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute("--lake", lake.toString());
        assertThat(code).as("one statement failed").isEqualTo(1);
        assertThat(out.toString()).contains("6 view(s) over").contains("note: skipped abnormal/")
                .contains("ips").contains("retx_counters").contains("2 file(s), partitioned")
                .contains("answer").contains("    42").doesNotContain("never");
        assertThat(err.toString()).contains("error: ").contains("no_such_table");
    }

    @Test
    void shouldRefuseBadSqlAndAMissingLake() {
        CliRun bad = run("sql", "--lake", lake.toString(), "SELEC 1");
        assertThat(bad.code()).isEqualTo(AnalysisCli.EXIT_REFUSED);
        assertThat(bad.err()).contains("andiag sql: ").contains("syntax error");
        CliRun none = run("sql", "--lake", lake.resolve("nope").toString(), "SELECT 1");
        assertThat(none.code()).isEqualTo(AnalysisCli.EXIT_REFUSED);
        assertThat(none.err()).contains("no lake directory at");
        assertThat(run("sql", "--lake", lake.toString(), "--format", "xml", "SELECT 1").code()).isEqualTo(2);
    }

    private void writeCounters(LocalDate day, List<CounterRecord> rows) {
        Path dir = LakeLayout.partitionDir(lake, LakeLayout.RETX_COUNTERS, day);
        LakeWriter.writeAll(LakeLayout.partFile(dir, 0), LakeSchemas.RETX_COUNTERS, LakeEncoders.COUNTER, rows);
        LakeLayout.markSuccess(dir);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
