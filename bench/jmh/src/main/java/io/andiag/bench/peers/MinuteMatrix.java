package io.andiag.bench.peers;

import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReader;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.lake.LakeSchemas;
import io.andiag.model.lake.SeriesTruth;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.SeriesKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minute counts of every series of a simulated region over [evaluation day − warm-up minutes, end of the evaluation
 * day), read from the lake's {@code retx_counters} (summing the 15 s intervals into minutes) for the series listed in
 * {@code series_truth}: a dense int matrix, series × minute. The simulator writes a heartbeat for every IP and
 * interval, so every minute of every series is observed (no gaps), and a series without retransmissions is 0.
 */
public final class MinuteMatrix {

    private final SeriesKey[] series;
    private final int[] ipOfSeries;
    private final String[] ips;
    private final int[][] counts;
    private final long firstMinuteTs;
    private final int warmMinutes;
    private final long rowsRead;

    private MinuteMatrix(SeriesKey[] series, int[] ipOfSeries, String[] ips, int[][] counts, long firstMinuteTs,
                         int warmMinutes, long rowsRead) {
        this.series = series;
        this.ipOfSeries = ipOfSeries;
        this.ips = ips;
        this.counts = counts;
        this.firstMinuteTs = firstMinuteTs;
        this.warmMinutes = warmMinutes;
        this.rowsRead = rowsRead;
    }

    /**
     * @param ipStride keep every ipStride-th IP of the region (in IP order), all its series: a sample spread over
     *                 the whole topology, for peers too slow to stream every series
     */
    public static MinuteMatrix load(Path lake, LocalDate day, int warmMinutes, int ipStride) {
        if (warmMinutes < 0 || warmMinutes > 1440) {
            throw new IllegalArgumentException("warm-up minutes must be in [0, 1440], got " + warmMinutes);
        }
        if (ipStride < 1) {
            throw new IllegalArgumentException("ip stride must be >= 1, got " + ipStride);
        }
        Path truthDir = lake.resolve(LakeLayout.SERIES_TRUTH).resolve("dt=" + day);
        if (!Files.isDirectory(truthDir)) {
            throw new IllegalArgumentException("no series_truth partition for " + day + " in " + lake);
        }
        List<SeriesTruth> truth = new ArrayList<>(LakeReaders.readSeriesTruth(truthDir));
        truth.sort(Comparator.comparing(SeriesTruth::ip).thenComparing(t -> t.key().slot()));
        List<SeriesTruth> kept = new ArrayList<>();
        int ordinal = -1;
        String previous = null;
        for (SeriesTruth t : truth) {
            if (!t.ip().equals(previous)) {
                ordinal++;
                previous = t.ip();
            }
            if (ordinal % ipStride == 0) {
                kept.add(t);
            }
        }
        truth = kept;
        Map<String, Integer> ipIndex = new HashMap<>();
        List<String> ips = new ArrayList<>();
        int n = truth.size();
        SeriesKey[] series = new SeriesKey[n];
        int[] ipOfSeries = new int[n];
        // per IP, the series index of each counter slot (-1: the IP has no such series)
        List<int[]> slotsOfIp = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            series[s] = truth.get(s).key();
            Integer ip = ipIndex.get(series[s].ip());
            if (ip == null) {
                ip = ips.size();
                ipIndex.put(series[s].ip(), ip);
                ips.add(series[s].ip());
                int[] slots = new int[RetxCounts.SLOTS];
                Arrays.fill(slots, -1);
                slotsOfIp.add(slots);
            }
            ipOfSeries[s] = ip;
            slotsOfIp.get(ip)[series[s].slot()] = s;
        }
        long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long first = dayStart - warmMinutes * 60_000L;
        int minutes = warmMinutes + 1440;
        int[][] counts = new int[n][minutes];
        long[] rows = {0};
        List<String> columns = new ArrayList<>(List.of(LakeSchemas.TS, LakeSchemas.IP));
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            columns.add(LakeSchemas.counterColumn(slot));
        }
        int[][] at = {null}; // column positions, resolved on the first row
        List<LocalDate> days = warmMinutes > 0 ? List.of(day.minusDays(1), day) : List.of(day);
        for (LocalDate d : days) {
            Path dir = lake.resolve(LakeLayout.RETX_COUNTERS).resolve("dt=" + d);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no retx_counters partition for " + d + " in " + lake);
            }
            LakeReader.forEach(dir, columns, r -> {
                if (at[0] == null) {
                    at[0] = new int[columns.size()];
                    for (int c = 0; c < columns.size(); c++) {
                        at[0][c] = r.indexOf(columns.get(c));
                    }
                }
                int[] col = at[0];
                long ts = r.getLong(col[0]);
                int minute = (int) Math.floorDiv(ts - first, 60_000L);
                if (minute < 0 || minute >= minutes) {
                    return;
                }
                Integer ip = ipIndex.get(r.getString(col[1]));
                if (ip == null) {
                    return;
                }
                rows[0]++;
                int[] slots = slotsOfIp.get(ip);
                for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
                    int c = r.getInt(col[2 + slot]);
                    if (c != 0 && slots[slot] >= 0) {
                        counts[slots[slot]][minute] += c;
                    }
                }
            });
        }
        return new MinuteMatrix(series, ipOfSeries, ips.toArray(new String[0]), counts, first, warmMinutes, rows[0]);
    }

    public int seriesCount() {
        return series.length;
    }

    public SeriesKey series(int s) {
        return series[s];
    }

    public int ipOf(int s) {
        return ipOfSeries[s];
    }

    public int ipCount() {
        return ips.length;
    }

    public String ip(int i) {
        return ips[i];
    }

    /** Minutes held: warm-up + 1440. */
    public int minutes() {
        return counts.length == 0 ? 0 : counts[0].length;
    }

    public int warmMinutes() {
        return warmMinutes;
    }

    public int count(int s, int minute) {
        return counts[s][minute];
    }

    public long minuteTs(int minute) {
        return firstMinuteTs + minute * 60_000L;
    }

    public long rowsRead() {
        return rowsRead;
    }
}
