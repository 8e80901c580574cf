package io.andiag.model.routing;

import java.util.Map;

/**
 * Thresholds of the dimensional drill-down ({@link DrillDown}); validated at construction.
 *
 * @param coverageMin         share of the abnormal IPs a scope must hold
 * @param liftMin             how many times the abnormal ratio inside a source scope must exceed the rest's
 * @param maxValues           most values of one dimension a single-dimension scope may name ({@code vip=a,b})
 * @param destinationShareMin share of the sampled details a destination scope must receive
 * @param coverageSlack       coverages within this of the best passing coverage count as equal, so the more
 *                            specific scope wins (a ToR holding 95 % beats its AZ holding 100 %)
 */
public record DrillDownSettings(double coverageMin, double liftMin, int maxValues, double destinationShareMin,
                                double coverageSlack) {

    public static final DoubleSetting COVERAGE_MIN = new DoubleSetting("routing.drilldown.coverage_min", 0.7, 0.0, 1.0,
            "share of the abnormal IPs a scope must hold");
    public static final DoubleSetting LIFT_MIN = new DoubleSetting("routing.drilldown.lift_min", 3.0, 1.0, 1e6,
            "abnormal ratio inside a source scope over the abnormal ratio of the rest of the region");
    public static final IntSetting MAX_VALUES = new IntSetting("routing.drilldown.max_values", 3, 1, 16,
            "most values of one dimension in a single-dimension scope");
    public static final DoubleSetting DESTINATION_SHARE_MIN = new DoubleSetting(
            "routing.drilldown.destination_share_min", 0.5, 0.0, 1.0,
            "share of the sampled details a destination scope must receive");
    public static final DoubleSetting COVERAGE_SLACK = new DoubleSetting("routing.drilldown.coverage_slack", 0.1, 0.0,
            1.0, "coverages within this of the best count as equal when choosing the most specific scope");

    public static final DrillDownSettings DEFAULTS = new DrillDownSettings(COVERAGE_MIN.defaultValue(),
            LIFT_MIN.defaultValue(), MAX_VALUES.defaultValue(), DESTINATION_SHARE_MIN.defaultValue(),
            COVERAGE_SLACK.defaultValue());

    public DrillDownSettings {
        COVERAGE_MIN.check(coverageMin);
        LIFT_MIN.check(liftMin);
        MAX_VALUES.check(maxValues);
        DESTINATION_SHARE_MIN.check(destinationShareMin);
        COVERAGE_SLACK.check(coverageSlack);
    }

    /** The settings in {@code props}, defaults for absent ones. */
    public static DrillDownSettings from(Map<String, String> props) {
        return new DrillDownSettings(COVERAGE_MIN.read(props), LIFT_MIN.read(props), MAX_VALUES.read(props),
                DESTINATION_SHARE_MIN.read(props), COVERAGE_SLACK.read(props));
    }
}
