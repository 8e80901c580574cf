package io.andiag.model.routing;

import io.andiag.model.incident.ScopeTerm;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.record.Scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dimensional drill-down (paper §7): the scope a region-minute's anomaly converges to.
 *
 * <ol>
 *   <li>Destination dimensions (vip, natgw, dst_region, internet_dst): the smallest set of at most
 *       {@code maxValues} values associated with at least {@code coverageMin} of the abnormal IPs and receiving at
 *       least {@code destinationShareMin} of the details. When several dimensions pass, the highest coverage wins
 *       (then fewer values, then that order).</li>
 *   <li>Source dimensions (host, tor, vswitch, app, vpc, az): per dimension, the smallest set of at most
 *       {@code maxValues} top values holding at least {@code coverageMin} of the abnormal IPs and whose abnormal
 *       ratio inside is at least {@code liftMin} times the ratio in the rest of the region. Among passing
 *       dimensions whose coverage is within {@code coverageSlack} of the best coverage, the most specific wins: the
 *       smallest monitored population (then higher coverage, fewer values, and the order host, tor, vswitch, app,
 *       vpc, az). The slack keeps a partial set of hosts from beating the ToR that holds nearly all the anomaly,
 *       and one noisy IP from lifting a ToR incident to its AZ.</li>
 *   <li>A destination a failing anomaly converges on is its most specific explanation: the destination scope
 *       is chosen unless the best source scope holds more of the abnormal IPs by more than the slack (a ToR whose
 *       IPs happen to share a VIP stays a ToR).</li>
 *   <li>Only when no single dimension passes: pairs of source dimensions, e.g. {@code az=az-2 & app=app-7}, each the
 *       most frequent value pair among the abnormal IPs, judged like a single value with the pair's joint
 *       population, chosen like single dimensions.</li>
 *   <li>Nothing passes: region-wide (empty scope).</li>
 * </ol>
 * A tor or vswitch scope whose abnormal IPs all sit in one az or vpc is qualified by it, as operators name them:
 * {@code az=az-2 & tor=tor-17}, {@code vpc=vpc-3 & vswitch=vsw-9}. Several values of one dimension are written
 * sorted and comma-separated in one term: {@code vip=10.200.0.8,10.200.0.9}.
 *
 * <p>Lift of a source scope with a abnormal of n monitored IPs, in a region with A abnormal of N: with n' = max(n, a)
 * and rest = max(N - n', A - a), lift = (a / n') / ((A - a) / rest), capped at {@link #MAX_LIFT} (also when the rest
 * has no abnormal IP), and 1 when the rest is empty. Stateless and thread-safe.
 */
public final class DrillDown {

    /** Cap of the lift, also its value when the rest of the region has no abnormal IP. */
    public static final double MAX_LIFT = 1000.0;

    private static final Dimension[] DESTINATION_ORDER = {Dimension.VIP, Dimension.NATGW, Dimension.DST_REGION,
            Dimension.INTERNET_DST};
    /** Source dimensions, most specific first (the tie-break). VM is too fine to name an incident scope. */
    private static final Dimension[] SOURCE_ORDER = {Dimension.HOST, Dimension.TOR, Dimension.VSWITCH, Dimension.APP,
            Dimension.VPC, Dimension.AZ};
    /** How terms of a pair are written: outermost first. */
    private static final Dimension[] OUTER_FIRST = {Dimension.AZ, Dimension.VPC, Dimension.TOR, Dimension.VSWITCH,
            Dimension.HOST, Dimension.APP};

    private final DrillDownSettings settings;

