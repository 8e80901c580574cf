package io.andiag.batch.router;

import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.routing.Population;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ip_attributes} snapshot of every history day, broadcast to the tasks that build region-minute candidates:
 * each minute is diagnosed with the snapshot of its own day, as the speed layer diagnoses it with the snapshot it has
 * loaded. Shipped as plain string rows (common-model's {@link IpAttributes} and {@link Population} are not
 * serializable); each executor builds the per-day directory and the per-region {@link Population}s once, on first use.
 *
 * <p>Memory: every address of every history day (a few hundred bytes each), once per executor.
 */
public final class AttributeSnapshots implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Region of a source IP that has no attributes (as the speed layer's {@code and.region.default}). */
    public static final String DEFAULT_REGION = "default";

    private final Map<String, List<String[]>> rowsByDay;
    private transient Map<String, Day> days;

    /** What one day's snapshot gives the diagnosis. */
    public record Day(Map<String, IpAttributes> byIp, Map<String, Population> populations) {

        /** Attributes of any address, null when unknown. */
        public IpAttributes lookup(String ip) {
            return byIp.get(ip);
        }

        /** The region of a source IP ({@link #DEFAULT_REGION} when unknown or empty). */
        public String regionOf(String ip) {
            IpAttributes a = byIp.get(ip);
            return a == null || a.region().isEmpty() ? DEFAULT_REGION : a.region();
        }

        public Population population(String region) {
            Population p = populations.get(region);
            return p == null ? Population.empty(region) : p;
        }
    }

    private AttributeSnapshots(Map<String, List<String[]>> rowsByDay) {
        this.rowsByDay = rowsByDay;
    }

    /** Snapshots keyed by day ({@code YYYY-MM-DD}). */
    public static AttributeSnapshots of(Map<String, List<IpAttributes>> byDay) {
        Map<String, List<String[]>> rows = new HashMap<>();
        byDay.forEach((day, list) -> {
            List<String[]> out = new ArrayList<>(list.size());
            for (IpAttributes a : list) {
                out.add(new String[] {a.ip(), a.kind().name(), a.app(), a.appTeam(), a.vm(), a.host(), a.tor(), a.vswitch(),
                        a.vpc(), a.az(), a.region(), a.gatewayCluster()});
            }
            rows.put(day, out);
        });
        return new AttributeSnapshots(rows);
    }

    /** The snapshot of {@code day}; an empty one when the day has none. */
    public synchronized Day day(String day) {
        if (days == null) {
            days = new HashMap<>();
        }
        return days.computeIfAbsent(day, d -> {
            List<String[]> rows = rowsByDay.getOrDefault(d, List.of());
            Map<String, IpAttributes> byIp = new HashMap<>(rows.size() * 2);
            List<IpAttributes> all = new ArrayList<>(rows.size());
            for (String[] r : rows) {
                IpAttributes a = new IpAttributes(r[0], IpKind.valueOf(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]);
                byIp.put(a.ip(), a);
                all.add(a);
            }
            return new Day(byIp, Population.byRegion(all));
        });
    }
}
