package io.andiag.batch.cli;

import io.andiag.batch.SimLake;
import io.andiag.batch.TestSpark;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
class BatchCliTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cmd = BatchCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void shouldPrintHelpForTheBatchAndEveryStep() {
        assertThat(run("--help").out()).contains("andiag batch", "ingest", "profile", "noise", "train-detector", "train-router", "validate",
                "publish", "--history-days");
        for (String step : new String[] {"ingest", "profile", "noise", "train-detector", "train-router", "train-bootstrap-router", "validate",
                "publish"}) {
            Result r = run(step, "--help");
            assertThat(r.code()).as(step).isZero();
            assertThat(r.out()).as(step).contains("Usage:", step);
        }
        assertThat(run("train-detector", "--help").out()).contains("--pool-size", "--calibration-minutes", "--conf");
        assertThat(run("publish", "--help").out()).contains("--max-flagged-share", "--max-pattern-share", "--min-ips");
        // the common options of every step (the Airflow DAG runs train-router like the others)
        assertThat(run("train-router", "--help").out()).contains("--lake", "--date", "--history-days", "--master", "--conf",
                "--self-label-bar", "--holdout-share", "--min-labelled-incidents", "--synthetic-per-team");
        assertThat(run("validate", "--help").out()).contains("--max-flagged-share", "--max-flagged-ratio", "--max-pattern-share",
                "--max-pattern-drift", "--max-recall-drop");
    }

    @Test
    void shouldExitTwoOnBadUsage(@TempDir Path tmp) {
        assertThat(run("profile", "--date", "2026-11-21").code()).isEqualTo(2);
        assertThat(run("profile", "--lake", tmp.toString()).err()).contains("--date");
        assertThat(run("noise", "--lake", tmp.toString(), "--date", "2026-13-01").code()).isEqualTo(2);
        Result badConf = run("train-detector", "--lake", tmp.toString(), "--date", "2026-11-21", "--conf", "detection.nope=1");
        assertThat(badConf.code()).isEqualTo(2);
        assertThat(badConf.err()).contains("unknown detection setting 'detection.nope'");
        assertThat(run("train-detector", "--lake", tmp.toString(), "--date", "2026-11-21", "--conf", "detection.forest.trees=0").err())
                .contains("detection.forest.trees");
        assertThat(run("--lake", tmp.toString(), "--date", "2026-11-21", "--history-days", "0").code()).isEqualTo(2);
        Result badBar = run("train-router", "--lake", tmp.toString(), "--date", "2026-11-21", "--self-label-bar", "1.5");
        assertThat(badBar.code()).isEqualTo(2);
        assertThat(badBar.err()).contains("--self-label-bar must be in [0, 1], got 1.5");
    }

    @Test
    void shouldExitOneWithTheMissingPartitionWhenInputIsInsufficient(@TempDir Path tmp) {
        TestSpark.get();
        Path lake = SimLake.copyInputs(tmp.resolve("lake"));
        Result r = run("profile", "--lake", lake.toString(), "--date", SimLake.START.toString(), "--history-days", "2");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("refused", "retx_counters", "dt=" + SimLake.START.minusDays(1), "absent");

        Result publish = run("publish", "--lake", lake.toString(), "--date", SimLake.DATE.toString());
        assertThat(publish.code()).isEqualTo(1);
        assertThat(publish.err()).contains("no candidate for serve date " + SimLake.DATE.plusDays(1));
        Result validate = run("validate", "--lake", lake.toString(), "--date", SimLake.DATE.toString());
        assertThat(validate.code()).isEqualTo(1);
        assertThat(validate.err()).contains("validate: refused", "no candidate for serve date " + SimLake.DATE.plusDays(1));
    }
}
