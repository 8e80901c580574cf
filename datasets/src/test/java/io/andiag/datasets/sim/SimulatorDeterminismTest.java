package io.andiag.datasets.sim;

import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReader;
import io.andiag.model.lake.LakeRow;
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
    Path dir;

    /** Small but complete: 200 IPs, one day of 60 s intervals, a few events. */
    private SimConfig small(String name, long seed) {
        return SimConfig.defaults(dir.resolve(name)).withIps(200).withDays(1).withStart(LocalDate.of(2026, 11, 22))
                .withIntervalS(60).withEvents(4, 2).withSeed(seed);
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
        SimConfig a = small("a", 7);
        SimConfig b = small("b", 7);
        RegionSimulator.run(a, null, 1);
        RegionSimulator.run(b, null, 2);
        for (String table : TABLES) {
            List<String> ra = rows(a.out(), table);
            assertThat(ra).as(table).isNotEmpty();
            assertThat(rows(b.out(), table)).as(table).isEqualTo(ra);
        }
    }

    @Test
    void differentSeedGivesDifferentRows() {
        SimConfig a = small("a", 7);
        SimConfig b = small("b", 8);
        RegionSimulator.run(a, null, 2);
        RegionSimulator.run(b, null, 2);
        for (String table : List.of(LakeLayout.RETX_COUNTERS, LakeLayout.RETX_DETAILS, LakeLayout.LABELS)) {
            assertThat(rows(b.out(), table)).as(table).isNotEqualTo(rows(a.out(), table));
        }
    }

    @Test
    void jsonLinesCarryTheSameRowsAsTheLakeInTimeOrder() throws Exception {
        SimConfig parquet = small("p", 7);
        SimConfig both = small("b", 7).withFormat(OutputFormat.BOTH);
        RegionSimulator.run(parquet, null, 2);
        RegionSimulator.run(both, null, 2);
        assertThat(rows(both.out(), LakeLayout.RETX_COUNTERS)).isEqualTo(rows(parquet.out(), LakeLayout.RETX_COUNTERS));

        Path json = both.out().resolve(RegionSimulator.JSONL_DIR).resolve("dt=2026-11-22");
        List<String> counters = gunzip(json.resolve(RegionSimulator.COUNTERS_JSONL));
        List<String> details = gunzip(json.resolve(RegionSimulator.DETAILS_JSONL));
        assertThat(counters).hasSize(200 * 1440);
        assertThat(details).hasSize((int) LakeReader.count(LakeLayout.tableDir(parquet.out(), LakeLayout.RETX_DETAILS)));
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
