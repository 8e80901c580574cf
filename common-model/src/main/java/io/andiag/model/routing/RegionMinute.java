package io.andiag.model.routing;

import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The evidence of one region-minute, the unit of diagnosis: the abnormal source IPs (their abnormal series), the
 * attributes of those sources, the sampled details they sent in that minute, the attributes of the details'
 * destinations (when known), the region's monitored-IP count and its {@link Population}.
 *
 * <p>Built once per region-minute by the speed layer (from {@code and.abnormal} + details + the attribute snapshot)
 * and by the batch replay (from the lake); both then call the same {@link RoutingFeatureExtractor},
 * {@link DrillDown} and router. Immutable. Sources are sorted by IP; details are only those of the abnormal sources,
 * sorted by (source IP, ts, source port, destination IP, destination port), so every derived value is deterministic
 * whatever the arrival order.
 */
public final class RegionMinute {

    private static final Comparator<DetailRecord> DETAIL_ORDER = Comparator.comparing(DetailRecord::ip)
            .thenComparingLong(DetailRecord::ts)
            .thenComparingInt(DetailRecord::sport)
            .thenComparing(DetailRecord::dip)
            .thenComparingInt(DetailRecord::dport)
            .thenComparing(DetailRecord::type)
            .thenComparing(DetailRecord::scenario);

    private final String region;
    private final long minute;
    private final int monitoredIps;
    private final Population population;
    private final List<AbnormalSource> sources;
    private final Map<String, IpAttributes> sourceAttributes;
    private final List<DetailRecord> details;
    private final Map<String, IpAttributes> destinationAttributes;
    private final String paramVersion;
    private CandidateTally tally;

    private RegionMinute(Builder b) {
        this.region = b.region;
        this.minute = b.minute;
        this.monitoredIps = b.monitoredIps;
        this.population = b.population == null ? Population.empty(b.region) : b.population;
        this.sources = List.copyOf(b.sources.values());
        Map<String, IpAttributes> src = new HashMap<>();
        for (AbnormalSource s : sources) {
            IpAttributes a = b.sourceAttributes.get(s.ip());
            if (a != null) {
                src.put(s.ip(), a);
            }
        }
        this.sourceAttributes = Collections.unmodifiableMap(src);
        List<DetailRecord> kept = new ArrayList<>(b.details.size());
        for (DetailRecord d : b.details) {
            if (b.sources.containsKey(d.ip())) {
                kept.add(d);
            }
        }
        kept.sort(DETAIL_ORDER);
        this.details = Collections.unmodifiableList(kept);
        Map<String, IpAttributes> dst = new HashMap<>();
        for (DetailRecord d : kept) {
            IpAttributes a = b.destinationAttributes.get(d.dip());
            if (a != null) {
                dst.put(d.dip(), a);
            }
        }
        this.destinationAttributes = Collections.unmodifiableMap(dst);
        this.paramVersion = b.paramVersion;
    }

    public static Builder builder(String region, long minute) {
        return new Builder(region, minute);
    }

    public String region() {
        return region;
    }

    /** The minute, epoch ms (minute-aligned). */
    public long minute() {
        return minute;
    }

    /** IPs of the region that sent a heartbeat in this minute: the denominator of severity. */
    public int monitoredIps() {
        return monitoredIps;
    }

    public Population population() {
        return population;
    }

    /** The abnormal source IPs, sorted by IP. */
    public List<AbnormalSource> sources() {
        return sources;
    }

    /** Number of abnormal source IPs. */
    public int abnormalIps() {
        return sources.size();
    }

    /** Attributes of an abnormal source, or null when unknown. */
    public IpAttributes sourceAttributes(String ip) {
        return sourceAttributes.get(ip);
    }

    /** The sampled details of the abnormal sources in this minute, in a deterministic order. */
    public List<DetailRecord> details() {
        return details;
    }

    /** Attributes of a destination IP, or null when unknown. */
    public IpAttributes destinationAttributes(String dip) {
        return destinationAttributes.get(dip);
    }

