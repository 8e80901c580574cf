package io.andiag.analysis.evaluate;

import io.andiag.model.incident.IncidentAlert;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.lake.Archived;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.MonitoredCount;
import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the {@link Scorecard} of one day from the archived speed-layer output and the ground-truth labels. Pure: no
 * IO, so known-answer tests feed it hand-built records.
 */
public final class ScorecardCalculator {

    static final long MINUTE_MS = 60_000L;

    private final EvaluationSettings settings;

    public ScorecardCalculator(EvaluationSettings settings) {
        this.settings = settings;
    }

    /** The day's output and labels; labels of other days are ignored unless they start inside the window. */
    public record Inputs(LocalDate date, List<IncidentLabel> labels, List<Archived<IncidentAlert>> alerts,
                         List<Archived<AbnormalSeries>> abnormal, List<Archived<MonitoredCount>> monitored) {
    }

    /** A region-minute: the unit the speed layer closes and diagnoses. */
    private record RegionMinute(String region, long minute) {
    }

    public Scorecard compute(Inputs in) {
        long slack = settings.matchSlackMinutes() * MINUTE_MS;
        Map<RegionMinute, Integer> monitoredIps = new HashMap<>();
        Map<RegionMinute, Long> closedAt = new HashMap<>();
        foldMonitored(in.monitored(), monitoredIps, closedAt);
        Map<RegionMinute, Set<String>> flagged = new HashMap<>();
        for (Archived<AbnormalSeries> a : in.abnormal()) {
            AbnormalSeries s = a.record();
            flagged.computeIfAbsent(new RegionMinute(s.region(), s.minute()), k -> new HashSet<>()).add(s.key().ip());
        }

        Long from = monitoredIps.keySet().stream().map(RegionMinute::minute).min(Long::compare).orElse(null);
        Long to = monitoredIps.keySet().stream().map(RegionMinute::minute).max(Long::compare).orElse(null);
        List<IncidentLabel> inWindow = new ArrayList<>();
        int outside = 0;
        for (IncidentLabel l : in.labels()) {
            if (from != null && l.startTs() >= from && l.startTs() <= to) {
                inWindow.add(l);
            } else if (dayOf(l.startTs()).equals(in.date())) {
                outside++;
            }
        }
        inWindow.sort(Comparator.comparingLong(IncidentLabel::startTs).thenComparing(IncidentLabel::incidentId));

        List<AlertedIncident> alerted = AlertedIncident.fold(in.alerts());
        Map<String, List<AlertedIncident>> matches = new HashMap<>();
        int onIncidents = 0;
        int onBenign = 0;
        int falseAlerts = 0;
        for (AlertedIncident a : alerted) {
            Optional<IncidentLabel> label = match(a, inWindow, in.labels(), slack);
            if (label.isEmpty()) {
                falseAlerts++;
                continue;
            }
            matches.computeIfAbsent(label.get().incidentId(), k -> new ArrayList<>()).add(a);
            if (label.get().kind() == LabelKind.INCIDENT) {
                onIncidents++;
            } else {
                onBenign++;
            }
        }

        List<Scorecard.IncidentRow> rows = new ArrayList<>();
        int incidents = 0;
        int detected = 0;
        int benign = 0;
        int benignAlerted = 0;
        long affected = 0;
        long flaggedIn = 0;
        long flaggedAndAffected = 0;
        List<Long> minutesToAlert = new ArrayList<>();
        for (IncidentLabel l : inWindow) {
            List<AlertedIncident> hits = matches.getOrDefault(l.incidentId(), List.of());
            Set<String> ips = flaggedDuring(flagged, l);
            Set<String> truth = new HashSet<>(l.affectedIps());
            int hitIps = (int) ips.stream().filter(truth::contains).count();
            Long toAlert = hits.isEmpty() ? null
                    : Math.max(0, (hits.get(0).openMinute() - l.startTs()) / MINUTE_MS);
            if (l.kind() == LabelKind.INCIDENT) {
                incidents++;
                affected += truth.size();
                flaggedIn += ips.size();
                flaggedAndAffected += hitIps;
                if (!hits.isEmpty()) {
                    detected++;
                    minutesToAlert.add(toAlert);
                }
            } else {
                benign++;
                if (!hits.isEmpty()) {
                    benignAlerted++;
                }
            }
            rows.add(new Scorecard.IncidentRow(l.incidentId(), l.kind().name(), l.team().map(Team::name).orElse(null),
                    l.cause(), l.severity() >= 0 ? l.severity() : null, truth.size(), l.startTs(),
                    (int) ((l.endTs() - l.startTs()) / MINUTE_MS), hits.stream().map(AlertedIncident::incidentId).toList(),
                    hits.isEmpty() ? null : routeName(hits.get(0)), toAlert, ips.size(), hitIps));
        }

        Scorecard.Detection detection = new Scorecard.Detection(incidents, detected, Ratio.of(detected, incidents),
                alerted.size(), onIncidents, onBenign, falseAlerts, Ratio.of(onIncidents, onIncidents + falseAlerts),
                Ratio.of(onIncidents, onIncidents + falseAlerts + onBenign), benign, benignAlerted,
                affected, flaggedIn, flaggedAndAffected, Ratio.of(flaggedAndAffected, flaggedIn),
                Ratio.of(flaggedAndAffected, affected), 0, null, null);
        detection = withQuietMinutes(detection, monitoredIps, flagged, in.labels(), slack);

        List<Long> sortedToAlert = minutesToAlert.stream().sorted().toList();
        List<Long> latencies = new ArrayList<>();
        for (Archived<IncidentAlert> a : in.alerts()) {
            Long closed = closedAt.get(new RegionMinute(a.record().region(), a.record().minute()));
            if (closed != null) {
                latencies.add(a.archivedAt() - closed);
            }
        }
        latencies.sort(Long::compare);
        Scorecard.Timing timing = new Scorecard.Timing(Ratio.median(sortedToAlert),
                sortedToAlert.isEmpty() ? null : sortedToAlert.stream().mapToLong(Long::longValue).average().orElseThrow(),
                sortedToAlert.isEmpty() ? null : sortedToAlert.get(sortedToAlert.size() - 1),
                in.alerts().size(), latencies.size(), Ratio.percentile(latencies, 50), Ratio.percentile(latencies, 99),
                latencies.isEmpty() ? null : latencies.get(latencies.size() - 1));

        Scorecard.Window window = new Scorecard.Window(from, to, monitoredIps.size(), incidents, benign, outside);
        return new Scorecard(in.date().toString(), window, detection, routing(inWindow, matches), timing, rows);
    }

