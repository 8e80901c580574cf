package io.andiag.model.routing;

import io.andiag.model.incident.ScopeTerm;

import java.util.List;

/**
 * The scope a region-minute's anomaly converges to.
 *
 * @param scope           the terms, outermost first ({@code az=az-2 & tor=tor-17}); empty for region-wide
 * @param coverage        share of the abnormal IPs inside the scope (1 for region-wide, 0 with no abnormal IP)
 * @param lift            abnormal ratio inside the scope over the abnormal ratio of the rest of the region, capped at
 *                        {@link DrillDown#MAX_LIFT}; 1 for region-wide; NaN for a destination scope (a destination has
 *                        no population to compare with)
 * @param abnormalInScope abnormal IPs inside the scope
 */
public record DrillDownResult(List<ScopeTerm> scope, double coverage, double lift, int abnormalInScope) {

    public DrillDownResult {
        scope = List.copyOf(scope);
    }

    public boolean isRegionWide() {
        return scope.isEmpty();
    }

    /** {@code az=az-2 & tor=tor-17}, or empty for region-wide. */
    public String text() {
        return ScopeTerm.describe(scope);
    }
}
