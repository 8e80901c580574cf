package io.andiag.datasets.sim;

import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReader;
import io.andiag.model.lake.LakeRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorDeterminismTest {

    private static final List<String> TABLES = List.of(LakeLayout.RETX_COUNTERS, LakeLayout.RETX_DETAILS,
            LakeLayout.IP_ATTRIBUTES, LakeLayout.LABELS, LakeLayout.SERIES_TRUTH);

    @TempDir
    static Path dir;

    /** Seed 7 on 1 thread, seed 7 on 2 threads, seed 8, and seed 7 with JSON lines too: generated once. */
    private static SimConfig oneThread;
    private static SimConfig twoThreads;
    private static SimConfig otherSeed;
    private static SimConfig withJson;

    /** Small but complete: 200 IPs, one day of 60 s intervals, a few events. */
    private static SimConfig small(String name, long seed) {
        return SimConfig.defaults(dir.resolve(name)).withIps(200).withDays(1).withStart(LocalDate.of(2026, 11, 22))
                .withIntervalS(60).withEvents(4, 2).withSeed(seed);
    }

    @BeforeAll
    static void simulate() {
        oneThread = small("one", 7);
        twoThreads = small("two", 7);
        otherSeed = small("other", 8);
        withJson = small("json", 7).withFormat(OutputFormat.BOTH);
        RegionSimulator.run(oneThread, null, 1);
        RegionSimulator.run(twoThreads, null, 2);
        RegionSimulator.run(otherSeed, null, 2);
        RegionSimulator.run(withJson, null, 2);
    }

    private static List<String> rows(Path lake, String table) {
        List<String> out = new ArrayList<>();
        for (Path f : LakeLayout.dataFiles(LakeLayout.tableDir(lake, table))) {
            String file = lake.relativize(f).toString();
            LakeReader.forEach(f, (LakeRow r) -> out.add(file + " " + r));
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameRowsWhateverTheThreadCount() {
        for (String table : TABLES) {
            List<String> expected = rows(oneThread.out(), table);
            assertThat(expected).as(table).isNotEmpty();
            assertThat(rows(twoThreads.out(), table)).as(table).isEqualTo(expected);
        }
    }

    @Test
    void differentSeedGivesDifferentRows() {
        for (String table : List.of(LakeLayout.RETX_COUNTERS, LakeLayout.RETX_DETAILS, LakeLayout.LABELS)) {
            assertThat(rows(otherSeed.out(), table)).as(table).isNotEqualTo(rows(oneThread.out(), table));
        }
    }

    @Test
    void jsonLinesCarryTheSameRowsAsTheLakeInTimeOrder() throws Exception {
        for (String table : TABLES) {
            assertThat(rows(withJson.out(), table)).as(table).isEqualTo(rows(oneThread.out(), table));
        }
        Path json = withJson.out().resolve(RegionSimulator.JSONL_DIR).resolve("dt=2026-11-22");
        List<String> counters = gunzip(json.resolve(RegionSimulator.COUNTERS_JSONL));
        List<String> details = gunzip(json.resolve(RegionSimulator.DETAILS_JSONL));
        assertThat(counters).hasSize(200 * 1440);
        assertThat(details).hasSize((int) LakeReader.count(LakeLayout.tableDir(oneThread.out(), LakeLayout.RETX_DETAILS)));
        assertThat(counters.get(0)).startsWith("{\"v\":1,\"ts\":").contains("\"interval_s\":60");
        assertThat(LakeLayout.isComplete(json)).isTrue();
        long last = Long.MIN_VALUE;
        for (String line : details) {
            long ts = Long.parseLong(line.replaceAll(".*\"ts\":(\\d+).*", "$1"));
            assertThat(ts).isGreaterThanOrEqualTo(last);
            last = ts;
        }
    }

    private static List<String> gunzip(Path file) throws Exception {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }
}