    /** Sums the per-partition counts of each region-minute; the minute closed when its last partition reported. */
    private static void foldMonitored(List<Archived<MonitoredCount>> monitored, Map<RegionMinute, Integer> ips,
                                      Map<RegionMinute, Long> closedAt) {
        Map<RegionMinute, Map<Integer, Integer>> byPartition = new HashMap<>();
        for (Archived<MonitoredCount> a : monitored) {
            MonitoredCount m = a.record();
            RegionMinute rm = new RegionMinute(m.region(), m.minute());
            // one record per (region, minute, partition); a repeated one (e.g. re-archived) must not count twice
            byPartition.computeIfAbsent(rm, k -> new TreeMap<>()).merge(m.partition(), m.monitoredIps(), Math::max);
            closedAt.merge(rm, a.archivedAt(), Math::max);
        }
        // the speed layer reports every region it knows (the peer region, the default one) also with 0 IPs: a
        // region-minute nobody was monitored in is not an evaluated minute
        byPartition.forEach((rm, parts) -> {
            int sum = parts.values().stream().mapToInt(Integer::intValue).sum();
            if (sum > 0) {
                ips.put(rm, sum);
            }
        });
    }

    /**
     * The label an alerted incident belongs to: same region, minutes overlapping [start, end + slack). Labels of the
     * window first; a label outside the window still absorbs its alerts (they are not false alerts).
     */
    private static Optional<IncidentLabel> match(AlertedIncident a, List<IncidentLabel> window, List<IncidentLabel> all,
                                                 long slack) {
        for (List<IncidentLabel> labels : List.of(window, all)) {
            Optional<IncidentLabel> best = labels.stream()
                    .filter(l -> l.region().equals(a.region()))
                    .filter(l -> a.firstMinute() < l.endTs() + slack && a.lastMinute() >= l.startTs())
                    .min(Comparator.comparingLong(l -> Math.abs(l.startTs() - a.firstMinute())));
            if (best.isPresent()) {
                return best;
            }
        }
        return Optional.empty();
    }

    private static Set<String> flaggedDuring(Map<RegionMinute, Set<String>> flagged, IncidentLabel l) {
        Set<String> ips = new HashSet<>();
        for (long m = l.startTs(); m < l.endTs(); m += MINUTE_MS) {
            ips.addAll(flagged.getOrDefault(new RegionMinute(l.region(), m), Set.of()));
        }
        return ips;
    }

