package io.andiag.datasets.cli;

import io.andiag.model.lake.LakeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetsCliTest {

    @TempDir
    Path dir;

    private String captureOut(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryOptionOfSimulate() {
        String help = captureOut(() -> assertThat(DatasetsCli.execute("simulate", "--help")).isZero());
        assertThat(help).contains("--ips", "--days", "--start", "--seed", "--out", "--incidents-per-day",
                "--benign-per-day", "--interval-s", "--format", "--mix", "--region");
        assertThat(captureOut(() -> assertThat(DatasetsCli.execute("--help")).isZero())).contains("simulate");
    }

    @Test
    void simulateWritesACompleteLakeAndPrintsASummary() {
        String out = captureOut(() -> assertThat(DatasetsCli.execute("simulate", "--ips", "100", "--days", "1",
                "--start", "2026-11-20", "--interval-s", "60", "--incidents-per-day", "2", "--benign-per-day", "1",
                "--out", dir.toString())).isZero());
        assertThat(out).contains("day 1/1", "done:");
        assertThat(LakeLayout.partitions(dir, LakeLayout.RETX_COUNTERS, true)).containsExactly(LocalDate.of(2026, 11, 20));
        assertThat(dir.resolve("_simulation.json")).exists();
    }

    @Test
    void badOptionValueIsAUsageErrorNamingTheOption() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(DatasetsCli.execute("simulate", "--out", dir.toString(), "--interval-s", "7")).isEqualTo(2);
            assertThat(DatasetsCli.execute("simulate", "--out", dir.toString(), "--format", "csv")).isEqualTo(2);
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--interval-s must be", "--format must be");
    }
}
