package io.andiag.model.routing;

import io.andiag.model.record.IpAttributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The monitored IPs of one region, counted per value of every source dimension (az, tor, host, vm, vswitch, vpc,
 * app): the denominators that say whether a dimension value "explains the anomaly better than the rest of the
 * region". Built from the region's {@code ip_attributes} (containers only) and shared, read-only, by every
 * region-minute until the attributes are reloaded. Empty values (unknown) are not counted as a value.
 *
 * <p>Memory: one int per IP and source dimension (value ids, for {@link #jointCount}) plus a dictionary per
 * dimension: about 28 bytes per IP.
 */
public final class Population {

    private final String region;
    private final int total;
    private final List<Map<String, Integer>> ids;
    private final int[][] counts;
    /** valueIds[dimension][ip] = value id, -1 when unknown. */
    private final int[][] valueIds;

    private Population(String region, int total, List<Map<String, Integer>> ids, int[][] counts, int[][] valueIds) {
        this.region = region;
        this.total = total;
        this.ids = ids;
        this.counts = counts;
        this.valueIds = valueIds;
    }

    /** The monitored IPs (kind CONTAINER) of {@code region} among {@code attributes}; other rows are ignored. */
    public static Population of(String region, Iterable<IpAttributes> attributes) {
        Objects.requireNonNull(region, "region");
        List<IpAttributes> members = new ArrayList<>();
        for (IpAttributes a : attributes) {
            if (a.isMonitored() && a.region().equals(region)) {
                members.add(a);
            }
        }
        return build(region, members);
    }

    /** One population per region, for every region present among the monitored IPs of {@code attributes}. */
    public static Map<String, Population> byRegion(Iterable<IpAttributes> attributes) {
        Map<String, List<IpAttributes>> groups = new LinkedHashMap<>();
        for (IpAttributes a : attributes) {
            if (a.isMonitored()) {
                groups.computeIfAbsent(a.region(), r -> new ArrayList<>()).add(a);
            }
        }
        Map<String, Population> out = new LinkedHashMap<>();
        groups.forEach((r, members) -> out.put(r, build(r, members)));
        return out;
    }

    /** A region with no known attributes: every count is 0, so lifts fall back to the abnormal counts. */
    public static Population empty(String region) {
        return build(Objects.requireNonNull(region, "region"), List.of());
    }

    private static Population build(String region, List<IpAttributes> members) {
        int dims = Dimension.sourceCount();
        int n = members.size();
        List<Map<String, Integer>> ids = new ArrayList<>(dims);
        int[][] counts = new int[dims][];
        int[][] valueIds = new int[dims][n];
        for (int d = 0; d < dims; d++) {
            Dimension dim = Dimension.ofSourceIndex(d);
            Map<String, Integer> dict = new HashMap<>();
            int[] c = new int[16];
            for (int i = 0; i < n; i++) {
                String v = dim.of(members.get(i));
                if (v.isEmpty()) {
                    valueIds[d][i] = -1;
                    continue;
                }
                Integer id = dict.get(v);
                if (id == null) {
                    id = dict.size();
                    dict.put(v, id);
                    if (id == c.length) {
                        c = java.util.Arrays.copyOf(c, c.length * 2);
                    }
                }
                c[id]++;
                valueIds[d][i] = id;
            }
            ids.add(dict);
            counts[d] = c;
        }
        return new Population(region, n, ids, counts, valueIds);
    }

    public String region() {
        return region;
    }

    /** Number of monitored IPs of the region. */
    public int total() {
        return total;
    }

    /** Monitored IPs whose source dimension {@code d} has {@code value}; 0 for unknown values. */
    public int count(Dimension d, String value) {
        Integer id = ids.get(requireSource(d)).get(value);
        return id == null ? 0 : counts[d.sourceIndex()][id];
    }

    /** Number of distinct known values of {@code d} in the region. */
    public int distinctValues(Dimension d) {
        return ids.get(requireSource(d)).size();
    }

    /**
     * Monitored IPs with {@code d1 = v1} and {@code d2 = v2}. Scans the region (one int comparison per IP): meant for
     * the few pairs the drill-down tries, not for per-record paths.
     */
    public int jointCount(Dimension d1, String v1, Dimension d2, String v2) {
        Integer id1 = ids.get(requireSource(d1)).get(v1);
        Integer id2 = ids.get(requireSource(d2)).get(v2);
        if (id1 == null || id2 == null) {
            return 0;
        }
        int[] a = valueIds[d1.sourceIndex()];
        int[] b = valueIds[d2.sourceIndex()];
        int x = id1;
        int y = id2;
        int n = 0;
        for (int i = 0; i < total; i++) {
            if (a[i] == x && b[i] == y) {
                n++;
            }
        }
        return n;
    }

    private static int requireSource(Dimension d) {
        if (!d.isSource()) {
            throw new IllegalArgumentException("dimension " + d.label() + " has no population (destination side)");
        }
        return d.sourceIndex();
    }

    @Override
    public String toString() {
        return "Population[" + region + ", " + total + " IPs]";
    }
}
