package io.andiag.model.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of one dimension's values within a region-minute: for each value, how many distinct abnormal IPs carry it
 * ({@link #ips}) and how many records (details) carry it ({@link #records}). Empty values (unknown) are ignored.
 * Distinct IPs are counted with a per-value marker, so IPs must be added grouped (all records of one IP together),
 * which {@link RegionMinute}'s ordering guarantees. Rankings are sorted by count descending, then value ascending,
 * so ties are broken the same way everywhere.
 */
public final class ValueCounts {

    /** One value with its counts. */
    public record Entry(String value, int ips, int records) {
    }

    private static final class Cell {
        int ips;
        int records;
        int lastIp = -1;
    }

    private final Map<String, Cell> cells = new HashMap<>();
    private int totalRecords;
    private List<Entry> byIps;
    private List<Entry> byRecords;

    /** Counts IP number {@code ipIndex} once for {@code value}. */
    void addIp(String value, int ipIndex) {
        if (value.isEmpty()) {
            return;
        }
        Cell c = cells.computeIfAbsent(value, v -> new Cell());
        if (c.lastIp != ipIndex) {
            c.lastIp = ipIndex;
            c.ips++;
        }
        invalidate();
    }

    /** Counts one record of IP number {@code ipIndex} for {@code value} (and the IP once). */
    void addRecord(String value, int ipIndex) {
        if (value.isEmpty()) {
            return;
        }
        addIp(value, ipIndex);
        cells.get(value).records++;
        totalRecords++;
    }

    private void invalidate() {
        byIps = null;
        byRecords = null;
    }

    /** Distinct IPs with {@code value}. */
    public int ips(String value) {
        Cell c = cells.get(value);
        return c == null ? 0 : c.ips;
    }

    /** Records with {@code value}. */
    public int records(String value) {
        Cell c = cells.get(value);
        return c == null ? 0 : c.records;
    }

    /** Records with a known value. */
    public int totalRecords() {
        return totalRecords;
    }

    /** Number of distinct known values. */
    public int distinct() {
        return cells.size();
    }

    /** Values by distinct IPs, most first (ties: value ascending). */
    public List<Entry> rankedByIps() {
        if (byIps == null) {
            byIps = rank(Comparator.comparingInt(Entry::ips).reversed().thenComparing(Entry::value));
        }
        return byIps;
    }

    /** Values by records, most first (ties: value ascending). */
    public List<Entry> rankedByRecords() {
        if (byRecords == null) {
            byRecords = rank(Comparator.comparingInt(Entry::records).reversed().thenComparing(Entry::value));
        }
        return byRecords;
    }

    /** Sum of the {@code k} largest IP counts. */
    public int topIps(int k) {
        List<Entry> r = rankedByIps();
        int sum = 0;
        for (int i = 0; i < Math.min(k, r.size()); i++) {
            sum += r.get(i).ips();
        }
        return sum;
    }

    /** Largest record count. */
    public int topRecords() {
        List<Entry> r = rankedByRecords();
        return r.isEmpty() ? 0 : r.get(0).records();
    }

    /** Shannon entropy of the IP counts over values, divided by ln(values); 0 with fewer than two values. */
    public double normalizedEntropyByIps() {
        return normalizedEntropy(true);
    }

    /** Shannon entropy of the record counts over values, divided by ln(values); 0 with fewer than two values. */
    public double normalizedEntropyByRecords() {
        return normalizedEntropy(false);
    }

    private double normalizedEntropy(boolean ips) {
        int k = cells.size();
        if (k < 2) {
            return 0.0;
        }
        // Iterate in ranked order so the floating-point sum is the same on every JVM.
        List<Entry> ranked = ips ? rankedByIps() : rankedByRecords();
        double total = 0;
        for (Entry e : ranked) {
            total += ips ? e.ips() : e.records();
        }
        if (total <= 0) {
            return 0.0;
        }
        double h = 0;
        for (Entry e : ranked) {
            double n = ips ? e.ips() : e.records();
            if (n > 0) {
                double p = n / total;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(k);
    }

    private List<Entry> rank(Comparator<Entry> order) {
        List<Entry> out = new ArrayList<>(cells.size());
        cells.forEach((v, c) -> out.add(new Entry(v, c.ips, c.records)));
        out.sort(order);
        return Collections.unmodifiableList(out);
    }
}
