package io.andiag.batch.router;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.label.LabelSource;
import io.andiag.model.routing.Team;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The labels of the history, ready to be joined with region-minute candidates (broadcast to the Spark tasks that build
 * the candidates).
 *
 * <p>A candidate <b>overlaps</b> a label when they are in the same region, the candidate's minute is inside the
 * label's [start_ts, end_ts), and at least one of the candidate's abnormal source IPs is among the label's
 * affected_ips. When several labels overlap, the winner is the one of the strongest source
 * ({@code OPERATOR > SIMULATOR > SELF}: a SELF label never overrides the others), then the one sharing the most
 * abnormal IPs, then INCIDENT before BENIGN, then the smallest incident id. The winner decides: an INCIDENT gives the
 * candidate its team; a BENIGN winner means "no incident" (so does no overlap at all).
 */
public final class LabelIndex implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One label as the join needs it. */
    record Entry(String incidentId, LabelKind kind, String team, LabelSource source, long startTs, long endTs,
                 Set<String> ips) implements Serializable {
    }

    /**
     * The label a candidate takes.
     *
     * @param incidentId the label's id (the unit of the held-out split)
     * @param kind       INCIDENT or BENIGN
     * @param team       the team of an INCIDENT, empty for BENIGN
     * @param source     who produced the label
     * @param overlap    abnormal IPs of the candidate among the label's affected IPs
     */
    public record Match(String incidentId, LabelKind kind, Optional<Team> team, LabelSource source, int overlap) {

        public boolean isIncident() {
            return kind == LabelKind.INCIDENT;
        }
    }

    private static final Comparator<Match> PRIORITY = Comparator.comparingInt((Match m) -> rank(m.source()))
            .thenComparing(Comparator.comparingInt(Match::overlap).reversed())
            .thenComparingInt(m -> m.kind() == LabelKind.INCIDENT ? 0 : 1)
            .thenComparing(Match::incidentId);

    private final Map<String, List<Entry>> byRegion;
    private final Map<LabelSource, Integer> counts;

    private LabelIndex(Map<String, List<Entry>> byRegion, Map<LabelSource, Integer> counts) {
        this.byRegion = byRegion;
        this.counts = counts;
    }

    /** OPERATOR 0, SIMULATOR 1, SELF 2: lower wins. */
    static int rank(LabelSource s) {
        return switch (s) {
            case OPERATOR -> 0;
            case SIMULATOR -> 1;
            case SELF -> 2;
        };
    }

    public static LabelIndex of(Collection<IncidentLabel> labels) {
        Map<String, List<Entry>> byRegion = new HashMap<>();
        Map<LabelSource, Integer> counts = new java.util.EnumMap<>(LabelSource.class);
        for (IncidentLabel l : labels) {
            byRegion.computeIfAbsent(l.region(), r -> new ArrayList<>()).add(new Entry(l.incidentId(), l.kind(),
                    l.team().map(Team::name).orElse(null), l.source(), l.startTs(), l.endTs(), new HashSet<>(l.affectedIps())));
            counts.merge(l.source(), 1, Integer::sum);
        }
        return new LabelIndex(byRegion, counts);
    }

    public static LabelIndex empty() {
        return of(List.of());
    }

    /** Number of labels per source. */
    public Map<LabelSource, Integer> counts() {
        return counts;
    }

    public boolean isEmpty() {
        return byRegion.isEmpty();
    }

    /** The winning label of a candidate (region, minute, abnormal source IPs), or empty when none overlaps. */
    public Optional<Match> match(String region, long minute, Collection<String> abnormalIps) {
        List<Entry> entries = byRegion.get(region);
        if (entries == null) {
            return Optional.empty();
        }
        Match best = null;
        for (Entry e : entries) {
            if (minute < e.startTs() || minute >= e.endTs()) {
                continue;
            }
            int overlap = 0;
            for (String ip : abnormalIps) {
                if (e.ips().contains(ip)) {
                    overlap++;
                }
            }
            if (overlap == 0) {
                continue;
            }
            Match m = new Match(e.incidentId(), e.kind(), Optional.ofNullable(e.team()).map(Team::valueOf), e.source(), overlap);
            if (best == null || PRIORITY.compare(m, best) < 0) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }
}
