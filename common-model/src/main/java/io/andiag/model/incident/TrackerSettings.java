package io.andiag.model.incident;

import io.andiag.model.routing.IntSetting;

import java.util.Map;

/**
 * Settings of the {@link IncidentTracker}.
 *
 * @param quietMinutes an incident is RESOLVED after this many consecutive minutes without a matching diagnosis
 */
public record TrackerSettings(int quietMinutes) {

    public static final IntSetting QUIET_MINUTES = new IntSetting("incident.resolve_after_quiet_minutes", 3, 1, 1440,
            "an incident is resolved after this many quiet minutes");

    public static final TrackerSettings DEFAULTS = new TrackerSettings(QUIET_MINUTES.defaultValue());

    public TrackerSettings {
        QUIET_MINUTES.check(quietMinutes);
    }

    public static TrackerSettings from(Map<String, String> props) {
        return new TrackerSettings(QUIET_MINUTES.read(props));
    }
}
