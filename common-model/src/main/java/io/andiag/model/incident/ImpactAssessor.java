package io.andiag.model.incident;

import io.andiag.model.record.IpAttributes;
import io.andiag.model.routing.AbnormalSource;
import io.andiag.model.routing.RegionMinute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Impact assessment: which applications the region-minute's abnormal IPs belong to, with how many abnormal IPs each,
 * most first (ties: app name ascending). Sources without attributes or without an app count under
 * {@link #UNKNOWN_APP}. {@code services} on the alert is the size of this list.
 */
public final class ImpactAssessor {

    /** App name of abnormal IPs whose application is unknown. */
    public static final String UNKNOWN_APP = "(unknown)";

    private ImpactAssessor() {
    }

    public static List<AppImpact> apps(RegionMinute c) {
        Map<String, int[]> counts = new HashMap<>();
        for (AbnormalSource s : c.sources()) {
            IpAttributes a = c.sourceAttributes(s.ip());
            String app = a == null || a.app().isEmpty() ? UNKNOWN_APP : a.app();
            counts.computeIfAbsent(app, k -> new int[1])[0]++;
        }
        List<AppImpact> out = new ArrayList<>(counts.size());
        counts.forEach((app, n) -> out.add(new AppImpact(app, n[0])));
        out.sort((x, y) -> x.abnormalIps() != y.abnormalIps() ? Integer.compare(y.abnormalIps(), x.abnormalIps())
                : x.app().compareTo(y.app()));
        return out;
    }
}
