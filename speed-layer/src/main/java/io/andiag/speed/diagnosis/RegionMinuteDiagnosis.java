package io.andiag.speed.diagnosis;

import io.andiag.model.incident.Diagnoser;
import io.andiag.model.incident.DiagnosisSettings;
import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.incident.IncidentTracker;
import io.andiag.model.incident.MinuteDiagnosis;
import io.andiag.model.incident.TrackerSettings;
import io.andiag.model.incident.TrackerState;
import io.andiag.model.routing.RegionMinute;
import io.andiag.model.routing.Router;
import io.andiag.speed.attributes.IpDirectory;

import java.util.List;
import java.util.Objects;

/**
 * Diagnoses one closed region-minute with common-model's {@link Diagnoser} and advances the region's
 * {@link IncidentTracker}: builds the {@link RegionMinute} from the abnormal IPs and their details, the attributes of
 * sources and destinations and the region's {@code Population} from the {@link IpDirectory}, and the monitored count.
 * No Kafka here; not thread-safe (one per stream task).
 */
final class RegionMinuteDiagnosis {

    private final DiagnosisSettings settings;
    private final IncidentTracker tracker;
    private final IpDirectory directory;
    private Router router;
    private Diagnoser diagnoser;

    RegionMinuteDiagnosis(DiagnosisSettings settings, TrackerSettings tracker, IpDirectory directory) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tracker = new IncidentTracker(tracker);
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * The candidate of a region-minute. The parameter version is the newest among the abnormal IPs' (one minute of
     * one partition is always scored by one set, but partitions switch sets at their own next minute).
     */
    RegionMinute candidate(String region, long minute, List<RegionEvent.Abnormal> abnormal, int monitoredIps) {
        RegionMinute.Builder b = RegionMinute.builder(region, minute)
                .population(directory.population(region))
                .monitoredIps(monitoredIps);
        String version = "";
        for (RegionEvent.Abnormal a : abnormal) {
            b.source(a.source()).details(a.details());
            if (a.paramVersion().compareTo(version) > 0) {
                version = a.paramVersion();
            }
        }
        return b.paramVersion(version).resolveAttributes(directory::get).build();
    }

    /**
     * Diagnoses the region-minute (when it has abnormal IPs) with {@code router} and steps {@code state} to it.
     *
     * @return the alerts to publish (OPEN, UPDATE, RESOLVED), possibly none
     */
    List<IncidentAlert> close(TrackerState state, String region, long minute, List<RegionEvent.Abnormal> abnormal,
                              int monitoredIps, Router router) {
        List<MinuteDiagnosis> diagnoses = abnormal.isEmpty() ? List.of()
                : List.of(diagnoser(router).diagnose(candidate(region, minute, abnormal, monitoredIps)));
        return tracker.step(state, minute, diagnoses);
    }

    /** Steps {@code state} to a minute without any diagnosis (used when a region-minute could not be diagnosed). */
    List<IncidentAlert> quiet(TrackerState state, long minute) {
        return tracker.step(state, minute, List.of());
    }

    private Diagnoser diagnoser(Router r) {
        if (r != router) {
            router = r;
            diagnoser = new Diagnoser(settings, r);
        }
        return diagnoser;
    }
}
