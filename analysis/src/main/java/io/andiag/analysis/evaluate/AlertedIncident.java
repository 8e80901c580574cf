package io.andiag.analysis.evaluate;

import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.lake.Archived;
import io.andiag.model.routing.Team;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One incident the speed layer raised, folded from its alert records (OPEN, UPDATEs, RESOLVED).
 *
 * @param incidentId  the id shared by its alerts
 * @param region      its region
 * @param firstMinute first abnormal minute (epoch ms) as the diagnosis reported it
 * @param openMinute  the minute of its earliest alert: when an operator was first told
 * @param lastMinute  the minute of its latest alert
 * @param routedTeam  the team its first alert routed to; empty when that route had no team or needed review
 *                    (the page an operator acts on is the first one)
 * @param needsReview whether the first route was below the confidence bar
 * @param settledTeam the team its last alert routed to (the route on the incident's accumulated evidence, where
 *                    UPDATEs may have moved it); empty when that route had no team or needed review
 */
record AlertedIncident(String incidentId, String region, long firstMinute, long openMinute, long lastMinute,
                       Optional<Team> routedTeam, boolean needsReview, Optional<Team> settledTeam) {

    /** Folds archived alerts into incidents, in order of their first alert. */
    static List<AlertedIncident> fold(List<Archived<IncidentAlert>> alerts) {
        Map<String, List<IncidentAlert>> byId = new LinkedHashMap<>();
        alerts.stream().map(Archived::record)
                .sorted(Comparator.comparingLong(IncidentAlert::minute).thenComparing(IncidentAlert::incidentId))
                .forEach(a -> byId.computeIfAbsent(a.incidentId(), k -> new java.util.ArrayList<>()).add(a));
        return byId.values().stream().map(AlertedIncident::of).toList();
    }

    private static AlertedIncident of(List<IncidentAlert> changes) {
        IncidentAlert first = changes.get(0);
        IncidentAlert last = changes.get(changes.size() - 1);
        boolean review = first.route().needsReview();
        Optional<Team> team = review ? Optional.empty() : first.route().team();
        long firstMinute = changes.stream().mapToLong(IncidentAlert::firstMinute).min().orElseThrow();
        Optional<Team> settled = last.route().needsReview() ? Optional.empty() : last.route().team();
        return new AlertedIncident(first.incidentId(), first.region(), firstMinute, first.minute(), last.minute(), team,
                review, settled);
    }
}
