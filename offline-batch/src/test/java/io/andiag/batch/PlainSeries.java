package io.andiag.batch;

import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.SeriesKey;
import io.andiag.model.series.SparseMinuteSeries;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An independent plain-Java reference for the batch's minute series: reads {@code retx_counters} with the lake's
 * parquet-java reader and builds common-model {@link SparseMinuteSeries} with its own builder (no Spark, no code of
 * offline-batch), for the IPs asked for.
 */
public final class PlainSeries {

    private PlainSeries() {
    }

    /** Every series (all ten slots, silent ones included) of {@code ips} over the run's history. */
    public static Map<SeriesKey, SparseMinuteSeries> of(BatchRun run, Set<String> ips) {
        long start = run.historyStartMs();
        int minutes = run.historyMinutes();
        Map<String, SparseMinuteSeries.Builder[]> builders = new HashMap<>();
        for (LocalDate d : run.historyDates()) {
            Path part = LakeLayout.partitionDir(run.lake(), LakeLayout.RETX_COUNTERS, d);
            LakeReaders.forEachCounter(part, c -> {
                if (!ips.contains(c.ip())) {
                    return;
                }
                SparseMinuteSeries.Builder[] b = builders.computeIfAbsent(c.ip(), ip -> {
                    SparseMinuteSeries.Builder[] a = new SparseMinuteSeries.Builder[RetxCounts.SLOTS];
                    for (int s = 0; s < a.length; s++) {
                        a[s] = SparseMinuteSeries.builder(start, minutes);
                    }
                    return a;
                });
                int m = (int) Math.floorDiv(c.ts() - start, 60_000L);
                if (m < 0 || m >= minutes) {
                    return;
                }
                for (int s = 0; s < RetxCounts.SLOTS; s++) {
                    b[s].observe(m);
                    int n = c.counts().get(s);
                    if (n > 0) {
                        b[s].add(m, n);
                    }
                }
            });
        }
        Map<SeriesKey, SparseMinuteSeries> out = new HashMap<>();
        builders.forEach((ip, b) -> {
            for (int s = 0; s < RetxCounts.SLOTS; s++) {
                out.put(new SeriesKey(ip, RetxCounts.scenarioOf(s), RetxCounts.typeOf(s)), b[s].build());
            }
        });
        return out;
    }
}
