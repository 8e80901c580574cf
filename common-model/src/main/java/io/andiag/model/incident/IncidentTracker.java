package io.andiag.model.incident;

import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;

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
import java.util.Optional;
import java.util.Set;

/**
 * The incident lifecycle of one region, a pure state machine over {@link TrackerState}: call {@link #step} once per
 * closed minute (also for minutes without a diagnosis, or at least before the next one: quiet time is measured from
 * the minutes themselves) with the emitted diagnoses of that minute.
 *
 * <ul>
 *   <li>A diagnosis continues an open incident when most of its abnormal IPs are the incident's (at least
 *       {@code sameIpsShare} of the smaller of the minute's set and the incident's, every IP of its minutes so far:
 *       the same containers are hurt, whatever team this minute's features suggest), or else when it has the incident's team as best guess and their scopes overlap (see
 *       {@link #overlap}); among several, the one sharing more IPs, then more dimensions, then the earliest opened.</li>
 *   <li>The incident's route is decided on its accumulated evidence, not on its latest minute: the team with the
 *       most routing confidence summed over its minutes, each minute weighted by its abnormal IPs (a tail minute of
 *       two IPs says less than a minute of twenty); its confidence is the weighted mean over all the incident's
 *       minutes, and below the confidence bar the route needs review (once routed to a team, only when it falls
 *       {@code reviewHysteresis} below the bar: no flapping between a team and review from minute to minute). One noisy minute no longer re-routes (or splits) an
 *       incident.</li>
 *   <li>OPEN: a diagnosis that continues no open incident opens a new one, with id
 *       {@code <region>-<yyyyMMdd>-<HHmm>-<n>} (UTC date and time of the minute it opened; n = 1, 2, ... among the
 *       incidents opened in that same minute). Below severity level {@code confirmBelowLevel} (L0 by default) and not
 *       concentrated on one host, VIP or gateway, it opens only when the previous minute's diagnosis, held back,
 *       shares at least an L0 incident's number of abnormal IPs with it (a lone noisy container plus the detector's
 *       background flags changes IPs every minute; a real fault keeps hurting the same containers).</li>
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

    private static final long MINUTE_MS = 60_000L;

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
        TrackerState.Pending pending = state.pending;
        state.pending = null;
        IpSketch confirming = pending != null && minute - pending.minute() == MINUTE_MS ? pending.ips() : null;

        List<IncidentAlert> alerts = new ArrayList<>();
        Set<TrackerState.Open> continued = Collections.newSetFromMap(new IdentityHashMap<>());
        for (MinuteDiagnosis d : emitted) {
            TrackerState.Open match = match(state, d, continued);
            if (match == null) {
                if (waitsForConfirmation(d) && !confirms(confirming, d)) {
                    if (state.pending == null || d.ips().count() > state.pending.ips().count()) {
                        state.pending = new TrackerState.Pending(minute, d.ips());
                    }
                    continue;
                }
                TrackerState.Open opened = new TrackerState.Open(d.decision().team(), minute, null, d.ips());
                Route route = vote(opened, d);
                opened.last = alert(nextId(state, minute), AlertStatus.OPEN, minute, d, route);
                state.open.add(opened);
                continued.add(opened);
                alerts.add(opened.last);
            } else {
                continued.add(match);
                match.lastSeen = minute;
                match.ips = match.ips.union(d.ips());
                Route route = vote(match, d);
                IncidentAlert next = alert(match.last.incidentId(), AlertStatus.UPDATE, match.last.firstMinute(), d,
                        route);
                if (changed(match.last, next)) {
                    match.last = next;
                    alerts.add(next);
                }
            }
        }
        long quietMs = settings.quietMinutes() * MINUTE_MS;
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

    /**
     * The open incident {@code d} continues: first the one sharing the most abnormal IPs, if at least
     * {@code sameIpsShare} of the smaller set (the same containers hurt: the same incident, whatever this minute's
     * route guess); else, among those routed to d's best-guess team, the one whose scope overlaps most (ties: the
     * earliest opened). Null when none.
     */
    private TrackerState.Open match(TrackerState state, MinuteDiagnosis d, Set<TrackerState.Open> taken) {
        TrackerState.Open best = null;
        double bestShare = settings.sameIpsShare();
        for (TrackerState.Open o : state.open) {
            double share = taken.contains(o) ? 0 : o.ips.containment(d.ips());
            if (share >= bestShare && (best == null || share > bestShare)) {
                best = o;
                bestShare = share;
            }
        }
        if (best != null) {
            return best;
        }
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

    /** A new low-severity incident, not concentrated on one host, VIP or gateway, waits for a second minute. */
    private boolean waitsForConfirmation(MinuteDiagnosis d) {
        return d.emission().concentratedOn().isEmpty()
                && d.severity().map(l -> l.level() < settings.confirmBelowLevel()).orElse(false);
    }

    /**
     * Confirmed when the previous minute's unconfirmed diagnosis shares at least an L0 incident's worth of abnormal
     * IPs with it: background false positives and a lone noisy container change from minute to minute, the
     * containers behind a real fault stay.
     */
    private static boolean confirms(IpSketch previous, MinuteDiagnosis d) {
        return previous != null && previous.shared(d.ips()) >= SeverityLevel.L0.minAbnormal(d.monitoredIps()) - 1e-9;
    }

    /**
     * Adds d's routing decision to the incident's evidence and returns the incident's route: the team with the most
     * confidence summed over its minutes, each weighted by its abnormal IPs (a tie keeps the current team), its
     * confidence the weighted mean over all the incident's minutes (a minute routed elsewhere adds 0), its path that
     * of the team's latest minute. A route that already carried this team stays confident down to the bar minus
     * {@code reviewHysteresis}.
     */
    private Route vote(TrackerState.Open o, MinuteDiagnosis d) {
        boolean routedBefore = o.last != null && !o.last.route().needsReview();
        Team before = o.team;
        int guess = d.decision().team().ordinal();
        double weight = Math.max(1, d.abnormalIps());
        o.weight += weight;
        o.votes[guess] += d.decision().confidence() * weight;
        o.paths[guess] = d.route().path();
        int best = o.team.ordinal();
        for (int t = 0; t < o.votes.length; t++) {
            if (o.votes[t] > o.votes[best]) {
                best = t;
            }
        }
        o.team = Team.values()[best];
        double confidence = Math.min(1.0, o.votes[best] / o.weight);
        double bar = routedBefore && o.team == before ? settings.confidenceBar() - settings.reviewHysteresis()
                : settings.confidenceBar();
        boolean confident = confidence >= bar;
        return new Route(confident ? Optional.of(o.team) : Optional.empty(), confidence, !confident, o.paths[best]);
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

    private static IncidentAlert alert(String id, AlertStatus status, long firstMinute, MinuteDiagnosis d,
                                       Route route) {
        return new IncidentAlert(id, status, d.region(), firstMinute, d.minute(), d.severity(), d.abnormalIps(),
                d.monitoredIps(), route, d.scope().scope(), d.apps(), d.apps().size(), d.evidence(),
                d.paramVersion());
    }
}
