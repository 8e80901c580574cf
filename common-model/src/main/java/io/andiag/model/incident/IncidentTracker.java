package io.andiag.model.incident;

import io.andiag.model.routing.Team;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The incident lifecycle of one region, a pure state machine over {@link TrackerState}: call {@link #step} once per
 * closed minute (also for minutes without a diagnosis, or at least before the next one: quiet time is measured from
 * the minutes themselves) with the emitted diagnoses of that minute.
 *
 * <ul>
 *   <li>A diagnosis continues an open incident when it has the same best-guess team and their scopes overlap (see
 *       {@link #overlap}); among several, the one sharing more dimensions, then the earliest opened.</li>
 *   <li>OPEN: a diagnosis that continues no open incident opens a new one, with id
 *       {@code <region>-<yyyyMMdd>-<HHmm>-<n>} (UTC date and time of its first minute; n = 1, 2, ... among the
 *       incidents opened in that same minute).</li>
 *   <li>UPDATE: a continuing diagnosis whose scope, severity, route (team, review flag, path) or set of affected
 *       apps differs from the incident's last alert. A change of confidence or of counts alone is not an update.</li>
 *   <li>RESOLVED: an open incident not continued for {@code quietMinutes} minutes; the alert repeats its last
 *       values, with the minute it was resolved. A later recurrence opens a new incident with a new id.</li>
 * </ul>
 * Diagnoses that do not emit ({@link MinuteDiagnosis#emits()}) count as quiet. Alerts are returned OPEN/UPDATE in
 * diagnosis order (team, then scope), then RESOLVED in opening order. Stateless and thread-safe itself.
 */
public final class IncidentTracker {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
            .withZone(ZoneOffset.UTC);
    private static final Comparator<MinuteDiagnosis> ORDER = Comparator
            .<MinuteDiagnosis, Team>comparing(d -> d.decision().team())
            .thenComparing(d -> d.scope().text())
            .thenComparing(Comparator.comparingInt(MinuteDiagnosis::abnormalIps).reversed());

    private final TrackerSettings settings;

    public IncidentTracker(TrackerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Advances {@code state} to {@code minute} with that minute's diagnoses, returning the alerts to publish.
     *
     * @throws IllegalArgumentException when the minute is not after the last one processed, or a diagnosis is of
     *                                  another region or minute
     */
    public List<IncidentAlert> step(TrackerState state, long minute, List<MinuteDiagnosis> diagnoses) {
        if (state.lastMinute != TrackerState.NONE && minute <= state.lastMinute) {
            throw new IllegalArgumentException("minute " + minute + " of region " + state.region
                    + " is not after the last processed minute " + state.lastMinute);
        }
        List<MinuteDiagnosis> emitted = new ArrayList<>();
        for (MinuteDiagnosis d : diagnoses) {
            if (!d.region().equals(state.region) || d.minute() != minute) {
                throw new IllegalArgumentException("diagnosis of " + d.region() + " @" + d.minute()
                        + " given to the tracker of " + state.region + " @" + minute);
            }
            if (d.emits()) {
                emitted.add(d);
            }
        }
        emitted.sort(ORDER);
        state.lastMinute = minute;

        List<IncidentAlert> alerts = new ArrayList<>();
        Set<TrackerState.Open> continued = Collections.newSetFromMap(new IdentityHashMap<>());
        for (MinuteDiagnosis d : emitted) {
            TrackerState.Open match = match(state, d, continued);
            if (match == null) {
                TrackerState.Open opened = new TrackerState.Open(d.decision().team(), minute,
                        alert(nextId(state, minute), AlertStatus.OPEN, minute, d));
                state.open.add(opened);
                continued.add(opened);
                alerts.add(opened.last);
            } else {
                continued.add(match);
                match.lastSeen = minute;
                IncidentAlert next = alert(match.last.incidentId(), AlertStatus.UPDATE, match.last.firstMinute(), d);
                if (changed(match.last, next)) {
                    match.last = next;
                    alerts.add(next);
                }
            }
        }
        long quietMs = settings.quietMinutes() * 60_000L;
        for (Iterator<TrackerState.Open> it = state.open.iterator(); it.hasNext(); ) {
            TrackerState.Open o = it.next();
            if (!continued.contains(o) && minute - o.lastSeen >= quietMs) {
                IncidentAlert a = o.last;
                alerts.add(new IncidentAlert(a.incidentId(), AlertStatus.RESOLVED, a.region(), a.firstMinute(), minute,
                        a.severity(), a.abnormalIps(), a.monitoredIps(), a.route(), a.scope(), a.apps(), a.services(),
                        a.evidence(), a.paramVersion()));
                it.remove();
            }
        }
        return alerts;
    }

    private static TrackerState.Open match(TrackerState state, MinuteDiagnosis d, Set<TrackerState.Open> taken) {
        TrackerState.Open best = null;
        int bestScore = -1;
        for (TrackerState.Open o : state.open) {
            if (o.team != d.decision().team() || taken.contains(o)) {
                continue;
            }
            int score = overlap(o.last.scope(), d.scope().scope());
            if (score > bestScore) {
                best = o;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * How two scopes overlap: -1 when they name a common dimension with disjoint values (so they are disjoint),
     * else the number of common dimensions whose values intersect (0 when either is region-wide or they share no
     * dimension: they cannot be told apart, so they overlap).
     */
    static int overlap(List<ScopeTerm> a, List<ScopeTerm> b) {
        int shared = 0;
        for (ScopeTerm x : a) {
            for (ScopeTerm y : b) {
                if (x.dimension().equals(y.dimension())) {
                    Set<String> values = new HashSet<>(Arrays.asList(x.value().split(",")));
                    boolean intersects = false;
                    for (String v : y.value().split(",")) {
                        intersects |= values.contains(v);
                    }
                    if (!intersects) {
                        return -1;
                    }
                    shared++;
                }
            }
        }
        return shared;
    }

    private static boolean changed(IncidentAlert last, IncidentAlert next) {
        return !last.scope().equals(next.scope())
                || !last.severity().equals(next.severity())
                || !last.route().team().equals(next.route().team())
                || last.route().needsReview() != next.route().needsReview()
                || !last.route().path().equals(next.route().path())
                || !appNames(last).equals(appNames(next));
    }

    private static Set<String> appNames(IncidentAlert a) {
        Set<String> names = new HashSet<>();
        for (AppImpact app : a.apps()) {
            names.add(app.app());
        }
        return names;
    }

    private static String nextId(TrackerState state, long minute) {
        if (state.lastOpenMinute == minute) {
            state.openedInLastOpenMinute++;
        } else {
            state.lastOpenMinute = minute;
            state.openedInLastOpenMinute = 1;
        }
        return state.region + "-" + ID_TIME.format(Instant.ofEpochMilli(minute)) + "-" + state.openedInLastOpenMinute;
    }

    private static IncidentAlert alert(String id, AlertStatus status, long firstMinute, MinuteDiagnosis d) {
        return new IncidentAlert(id, status, d.region(), firstMinute, d.minute(), d.severity(), d.abnormalIps(),
                d.monitoredIps(), d.route(), d.scope().scope(), d.apps(), d.apps().size(), d.evidence(),
                d.paramVersion());
    }
}