    public DrillDown(DrillDownSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public DrillDownSettings settings() {
        return settings;
    }

    /** The scope of {@code c}. */
    public DrillDownResult scope(RegionMinute c) {
        CandidateTally t = c.tally();
        if (t.abnormalIps() == 0) {
            return new DrillDownResult(List.of(), 0.0, 0.0, 0);
        }
        Found destination = bestDestination(c, t);
        Found source = mostSpecific(sourceSingles(c, t));
        Found best = source != null
                && (destination == null || source.coverage > destination.coverage + settings.coverageSlack())
                ? source : destination;
        if (best == null) {
            best = mostSpecific(pairs(c, t));
        }
        if (best == null) {
            return new DrillDownResult(List.of(), 1.0, 1.0, t.abnormalIps());
        }
        return new DrillDownResult(best.terms, best.coverage, best.lift, best.abnormal);
    }

    /** A passing scope with what ranks it. */
    private record Found(List<ScopeTerm> terms, double coverage, double lift, int abnormal, long population,
                         int values, int order) {
    }

    /**
     * Among scopes whose coverage is within the slack of the best one: the smallest population, then the higher
     * coverage, fewer values, the dimension order.
     */
    private Found mostSpecific(List<Found> found) {
        double bestCoverage = 0;
        for (Found f : found) {
            bestCoverage = Math.max(bestCoverage, f.coverage);
        }
        Found best = null;
        for (Found f : found) {
            if (f.coverage >= bestCoverage - settings.coverageSlack() && (best == null || moreSpecific(f, best))) {
                best = f;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ destination side

    private Found bestDestination(RegionMinute c, CandidateTally t) {
        int a = t.abnormalIps();
        int d = t.details();
        Found best = null;
        for (int order = 0; order < DESTINATION_ORDER.length; order++) {
            Dimension dim = DESTINATION_ORDER[order];
            List<ValueCounts.Entry> ranked = t.counts(dim).rankedByIps();
            Set<String> values = new TreeSet<>();
            int records = 0;
            for (int k = 0; k < Math.min(settings.maxValues(), ranked.size()); k++) {
                values.add(ranked.get(k).value());
                records += ranked.get(k).records();
                int ips = k == 0 ? ranked.get(0).ips() : ipsAssociated(c, dim, values);
                double coverage = (double) ips / a;
                double share = d == 0 ? 0.0 : (double) records / d;
                if (coverage >= settings.coverageMin() && share >= settings.destinationShareMin()) {
                    Found f = new Found(List.of(term(dim, values)), coverage, Double.NaN, ips, 0, values.size(),
                            order);
                    if (best == null || f.coverage > best.coverage
                            || (f.coverage == best.coverage && f.values < best.values)) {
                        best = f;
                    }
                    break;
                }
            }
        }
        return best;
    }

    /** Abnormal IPs associated with any of {@code values} of destination dimension {@code dim}. */
    private static int ipsAssociated(RegionMinute c, Dimension dim, Set<String> values) {
        Set<String> ips = new HashSet<>();
        for (DetailRecord d : c.details()) {
            if (!ips.contains(d.ip())) {
                String v = CandidateTally.destinationValue(dim, c.region(), d, c.sourceAttributes(d.ip()),
                        c.destinationAttributes(d.dip()));
                if (values.contains(v)) {
                    ips.add(d.ip());
                }
            }
        }
        if (dim == Dimension.NATGW) {
            for (AbnormalSource s : c.sources()) {
                IpAttributes sa = c.sourceAttributes(s.ip());
                if (sa != null && s.has(Scenario.INTERNET_OUT) && values.contains(sa.gatewayCluster())) {
                    ips.add(s.ip());
                }
            }
        }
        return ips.size();
    }

    // ------------------------------------------------------------------ source side

    /** Per source dimension, the smallest passing set of its top values. */
    private List<Found> sourceSingles(RegionMinute c, CandidateTally t) {
        Population pop = c.population();
        int a = t.abnormalIps();
        List<Found> found = new ArrayList<>();
        for (int order = 0; order < SOURCE_ORDER.length; order++) {
            Dimension dim = SOURCE_ORDER[order];
            List<ValueCounts.Entry> ranked = t.counts(dim).rankedByIps();
            Set<String> values = new TreeSet<>();
            int inside = 0;
            long population = 0;
            for (int k = 0; k < Math.min(settings.maxValues(), ranked.size()); k++) {
                ValueCounts.Entry e = ranked.get(k);
                values.add(e.value());
                inside += e.ips();
                population += pop.count(dim, e.value());
                double coverage = (double) inside / a;
                double lift = restLift(inside, population, a, pop.total());
                if (coverage >= settings.coverageMin() && lift >= settings.liftMin()) {
                    found.add(new Found(qualified(c, dim, values), coverage, lift, inside,
                            Math.max(population, inside), values.size(), order));
                    break;
                }
            }
        }
        return found;
    }

    /** Per pair of source dimensions, its most frequent value pair when it passes. */
    private List<Found> pairs(RegionMinute c, CandidateTally t) {
        Population pop = c.population();
        int a = t.abnormalIps();
        List<Found> found = new ArrayList<>();
        int order = 0;
        for (int i = 0; i < OUTER_FIRST.length; i++) {
            for (int j = i + 1; j < OUTER_FIRST.length; j++, order++) {
                Dimension d1 = OUTER_FIRST[i];
                Dimension d2 = OUTER_FIRST[j];
                String[] top = topPair(c, d1, d2);
                if (top == null) {
                    continue;
                }
                int inside = Integer.parseInt(top[2]);
                int population = pop.jointCount(d1, top[0], d2, top[1]);
                double coverage = (double) inside / a;
                double lift = restLift(inside, population, a, pop.total());
                if (coverage >= settings.coverageMin() && lift >= settings.liftMin()) {
                    found.add(new Found(List.of(new ScopeTerm(d1.label(), top[0]), new ScopeTerm(d2.label(), top[1])),
                            coverage, lift, inside, Math.max(population, inside), 2, order));
                }
            }
        }
        return found;
    }

    /** The most frequent (v1, v2) among the abnormal IPs with both known: {v1, v2, count}; null when none. */
    private static String[] topPair(RegionMinute c, Dimension d1, Dimension d2) {
        Map<List<String>, int[]> counts = new HashMap<>();
        for (AbnormalSource s : c.sources()) {
            IpAttributes sa = c.sourceAttributes(s.ip());
            if (sa == null || d1.of(sa).isEmpty() || d2.of(sa).isEmpty()) {
                continue;
            }
            counts.computeIfAbsent(List.of(d1.of(sa), d2.of(sa)), k -> new int[1])[0]++;
        }
        Comparator<Map.Entry<List<String>, int[]>> order = Comparator.<Map.Entry<List<String>, int[]>>comparingInt(
                        e -> -e.getValue()[0])
                .thenComparing(e -> e.getKey().get(0))
                .thenComparing(e -> e.getKey().get(1));
        return counts.entrySet().stream().min(order)
                .map(e -> new String[] {e.getKey().get(0), e.getKey().get(1), Integer.toString(e.getValue()[0])})
                .orElse(null);
    }

    private static boolean moreSpecific(Found f, Found best) {
        if (f.population != best.population) {
            return f.population < best.population;
        }
        if (f.coverage != best.coverage) {
            return f.coverage > best.coverage;
        }
        if (f.values != best.values) {
            return f.values < best.values;
        }
        return f.order < best.order;
    }

    /** The scope terms of {@code values} of {@code dim}, qualified by the single az (tor) or vpc (vswitch). */
    private static List<ScopeTerm> qualified(RegionMinute c, Dimension dim, Set<String> values) {
        Dimension parent = dim == Dimension.TOR ? Dimension.AZ : dim == Dimension.VSWITCH ? Dimension.VPC : null;
        ScopeTerm own = term(dim, values);
        if (parent == null) {
            return List.of(own);
        }
        Set<String> parents = new TreeSet<>();
        for (AbnormalSource s : c.sources()) {
            IpAttributes sa = c.sourceAttributes(s.ip());
            if (sa != null && values.contains(dim.of(sa)) && !parent.of(sa).isEmpty()) {
                parents.add(parent.of(sa));
            }
        }
        if (parents.size() != 1) {
            return List.of(own);
        }
        return List.of(new ScopeTerm(parent.label(), parents.iterator().next()), own);
    }

    private static ScopeTerm term(Dimension dim, Set<String> sortedValues) {
        return new ScopeTerm(dim.label(), String.join(",", new ArrayList<>(sortedValues)));
    }

    /**
     * (a / n') / ((A - a) / rest) with n' = max(n, a) and rest = max(N - n', A - a); {@link #MAX_LIFT} when the rest
     * has no abnormal IP, 1 when the rest is empty.
     */
    static double restLift(int abnormalInside, long populationInside, int abnormal, int population) {
        if (abnormalInside == 0) {
            return 0.0;
        }
        double nIn = Math.max(populationInside, abnormalInside);
        double rest = Math.max(population - nIn, abnormal - abnormalInside);
        if (rest <= 0) {
            return 1.0;
        }
        int abnormalRest = abnormal - abnormalInside;
        if (abnormalRest == 0) {
            return MAX_LIFT;
        }
        return Math.min(MAX_LIFT, (abnormalInside / nIn) / (abnormalRest / rest));
    }
}
