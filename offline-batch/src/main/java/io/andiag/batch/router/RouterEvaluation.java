package io.andiag.batch.router;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.model.routing.Router;
import io.andiag.model.routing.RoutingDecision;
import io.andiag.model.routing.Team;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Per-team precision, recall and support of a router on labelled candidates (one per region-minute), and the overall
 * accuracy. Precision of team t = candidates routed to t whose label is t / candidates routed to t; recall = candidates
 * labelled t routed to t / candidates labelled t (support). Also counted per incident: an incident is recalled when
 * the majority of its minutes are routed to its team. The route is the best guess, whatever its confidence; the share
 * of routes below the confidence bar is reported apart ({@code below_bar}).
 */
public final class RouterEvaluation {

    /** Counts of one team. */
    public record TeamStats(int support, int predicted, int correct, int incidents, int incidentsRecalled) {

        public double precision() {
            return predicted == 0 ? Double.NaN : (double) correct / predicted;
        }

        public double recall() {
            return support == 0 ? Double.NaN : (double) correct / support;
        }
    }

    private final Map<Team, TeamStats> teams;
    private final int total;
    private final int correct;
    private final int belowBar;
    private final double bar;

    private RouterEvaluation(Map<Team, TeamStats> teams, int total, int correct, int belowBar, double bar) {
        this.teams = teams;
        this.total = total;
        this.correct = correct;
        this.belowBar = belowBar;
        this.bar = bar;
    }

    /** Routes every example with {@code router} (best guess) and counts. */
    public static RouterEvaluation of(Router router, List<RouterTrainer.Example> examples, double bar) {
        return of(examples, e -> router.route(e.features()), bar);
    }

    public static RouterEvaluation of(List<RouterTrainer.Example> examples, Function<RouterTrainer.Example, RoutingDecision> route,
                                      double bar) {
        Map<Team, int[]> c = new EnumMap<>(Team.class);
        Map<String, Map<Team, Integer>> byIncident = new java.util.HashMap<>();
        Map<String, Team> incidentTeam = new java.util.HashMap<>();
        int correct = 0;
        int below = 0;
        for (RouterTrainer.Example e : examples) {
            RoutingDecision d = route.apply(e);
            c.computeIfAbsent(e.team(), t -> new int[3])[0]++;
            c.computeIfAbsent(d.team(), t -> new int[3])[1]++;
            if (d.team() == e.team()) {
                c.get(e.team())[2]++;
                correct++;
            }
            if (d.confidence() < bar) {
                below++;
            }
            byIncident.computeIfAbsent(e.incident(), k -> new EnumMap<>(Team.class)).merge(d.team(), 1, Integer::sum);
            incidentTeam.put(e.incident(), e.team());
        }
        Map<Team, int[]> inc = new EnumMap<>(Team.class);
        byIncident.forEach((id, votes) -> {
            Team truth = incidentTeam.get(id);
            int n = votes.values().stream().mapToInt(Integer::intValue).sum();
            int[] a = inc.computeIfAbsent(truth, t -> new int[2]);
            a[0]++;
            if (2 * votes.getOrDefault(truth, 0) > n) {
                a[1]++;
            }
        });
        Map<Team, TeamStats> teams = new EnumMap<>(Team.class);
        c.forEach((t, a) -> {
            int[] i = inc.getOrDefault(t, new int[2]);
            teams.put(t, new TeamStats(a[0], a[1], a[2], i[0], i[1]));
        });
        return new RouterEvaluation(teams, examples.size(), correct, below, bar);
    }

    public Map<Team, TeamStats> teams() {
        return teams;
    }

    public int total() {
        return total;
    }

    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    public double belowBarShare() {
        return total == 0 ? Double.NaN : (double) belowBar / total;
    }

    /** {"candidates":…, "accuracy":…, "below_bar":…, "teams":{TEAM:{precision, recall, support, predicted, incidents, incidents_recalled}}}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("candidates", total);
        num(n, "accuracy", accuracy());
        num(n, "below_bar", belowBarShare());
        n.put("bar", bar);
        ObjectNode ts = n.putObject("teams");
        teams.forEach((t, s) -> {
            ObjectNode o = ts.putObject(t.name());
            num(o, "precision", s.precision());
            num(o, "recall", s.recall());
            o.put("support", s.support());
            o.put("predicted", s.predicted());
            o.put("incidents", s.incidents());
            o.put("incidents_recalled", s.incidentsRecalled());
        });
        return n;
    }

    private static void num(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, Math.round(v * 10_000) / 10_000.0);
        }
    }

    /** A printable table: one line per team, then the accuracy. */
    public List<String> table(String title) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s (%d candidates)", title, total));
        lines.add(String.format(Locale.ROOT, "  %-18s %9s %7s %8s %10s", "team", "precision", "recall", "support", "incidents"));
        Set<Team> seen = new HashSet<>(teams.keySet());
        for (Team t : Team.values()) {
            if (!seen.contains(t)) {
                continue;
            }
            TeamStats s = teams.get(t);
            lines.add(String.format(Locale.ROOT, "  %-18s %9s %7s %8d %5d/%-4d", t.name(), pct(s.precision()), pct(s.recall()), s.support(),
                    s.incidentsRecalled(), s.incidents()));
        }
        lines.add(String.format(Locale.ROOT, "  accuracy %s, below the %.2f bar %s", pct(accuracy()), bar, pct(belowBarShare())));
        return lines;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
