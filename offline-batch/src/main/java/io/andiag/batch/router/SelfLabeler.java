package io.andiag.batch.router;

import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelKind;
import io.andiag.model.label.LabelSource;
import io.andiag.model.routing.Router;
import io.andiag.model.routing.RoutingDecision;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The self-iterating training set (paper §7): the emitted candidates of one day, routed with the new router.
 * <ul>
 *   <li>Candidates that already carry an OPERATOR or SIMULATOR label (incident or benign) are left alone: a label is
 *       there, a SELF row would add nothing and could never override it.</li>
 *   <li>Unlabelled candidates routed with confidence &ge; the bar become SELF labels (kind INCIDENT, the routed team).
 *       Consecutive confident minutes of one region routed to the same team, at most {@link #MAX_GAP_MS} apart and
 *       with no other emitted minute of that region between them, form one label: start = first minute, end = last
 *       minute + 1 min, affected_ips = the union of their abnormal IPs, severity = the highest, scope = the scope of
 *       the minute with most abnormal IPs, cause {@value #CAUSE}, id {@code self-<region>-<yyyyMMdd-HHmm>}. A run of
 *       fewer than {@code minMinutes} minutes becomes no label: an isolated confident minute is more often one noisy
 *       container than an incident (a single abnormal IP is already L1 in a region of 400 IPs), and a SELF label
 *       trains the next day's router.</li>
 *   <li>The other unlabelled candidates go to the review list with the router's best guess and why:
 *       {@value #BELOW_BAR} or {@value #SHORT_RUN}.</li>
 * </ul>
 */
public final class SelfLabeler {

    public static final String CAUSE = "self_route";
    /** Review reason: the route's confidence is below the bar. */
    public static final String BELOW_BAR = "below_bar";
    /** Review reason: confident, but its run of confident minutes is shorter than the minimum. */
    public static final String SHORT_RUN = "short_run";
    /** Minutes further apart than this are separate labels (the incident tracker's 3 quiet minutes). */
    public static final long MAX_GAP_MS = 3 * 60_000L;

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    /** A candidate with the route the new router gives it, and why it is reviewed (null when it is not). */
    public record Routed(RouterCandidate candidate, RoutingDecision decision, String reason) {
    }

    /**
     * @param labels          the SELF labels
     * @param review          the candidates below the bar
     * @param confident       candidates at or above the bar (in labels, or in review as too short a run)
     * @param alreadyLabelled candidates left alone because an OPERATOR or SIMULATOR label covers them
     */
    public record Result(List<IncidentLabel> labels, List<Routed> review, int confident, int alreadyLabelled) {
    }

    private SelfLabeler() {
    }

    public static Result label(List<RouterCandidate> day, Router router, double bar, int minMinutes) {
        List<RouterCandidate> sorted = new ArrayList<>(day);
        sorted.sort(Comparator.comparing(RouterCandidate::region).thenComparingLong(RouterCandidate::minute));
        List<IncidentLabel> labels = new ArrayList<>();
        List<Routed> review = new ArrayList<>();
        int confident = 0;
        int already = 0;
        Run run = null;
        for (RouterCandidate c : sorted) {
            if (c.isLabelled() && !"SELF".equals(c.labelSource())) {
                already++;
                continue;
            }
            RoutingDecision d = router.route(c.features());
            boolean sure = d.confidence() >= bar;
            boolean continues = run != null && run.region.equals(c.region()) && sure && run.decision.team() == d.team()
                    && c.minute() - run.last.minute() <= MAX_GAP_MS;
            if (!continues && run != null) {
                close(run, minMinutes, labels, review);
                run = null;
            }
            if (sure) {
                confident++;
                if (run == null) {
                    run = new Run(c, d);
                } else {
                    run.add(c, d);
                }
            } else {
                review.add(new Routed(c, d, BELOW_BAR));
            }
        }
        if (run != null) {
            close(run, minMinutes, labels, review);
        }
        review.sort(Comparator.comparing((Routed r) -> r.candidate().region()).thenComparingLong(r -> r.candidate().minute()));
        return new Result(labels, review, confident, already);
    }

    private static void close(Run run, int minMinutes, List<IncidentLabel> labels, List<Routed> review) {
        if (run.minutes.size() >= minMinutes) {
            labels.add(run.toLabel());
        } else {
            run.minutes.forEach(r -> review.add(new Routed(r.candidate(), r.decision(), SHORT_RUN)));
        }
    }

    /** Consecutive confident minutes of one region and team. */
    private static final class Run {
        final String region;
        final RoutingDecision decision;
        final RouterCandidate first;
        RouterCandidate last;
        RouterCandidate largest;
        int severity;
        final TreeSet<String> ips = new TreeSet<>();
        final List<Routed> minutes = new ArrayList<>();

        Run(RouterCandidate c, RoutingDecision d) {
            this.region = c.region();
            this.decision = d;
            this.first = c;
            this.largest = c;
            this.severity = c.severity();
            add(c, d);
        }

        void add(RouterCandidate c, RoutingDecision d) {
            minutes.add(new Routed(c, d, null));
            last = c;
            severity = Math.max(severity, c.severity());
            if (c.abnormalIps().length > largest.abnormalIps().length) {
                largest = c;
            }
            ips.addAll(List.of(c.abnormalIps()));
        }

        IncidentLabel toLabel() {
            String id = "self-" + region + "-" + ID_TIME.format(Instant.ofEpochMilli(first.minute()));
            return new IncidentLabel(id, LabelKind.INCIDENT, Optional.of(decision.team()), CAUSE, region, largest.scope(),
                    first.minute(), last.minute() + 60_000L, severity, new ArrayList<>(ips), LabelSource.SELF);
        }
    }
}