    /** Quiet = a closed region-minute outside every label's [start, end + slack). */
    private static Scorecard.Detection withQuietMinutes(Scorecard.Detection d, Map<RegionMinute, Integer> monitored,
                                                        Map<RegionMinute, Set<String>> flagged,
                                                        List<IncidentLabel> labels, long slack) {
        int quiet = 0;
        double sum = 0;
        double max = 0;
        for (Map.Entry<RegionMinute, Integer> e : monitored.entrySet()) {
            RegionMinute rm = e.getKey();
            boolean covered = labels.stream().anyMatch(l -> l.region().equals(rm.region())
                    && rm.minute() >= l.startTs() && rm.minute() < l.endTs() + slack);
            if (covered || e.getValue() == 0) {
                continue;
            }
            double share = (double) flagged.getOrDefault(rm, Set.of()).size() / e.getValue();
            quiet++;
            sum += share;
            max = Math.max(max, share);
        }
        return new Scorecard.Detection(d.incidents(), d.incidentsDetected(), d.incidentRecall(), d.alertedIncidents(),
                d.alertedOnIncidents(), d.alertedOnBenign(), d.falseAlerts(), d.incidentPrecision(),
                d.precisionCountingBenignAsFalse(), d.benignBursts(), d.benignBurstsAlerted(), d.ipsAffected(),
                d.ipsFlaggedInIncidents(), d.ipsFlaggedAndAffected(), d.ipPrecision(), d.ipRecall(), quiet,
                quiet == 0 ? null : sum / quiet, quiet == 0 ? null : max);
    }

    private static Scorecard.Routing routing(List<IncidentLabel> window, Map<String, List<AlertedIncident>> matches) {
        int detected = 0;
        int correct = 0;
        int review = 0;
        int settled = 0;
        int incidents = 0;
        Map<Team, int[]> teams = new TreeMap<>();      // incidents, detected, routedHere, correct
        Map<Integer, int[]> levels = new TreeMap<>();  // incidents, detected, correct, net incidents, net detected, net correct
        for (Team t : Team.values()) {
            teams.put(t, new int[4]);
        }
        for (SeverityLevel s : SeverityLevel.values()) {
            levels.put(s.level(), new int[6]);
        }
        for (IncidentLabel l : window) {
            if (l.kind() != LabelKind.INCIDENT || l.team().isEmpty()) {
                continue;
            }
            incidents++;
            Team truth = l.team().get();
            List<AlertedIncident> hits = matches.getOrDefault(l.incidentId(), List.of());
            boolean hit = !hits.isEmpty();
            Optional<Team> routed = hit ? hits.get(0).routedTeam() : Optional.empty();
            boolean right = routed.isPresent() && routed.get() == truth;
            detected += hit ? 1 : 0;
            correct += right ? 1 : 0;
            review += hit && hits.get(0).needsReview() ? 1 : 0;
            settled += hit && hits.get(0).settledTeam().filter(x -> x == truth).isPresent() ? 1 : 0;
            int[] t = teams.get(truth);
            t[0]++;
            t[1] += hit ? 1 : 0;
            t[3] += right ? 1 : 0;
            routed.ifPresent(r -> teams.get(r)[2]++);
            int[] lv = levels.get(l.severity());
            if (lv != null) {
                lv[0]++;
                lv[1] += hit ? 1 : 0;
                lv[2] += right ? 1 : 0;
                if (truth.isNetwork()) {
                    lv[3]++;
                    lv[4] += hit ? 1 : 0;
                    lv[5] += right ? 1 : 0;
                }
            }
        }
        List<Scorecard.TeamRow> teamRows = new ArrayList<>();
        teams.forEach((t, c) -> teamRows.add(new Scorecard.TeamRow(t.name(), c[0], c[1], c[2], c[3], Ratio.of(c[3], c[0]),
                Ratio.of(c[3], c[2]))));
        List<Scorecard.LevelRow> levelRows = new ArrayList<>();
        levels.forEach((k, c) -> levelRows.add(new Scorecard.LevelRow("L" + k, c[0], c[1], c[2], Ratio.of(c[2], c[0]),
                Ratio.of(c[2], c[1]), c[3], c[4], c[5], Ratio.of(c[5], c[3]), Ratio.of(c[5], c[4]))));
        return new Scorecard.Routing(detected, correct, review, Ratio.of(correct, detected), Ratio.of(correct, incidents),
                settled, Ratio.of(settled, detected), teamRows, levelRows);
    }

    private static String routeName(AlertedIncident a) {
        return a.routedTeam().map(Team::name).orElse(a.needsReview() ? "NEEDS_REVIEW" : "NONE");
    }

    private static LocalDate dayOf(long ts) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(ts), ZoneOffset.UTC);
    }
}
