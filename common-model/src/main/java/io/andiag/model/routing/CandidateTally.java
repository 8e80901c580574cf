package io.andiag.model.routing;

import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.IpKind;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;

import java.util.List;

/**
 * Everything the features, the drill-down, the emission rule and the impact assessment count in one region-minute,
 * computed in one pass over the sources and their details ({@link RegionMinute#tally()}).
 *
 * <p>Source dimensions count abnormal IPs per value of the source's attributes (a source without attributes counts
 * in no value). Destination dimensions associate an abnormal IP with a value when one of its details goes there
 * (see {@link Dimension}); {@link Dimension#NATGW} also associates an IP with the NAT gateway cluster of its own
 * attributes when it has an abnormal INTERNET_OUT series, even without a sampled detail. Their record counts are
 * detail counts.
 */
public final class CandidateTally {

    private final String region;
    private final int abnormalIps;
    private final int series;
    private final int[] seriesByScenario = new int[Scenario.count()];
    private final int synSeries;
    private final ValueCounts[] source = new ValueCounts[Dimension.sourceCount()];
    private final ValueCounts[] destination = new ValueCounts[Dimension.destinationCount()];
    private final ValueCounts dips = new ValueCounts();
    private final ValueCounts destinationApps = new ValueCounts();
    private final int details;
    private int azKnownDetails;
    private int crossAzDetails;
    private int crossRegionDetails;

    CandidateTally(RegionMinute m) {
        this.region = m.region();
        for (int i = 0; i < source.length; i++) {
            source[i] = new ValueCounts();
        }
        for (int i = 0; i < destination.length; i++) {
            destination[i] = new ValueCounts();
        }
        List<AbnormalSource> sources = m.sources();
        List<DetailRecord> all = m.details();
        this.abnormalIps = sources.size();
        this.details = all.size();
        int seriesSum = 0;
        int syn = 0;
        int d = 0;
        for (int i = 0; i < sources.size(); i++) {
            AbnormalSource s = sources.get(i);
            for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
                if ((s.slotMask() & (1 << slot)) != 0) {
                    seriesSum++;
                    seriesByScenario[RetxCounts.scenarioOf(slot).ordinal()]++;
                    if (RetxCounts.typeOf(slot) == RetxType.SYN) {
                        syn++;
                    }
                }
            }
            IpAttributes sa = m.sourceAttributes(s.ip());
            if (sa != null) {
                for (int k = 0; k < source.length; k++) {
                    source[k].addIp(Dimension.ofSourceIndex(k).of(sa), i);
                }
                if (s.has(Scenario.INTERNET_OUT)) {
                    destination[Dimension.NATGW.destinationIndex()].addIp(sa.gatewayCluster(), i);
                }
            }
            // details are sorted by source IP, like the sources: walk both together
            while (d < all.size() && all.get(d).ip().compareTo(s.ip()) < 0) {
                d++;
            }
            while (d < all.size() && all.get(d).ip().equals(s.ip())) {
                countDetail(m, all.get(d), sa, i);
                d++;
            }
        }
        this.series = seriesSum;
        this.synSeries = syn;
    }

    private void countDetail(RegionMinute m, DetailRecord d, IpAttributes sa, int ipIndex) {
        IpAttributes da = m.destinationAttributes(d.dip());
        dips.addRecord(d.dip(), ipIndex);
        if (da != null) {
            destinationApps.addRecord(da.app(), ipIndex);
        }
        for (int k = 0; k < destination.length; k++) {
            destination[k].addRecord(destinationValue(Dimension.ofDestinationIndex(k), region, d, sa, da), ipIndex);
        }
        if (!destinationValue(Dimension.DST_REGION, region, d, sa, da).isEmpty()) {
            crossRegionDetails++;
        }
        if (sa != null && da != null && !sa.az().isEmpty() && !da.az().isEmpty()) {
            azKnownDetails++;
            if (!sa.az().equals(da.az())) {
                crossAzDetails++;
            }
        }
    }

    /**
     * The value of destination dimension {@code dim} for one detail sent from region {@code region}; empty when the
     * detail has none. {@code sa} and {@code da} are the source and destination attributes, null when unknown.
     */
    public static String destinationValue(Dimension dim, String region, DetailRecord d, IpAttributes sa,
                                          IpAttributes da) {
        return switch (dim) {
            case VIP -> da != null && da.kind() == IpKind.SLB_VIP ? d.dip() : "";
            case NATGW -> {
                if (da != null && da.kind() == IpKind.NAT_GATEWAY) {
                    yield da.gatewayCluster().isEmpty() ? d.dip() : da.gatewayCluster();
                }
                yield d.scenario() == Scenario.INTERNET_OUT && sa != null ? sa.gatewayCluster() : "";
            }
            case DST_REGION -> {
                if (da != null && !da.region().isEmpty() && !da.region().equals(region)) {
                    yield da.region();
                }
                yield d.scenario() == Scenario.CROSS_REGION ? Dimension.UNKNOWN_REGION : "";
            }
            case INTERNET_DST -> (da != null && da.kind() == IpKind.INTERNET) || d.scenario() == Scenario.INTERNET_OUT
                    ? d.dip() : "";
            default -> throw new IllegalArgumentException(dim.label() + " is not a destination dimension");
        };
    }

    /** Abnormal source IPs (A). */
    public int abnormalIps() {
        return abnormalIps;
    }

    /** Abnormal series over all sources (S). */
    public int series() {
        return series;
    }

    public int series(Scenario s) {
        return seriesByScenario[s.ordinal()];
    }

    public int synSeries() {
        return synSeries;
    }

    /** Abnormal series in internet-side scenarios (CROSS_REGION, INTERNET_OUT, INTERNET_IN). */
    public int internetSideSeries() {
        int n = 0;
        for (Scenario s : Scenario.values()) {
            if (s.isInternetSide()) {
                n += seriesByScenario[s.ordinal()];
            }
        }
        return n;
    }

    /** Abnormal IPs per value of a source dimension, or IPs and details per value of a destination dimension. */
    public ValueCounts counts(Dimension d) {
        return d.isSource() ? source[d.sourceIndex()] : destination[d.destinationIndex()];
    }

    /** Details per destination IP. */
    public ValueCounts dips() {
        return dips;
    }

    /** Details per destination application (destinations with known attributes and app). */
    public ValueCounts destinationApps() {
        return destinationApps;
    }

    /** Sampled details of the abnormal sources (D). */
    public int details() {
        return details;
    }

    /** Details whose source and destination AZs are both known. */
    public int azKnownDetails() {
        return azKnownDetails;
    }

    /** Details whose source and destination AZs are known and differ. */
    public int crossAzDetails() {
        return crossAzDetails;
    }

    /** Details that leave the region (destination in another region, or the CROSS_REGION scenario). */
    public int crossRegionDetails() {
        return crossRegionDetails;
    }
}
