package io.andiag.model.routing;

import io.andiag.model.record.Scenario;

import java.util.List;

import static io.andiag.model.routing.RoutingFeature.*;

/**
 * Computes the routing features of a region-minute into a caller-owned array, in {@link RoutingFeatureSchema}
 * order. The one implementation, called by the batch replay (training) and by the speed layer (serving). Stateless
 * and thread-safe; it reads the candidate's {@link CandidateTally} (computed once per candidate) and allocates
 * nothing else.
 */
public final class RoutingFeatureExtractor {

    private RoutingFeatureExtractor() {
    }

    /** A new vector with the features of {@code c}. */
    public static double[] extract(RegionMinute c) {
        double[] out = new double[RoutingFeatureSchema.size()];
        extract(c, out);
        return out;
    }

    /**
     * Writes the features of {@code c} into {@code out[0 .. size-1]}.
     *
     * @throws IllegalArgumentException when {@code out} is shorter than {@link RoutingFeatureSchema#size()}
     */
    public static void extract(RegionMinute c, double[] out) {
        if (out.length < RoutingFeatureSchema.size()) {
            throw new IllegalArgumentException("feature vector length must be >= " + RoutingFeatureSchema.size()
                    + ", got " + out.length);
        }
        CandidateTally t = c.tally();
        Population pop = c.population();
        int a = t.abnormalIps();
        int s = t.series();
        int d = t.details();

        ValueCounts hosts = t.counts(Dimension.HOST);
        ValueCounts vms = t.counts(Dimension.VM);
        set(out, SRC_TOP1_HOST_SHARE, ratio(hosts.topIps(1), a));
        set(out, SRC_TOP3_HOST_SHARE, ratio(hosts.topIps(3), a));
        set(out, SRC_TOP1_VM_SHARE, ratio(vms.topIps(1), a));
        set(out, SRC_TOP3_VM_SHARE, ratio(vms.topIps(3), a));
        set(out, SRC_HOSTS_PER_IP, ratio(hosts.distinct(), a));

        set(out, DST_TOP_IP_SHARE, ratio(t.dips().topRecords(), d));
        set(out, DST_TOP_VIP_SHARE, ratio(t.counts(Dimension.VIP).topRecords(), d));
        set(out, DST_TOP_GATEWAY_SHARE, ratio(t.counts(Dimension.NATGW).topRecords(), d));
        set(out, DST_DISTINCT_SHARE, ratio(t.dips().distinct(), d));

        locality(out, t, pop, Dimension.AZ, SRC_TOP_AZ_SHARE, SRC_TOP_AZ_LIFT);
        locality(out, t, pop, Dimension.TOR, SRC_TOP_TOR_SHARE, SRC_TOP_TOR_LIFT);
        locality(out, t, pop, Dimension.VSWITCH, SRC_TOP_VSWITCH_SHARE, SRC_TOP_VSWITCH_LIFT);
        locality(out, t, pop, Dimension.VPC, SRC_TOP_VPC_SHARE, SRC_TOP_VPC_LIFT);
        int azs = t.counts(Dimension.AZ).distinct();
        set(out, SRC_AZ_TOUCHED_SHARE, ratio(azs, Math.max(pop.distinctValues(Dimension.AZ), azs)));
        set(out, CROSS_AZ_SHARE, ratio(t.crossAzDetails(), t.azKnownDetails()));
        set(out, CROSS_REGION_SHARE, ratio(t.crossRegionDetails(), d));

        ValueCounts apps = t.counts(Dimension.APP);
        set(out, SRC_TOP_APP_SHARE, ratio(apps.topIps(1), a));
        set(out, SRC_APP_ENTROPY, apps.normalizedEntropyByIps());
        set(out, SRC_APPS_PER_IP, ratio(apps.distinct(), a));
        ValueCounts dstApps = t.destinationApps();
        set(out, DST_TOP_APP_SHARE, ratio(dstApps.topRecords(), dstApps.totalRecords()));
        set(out, DST_APP_ENTROPY, dstApps.normalizedEntropyByRecords());

        set(out, SCN_INTRANET_SHARE, ratio(t.series(Scenario.INTRANET), s));
        set(out, SCN_SLB_SHARE, ratio(t.series(Scenario.SLB), s));
        set(out, SCN_CROSS_REGION_SHARE, ratio(t.series(Scenario.CROSS_REGION), s));
        set(out, SCN_INTERNET_OUT_SHARE, ratio(t.series(Scenario.INTERNET_OUT), s));
        set(out, SCN_INTERNET_IN_SHARE, ratio(t.series(Scenario.INTERNET_IN), s));
        set(out, INTERNET_SIDE_SHARE, ratio(t.internetSideSeries(), s));
        set(out, SYN_SHARE, ratio(t.synSeries(), s));

        set(out, ABNORMAL_SHARE, ratio(a, Math.max(c.monitoredIps(), a)));
        set(out, ABNORMAL_IPS_LOG, Math.log1p(a));
        set(out, HOSTS_TOUCHED_SHARE, ratio(hosts.distinct(), Math.max(pop.distinctValues(Dimension.HOST),
                hosts.distinct())));
    }

    private static void locality(double[] out, CandidateTally t, Population pop, Dimension dim, RoutingFeature share,
                                 RoutingFeature lift) {
        int a = t.abnormalIps();
        List<ValueCounts.Entry> ranked = t.counts(dim).rankedByIps();
        if (a == 0 || ranked.isEmpty()) {
            set(out, share, 0);
            set(out, lift, 0);
            return;
        }
        ValueCounts.Entry top = ranked.get(0);
        set(out, share, ratio(top.ips(), a));
        set(out, lift, regionLift(top.ips(), pop.count(dim, top.value()), a, pop.total()));
    }

    /**
     * Abnormal ratio inside a value over the abnormal ratio of the whole region: (a/n') / (A/N') with
     * n' = max(n, a) and N' = max(N, A), so stale or missing attributes can never give a ratio above 1.
     */
    static double regionLift(int abnormalInside, int populationInside, int abnormal, int population) {
        if (abnormalInside == 0 || abnormal == 0) {
            return 0;
        }
        double inside = (double) abnormalInside / Math.max(populationInside, abnormalInside);
        double region = (double) abnormal / Math.max(population, abnormal);
        return inside / region;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator <= 0 ? 0.0 : numerator / denominator;
    }

    private static void set(double[] out, RoutingFeature f, double value) {
        out[f.ordinal()] = value;
    }
}
