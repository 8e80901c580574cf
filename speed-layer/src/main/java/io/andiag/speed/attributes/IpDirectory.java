package io.andiag.speed.attributes;

import io.andiag.model.record.IpAttributes;
import io.andiag.model.routing.Population;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * IP → attributes (region, app, host, ToR, ...), from the lake's newest {@code ip_attributes} partition. Replaced
 * whole when a newer snapshot is loaded; lookups never block. IPs missing from the snapshot belong to
 * {@link #defaultRegion()}.
 *
 * <p>Each snapshot also holds what the diagnosis needs per region, computed once when the snapshot is built (by the
 * attributes watcher, off the stream threads): the set of known regions and every region's {@link Population}.
 */
public final class IpDirectory {

    private final String defaultRegion;
    private final AtomicReference<Snapshot> snapshot;

    private static final class Snapshot {
        final String source;
        final Map<String, IpAttributes> byIp;
        final Map<String, Population> populations;
        final Set<String> regions;

        Snapshot(String source, Map<String, IpAttributes> byIp, String defaultRegion) {
            this.source = source;
            this.byIp = Map.copyOf(byIp);
            this.populations = Map.copyOf(Population.byRegion(this.byIp.values()));
            TreeSet<String> r = new TreeSet<>();
            r.add(defaultRegion);
            for (IpAttributes a : this.byIp.values()) {
                if (!a.region().isEmpty()) {
                    r.add(a.region());
                }
            }
            this.regions = java.util.Collections.unmodifiableSortedSet(r);
        }
    }

    public IpDirectory(String defaultRegion, Map<String, IpAttributes> byIp, String source) {
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        this.snapshot = new AtomicReference<>(new Snapshot(source, byIp, defaultRegion));
    }

    public static IpDirectory empty(String defaultRegion) {
        return new IpDirectory(defaultRegion, Map.of(), "none");
    }

    /** The attributes of {@code ip}, or null when it is not in the snapshot. */
    public IpAttributes get(String ip) {
        return snapshot.get().byIp.get(ip);
    }

    public String regionOf(String ip) {
        IpAttributes a = get(ip);
        return a == null || a.region().isEmpty() ? defaultRegion : a.region();
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** Every region named in the snapshot, plus the default region, sorted. */
    public Set<String> regions() {
        return snapshot.get().regions;
    }

    /** The monitored IPs (containers) of {@code region} per dimension value; empty for a region without any. */
    public Population population(String region) {
        Population p = snapshot.get().populations.get(region);
        return p == null ? Population.empty(region) : p;
    }

    /** Where the current snapshot came from (a partition path), for logs and health. */
    public String source() {
        return snapshot.get().source;
    }

    public int size() {
        return snapshot.get().byIp.size();
    }

    public void replace(Map<String, IpAttributes> byIp, String source) {
        snapshot.set(new Snapshot(source, byIp, defaultRegion));
    }
}
