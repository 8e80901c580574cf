package io.andiag.model.incident;

import io.andiag.model.routing.DoubleSetting;
import io.andiag.model.routing.IntSetting;

import java.util.Map;

/**
 * Settings of the {@link IncidentTracker}.
 *
 * @param quietMinutes       an incident is RESOLVED after this many consecutive minutes without a matching diagnosis
 * @param confirmBelowLevel  a new incident whose severity level is below this (and that is not concentrated on one
 *                           host, VIP or gateway) opens only when confirmed by the previous minute; 0 = never wait
 * @param sameIpsShare       a minute continues an open incident, whatever team it guesses, when at least this share
 *                           of the smaller of their abnormal-IP sets is common to both
 * @param confidenceBar      an incident's route below this confidence carries no team and needs review (the same
 *                           setting as {@link DiagnosisSettings#CONFIDENCE_BAR})
 * @param reviewHysteresis   an incident already routed to a team keeps it (no review) until its confidence falls
 *                           this far below the bar, so a route hovering at the bar does not flap every minute
 */
public record TrackerSettings(int quietMinutes, int confirmBelowLevel, double sameIpsShare, double confidenceBar,
                              double reviewHysteresis) {

    public static final IntSetting QUIET_MINUTES = new IntSetting("incident.resolve_after_quiet_minutes", 3, 1, 1440,
            "an incident is resolved after this many quiet minutes");
    public static final IntSetting CONFIRM_BELOW_LEVEL = new IntSetting("incident.confirm_below_level", 1, 0, 10,
            "a new incident below this severity level (not concentrated) opens only if the previous minute had the"
                    + " same abnormal IPs; 0 = open at once");
    public static final DoubleSetting SAME_IPS_SHARE = new DoubleSetting("incident.same_ips_share", 0.5, 0.1, 1.0,
            "share of abnormal IPs in common that makes a minute continue an open incident whatever team it guesses");

    public static final DoubleSetting REVIEW_HYSTERESIS = new DoubleSetting("incident.review_hysteresis", 0.15, 0.0,
            1.0, "an incident routed to a team keeps it until its confidence is this far below the confidence bar");

    public static final TrackerSettings DEFAULTS = from(Map.of());

    public TrackerSettings {
        QUIET_MINUTES.check(quietMinutes);
        CONFIRM_BELOW_LEVEL.check(confirmBelowLevel);
        SAME_IPS_SHARE.check(sameIpsShare);
        DiagnosisSettings.CONFIDENCE_BAR.check(confidenceBar);
        REVIEW_HYSTERESIS.check(reviewHysteresis);
    }

    public static TrackerSettings from(Map<String, String> props) {
        return new TrackerSettings(QUIET_MINUTES.read(props), CONFIRM_BELOW_LEVEL.read(props),
                SAME_IPS_SHARE.read(props), DiagnosisSettings.CONFIDENCE_BAR.read(props), REVIEW_HYSTERESIS.read(props));
    }
}
