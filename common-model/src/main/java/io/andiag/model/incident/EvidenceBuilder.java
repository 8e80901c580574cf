package io.andiag.model.incident;

import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.routing.CandidateTally;
import io.andiag.model.routing.Dimension;
import io.andiag.model.routing.RegionMinute;
import io.andiag.model.routing.RoutingDecision;
import io.andiag.model.routing.RoutingFeature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The evidence on an alert, for the person who receives it:
 * <ul>
 *   <li>top features: the first {@code k} features of the routing decision's basis — for the rule router the
 *       features the fired rule tested, for the trained router the features its trees tested on this input, most
 *       often first — with their values;</li>
 *   <li>samples: up to {@code n} distinct sampled retransmissions formatted
 *       {@code src:sport -> dst:dport type SCENARIO} (type in wire form, e.g.
 *       {@code 10.3.7.21:41822 -> 10.200.0.8:443 rto SLB}), those inside the scope first, then the others, each in
 *       the candidate's deterministic detail order.</li>
 * </ul>
 */
public final class EvidenceBuilder {

    private EvidenceBuilder() {
    }

    public static Evidence build(RegionMinute c, double[] features, RoutingDecision decision, List<ScopeTerm> scope,
                                 int topFeatures, int samples) {
        Map<String, Double> top = new LinkedHashMap<>();
        for (RoutingFeature f : decision.basis()) {
            if (top.size() >= topFeatures) {
                break;
            }
            top.put(f.featureName(), features[f.index()]);
        }
        Set<String> inScope = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (DetailRecord d : c.details()) {
            if (inScope.size() >= samples) {
                break;
            }
            (matches(c, d, scope) ? inScope : others).add(format(d));
        }
        List<String> picked = new ArrayList<>(inScope);
        for (String s : others) {
            if (picked.size() >= samples) {
                break;
            }
            picked.add(s);
        }
        return new Evidence(top, picked);
    }

    /** {@code src:sport -> dst:dport type SCENARIO}. */
    public static String format(DetailRecord d) {
        return d.ip() + ":" + d.sport() + " -> " + d.dip() + ":" + d.dport() + " " + d.type().wireName() + " "
                + d.scenario().wireName();
    }

    /** True when the detail's source or destination is inside every term of {@code scope} (empty scope: all). */
    static boolean matches(RegionMinute c, DetailRecord d, List<ScopeTerm> scope) {
        IpAttributes sa = c.sourceAttributes(d.ip());
        IpAttributes da = c.destinationAttributes(d.dip());
        for (ScopeTerm t : scope) {
            Optional<Dimension> dim = Dimension.fromLabel(t.dimension());
            if (dim.isEmpty()) {
                return false;
            }
            String value;
            if (dim.get().isSource()) {
                value = sa == null ? "" : dim.get().of(sa);
            } else {
                value = CandidateTally.destinationValue(dim.get(), c.region(), d, sa, da);
            }
            if (value.isEmpty() || !values(t).contains(value)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> values(ScopeTerm t) {
        return new HashSet<>(Arrays.asList(t.value().split(",")));
    }
}
