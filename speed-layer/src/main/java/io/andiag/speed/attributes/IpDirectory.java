package io.andiag.speed.attributes;

import io.andiag.model.record.IpAttributes;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * IP → attributes (region, app, host, ToR, ...), from the lake's newest {@code ip_attributes} partition. Replaced
 * whole when a newer snapshot is loaded; lookups never block. IPs missing from the snapshot belong to
 * {@link #defaultRegion()}.
 */
public final class IpDirectory {

    private final String defaultRegion;
    private final AtomicReference<Snapshot> snapshot;

    private record Snapshot(String source, Map<String, IpAttributes> byIp) {
    }

    public IpDirectory(String defaultRegion, Map<String, IpAttributes> byIp, String source) {
        this.defaultRegion = Objects.requireNonNull(defaultRegion, "defaultRegion");
        this.snapshot = new AtomicReference<>(new Snapshot(source, Map.copyOf(byIp)));
    }

    public static IpDirectory empty(String defaultRegion) {
        return new IpDirectory(defaultRegion, Map.of(), "none");
    }

    /** The attributes of {@code ip}, or null when it is not in the snapshot. */
    public IpAttributes get(String ip) {
        return snapshot.get().byIp().get(ip);
    }

    public String regionOf(String ip) {
        IpAttributes a = get(ip);
        return a == null || a.region().isEmpty() ? defaultRegion : a.region();
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** Where the current snapshot came from (a partition path), for logs and health. */
    public String source() {
        return snapshot.get().source();
    }

    public int size() {
        return snapshot.get().byIp().size();
    }

    public void replace(Map<String, IpAttributes> byIp, String source) {
        snapshot.set(new Snapshot(source, Map.copyOf(byIp)));
    }
}