    /** Version of the parameter set that detected the abnormal series ("" when unknown). */
    public String paramVersion() {
        return paramVersion;
    }

    /** The counts every consumer of this candidate needs, computed once on first use. */
    public synchronized CandidateTally tally() {
        if (tally == null) {
            tally = new CandidateTally(this);
        }
        return tally;
    }

    @Override
    public String toString() {
        return "RegionMinute[" + region + " @" + minute + ", " + sources.size() + " abnormal of " + monitoredIps
                + ", " + details.size() + " details]";
    }

    /** Collects the evidence of one region-minute; not thread-safe, one builder per candidate. */
    public static final class Builder {
        private final String region;
        private final long minute;
        private int monitoredIps;
        private Population population;
        private final Map<String, AbnormalSource> sources = new TreeMap<>();
        private final Map<String, IpAttributes> sourceAttributes = new HashMap<>();
        private final List<DetailRecord> details = new ArrayList<>();
        private final Map<String, IpAttributes> destinationAttributes = new HashMap<>();
        private String paramVersion = "";

        private Builder(String region, long minute) {
            this.region = Objects.requireNonNull(region, "region");
            if (minute % 60_000L != 0) {
                throw new IllegalArgumentException("minute must be minute-aligned epoch ms, got " + minute);
            }
            this.minute = minute;
        }

        public Builder monitoredIps(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("monitoredIps must be >= 0, got " + n);
            }
            this.monitoredIps = n;
            return this;
        }

        public Builder population(Population p) {
            if (!p.region().equals(region)) {
                throw new IllegalArgumentException("population of region '" + p.region() + "' given for region '"
                        + region + "'");
            }
            this.population = p;
            return this;
        }

        /**
         * Adds one abnormal series; series of the same IP are merged. A series without retransmissions in the minute
         * is left out ({@link AbnormalSource#retransmitting}).
         */
        public Builder series(AbnormalSeries s) {
            if (!AbnormalSource.retransmitting(s)) {
                return this;
            }
            return source(AbnormalSource.of(s.key().ip(), s.key().scenario(), s.key().type(), Math.max(0, s.observed())));
        }

        public Builder series(Iterable<AbnormalSeries> all) {
            for (AbnormalSeries s : all) {
                series(s);
            }
            return this;
        }

        /** Adds an abnormal source; a source already present is merged. */
        public Builder source(AbnormalSource s) {
            sources.merge(s.ip(), s, AbnormalSource::merge);
            return this;
        }

        public Builder sourceAttributes(IpAttributes a) {
            sourceAttributes.put(a.ip(), a);
            return this;
        }

        /** Adds a sampled detail; details of IPs that are not abnormal sources are dropped at {@link #build()}. */
        public Builder detail(DetailRecord d) {
            details.add(Objects.requireNonNull(d, "detail"));
            return this;
        }

        public Builder details(Iterable<DetailRecord> all) {
            for (DetailRecord d : all) {
                detail(d);
            }
            return this;
        }

        public Builder destinationAttributes(IpAttributes a) {
            destinationAttributes.put(a.ip(), a);
            return this;
        }

        /**
         * Looks up the attributes of every source and detail destination not given yet ({@code lookup} returns null
         * for unknown IPs), e.g. from the speed layer's attribute directory.
         */
        public Builder resolveAttributes(Function<String, IpAttributes> lookup) {
            for (String ip : sources.keySet()) {
                if (!sourceAttributes.containsKey(ip)) {
                    IpAttributes a = lookup.apply(ip);
                    if (a != null) {
                        sourceAttributes.put(ip, a);
                    }
                }
            }
            for (DetailRecord d : details) {
                if (!destinationAttributes.containsKey(d.dip())) {
                    IpAttributes a = lookup.apply(d.dip());
                    if (a != null) {
                        destinationAttributes.put(d.dip(), a);
                    }
                }
            }
            return this;
        }

        public Builder paramVersion(String v) {
            this.paramVersion = Objects.requireNonNull(v, "paramVersion");
            return this;
        }

        public RegionMinute build() {
            return new RegionMinute(this);
        }
    }
}
