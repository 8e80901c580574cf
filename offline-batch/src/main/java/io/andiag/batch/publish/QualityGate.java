package io.andiag.batch.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.model.series.FrequencyLevel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The quality gate of the nightly batch, implemented once: {@code andiag batch validate} runs it on its own (so a
 * scheduler shows the decision as a task of its own) and {@code publish} runs it again before it changes anything, so
 * no path publishes an ungated set. Pure: it compares the candidate's {@link Metrics} with those of the set LATEST names
 * ({@link Baseline}) under {@link PublishSettings} and returns every check with its outcome.
 *
 * <table>
 *   <caption>checks</caption>
 *   <tr><th>check</th><th>fails when</th></tr>
 *   <tr><td>{@code flagged_share}</td><td>the threshold flags more than {@code --max-flagged-share} of IPs per minute on normal history</td></tr>
 *   <tr><td>{@code flagged_ratio}</td><td>that share is more than {@code --max-flagged-ratio} x LATEST's and above half the limit</td></tr>
 *   <tr><td>{@code pattern_collapse}</td><td>one pattern holds more than {@code --max-pattern-share} of the series of levels LOW..HIGH</td></tr>
 *   <tr><td>{@code pattern_drift}</td><td>the pattern mix of levels LOW..HIGH moved more than {@code --max-pattern-drift} (total variation distance) from LATEST's</td></tr>
 *   <tr><td>{@code team_recall}</td><td>the router's recall of a team fell more than {@code --max-recall-drop} below LATEST's (when both have router metrics)</td></tr>
 * </table>
 *
 * A comparison with LATEST is {@link Outcome#SKIPPED} (with the reason) when there is no LATEST or it lacks the metric;
 * the pattern checks are skipped when a side has fewer than {@code --min-series} series in levels LOW..HIGH.
 */
public final class QualityGate {

    /** The step whose report carries the router's metrics ({@code stats.team_recall}: team -> recall in [0, 1]). */
    public static final String ROUTER_STEP = "train-router";
    /** Where publish records the gate in manifest.json, and where the next gate reads LATEST's metrics from. */
    public static final String MANIFEST_FIELD = "quality";

    public enum Outcome { PASS, FAIL, SKIPPED }

    /** One check: its name (see the class comment), outcome and a sentence with the values and the limit. */
    public record Check(String name, Outcome outcome, String detail) {
        ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("check", name);
            n.put("outcome", outcome.name());
            n.put("detail", detail);
            return n;
        }
    }

    /**
     * What the gate compares.
     *
     * @param flaggedShare      share of IPs flagged per minute on normal history at the calibrated threshold
     * @param clusteredPatterns pattern -> series, over the levels LOW..HIGH (ULTRA_LOW's noise model is CONSTANT
     *                          whatever its pattern, so it is left out)
     * @param teamRecall        router recall per team, empty when no router metrics exist
     */
    public record Metrics(double flaggedShare, Map<String, Long> clusteredPatterns, Map<String, Double> teamRecall) {

        public Metrics {
            clusteredPatterns = Collections.unmodifiableMap(new TreeMap<>(clusteredPatterns));
            teamRecall = Collections.unmodifiableMap(new TreeMap<>(teamRecall));
        }

        /**
         * From the step reports of a candidate: {@code train-detector}'s {@code stats.calibration.flagged_share_ip_minute},
         * {@code profile}'s {@code stats.pattern_mix} and, when a router step ran, its {@code stats.team_recall}.
         */
        public static Metrics fromReports(JsonNode profile, JsonNode detector, JsonNode routerOrNull) {
            return new Metrics(detector.path("stats").path("calibration").path("flagged_share_ip_minute").asDouble(Double.NaN),
                    clustered(profile.path("stats").path("pattern_mix")),
                    routerOrNull == null ? Map.of() : recall(routerOrNull.path("stats").path("team_recall")));
        }

        /**
         * From the details of a published manifest: its {@code quality.metrics} when the gate wrote them, else (sets
         * published before the gate existed) {@code detector.flagged_share_ip_minute} and {@code pattern_mix}.
         */
        public static Metrics fromManifest(JsonNode details) {
            JsonNode m = details.path(MANIFEST_FIELD).path("metrics");
            if (m.isObject()) {
                Map<String, Long> patterns = new TreeMap<>();
                m.path("clustered_patterns").fields().forEachRemaining(e -> patterns.put(e.getKey(), e.getValue().asLong()));
                return new Metrics(m.path("flagged_share_ip_minute").asDouble(Double.NaN), patterns, recall(m.path("team_recall")));
            }
            return new Metrics(details.path("detector").path("flagged_share_ip_minute").asDouble(Double.NaN),
                    clustered(details.path("pattern_mix")), Map.of());
        }

        public long clusteredSeries() {
            return clusteredPatterns.values().stream().mapToLong(Long::longValue).sum();
        }

        public ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("flagged_share_ip_minute", flaggedShare);
            ObjectNode p = n.putObject("clustered_patterns");
            clusteredPatterns.forEach(p::put);
            ObjectNode r = n.putObject("team_recall");
            teamRecall.forEach(r::put);
            return n;
        }

        private static Map<String, Long> clustered(JsonNode patternMix) {
            Map<String, Long> byPattern = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = patternMix.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> level = it.next();
                if (FrequencyLevel.ULTRA_LOW.name().equals(level.getKey())) {
                    continue;
                }
                level.getValue().fields().forEachRemaining(e -> byPattern.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            }
            return byPattern;
        }

        private static Map<String, Double> recall(JsonNode teamRecall) {
            Map<String, Double> r = new TreeMap<>();
            teamRecall.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    r.put(e.getKey(), e.getValue().asDouble());
                }
            });
            return r;
        }
    }

    /** The set LATEST names and its metrics. */
    public record Baseline(String version, Metrics metrics) {
    }

    /** Every check, in order; the candidate passes when none failed. */
    public record Decision(Metrics candidate, Optional<Baseline> latest, List<Check> checks) {

        public Decision {
            checks = List.copyOf(checks);
        }

        public boolean passed() {
            return checks.stream().noneMatch(c -> c.outcome() == Outcome.FAIL);
        }

        public List<Check> failures() {
            return checks.stream().filter(c -> c.outcome() == Outcome.FAIL).toList();
        }

        /** {@code quality gate: <first failure>; <second failure> ...}, the message of a refusal. */
        public String refusal() {
            return "quality gate: " + String.join("; ", failures().stream().map(Check::detail).toList());
        }

        /** {@code PASS} or {@code BLOCKED}. */
        public String verdict() {
            return passed() ? "PASS" : "BLOCKED";
        }

        public ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("decision", verdict());
            if (latest.isPresent()) {
                n.put("compared_with", latest.get().version());
            } else {
                n.putNull("compared_with");
            }
            n.set("metrics", candidate.toJson());
            latest.ifPresent(b -> n.set("latest_metrics", b.metrics().toJson()));
            ArrayNode a = n.putArray("checks");
            checks.forEach(c -> a.add(c.toJson()));
            return n;
        }
    }

    private QualityGate() {
    }

    public static Decision evaluate(Metrics candidate, Optional<Baseline> latest, PublishSettings settings) {
        List<Check> checks = new ArrayList<>();
        checks.add(flaggedShare(candidate, settings));
        checks.add(flaggedRatio(candidate, latest, settings));
        checks.add(patternCollapse(candidate, settings));
        checks.add(patternDrift(candidate, latest, settings));
        checks.add(teamRecall(candidate, latest, settings));
        return new Decision(candidate, latest, checks);
    }

    private static Check flaggedShare(Metrics c, PublishSettings s) {
        double f = c.flaggedShare();
        if (!(f <= s.maxFlaggedShare())) {
            return new Check("flagged_share", Outcome.FAIL, fmt(
                    "the threshold flags %.3f %% of IPs per minute on normal history, more than %.3f %% (--max-flagged-share)",
                    100 * f, 100 * s.maxFlaggedShare()));
        }
        return new Check("flagged_share", Outcome.PASS, fmt("the threshold flags %.3f %% of IPs per minute on normal history, at most %.3f %% (--max-flagged-share)",
                100 * f, 100 * s.maxFlaggedShare()));
    }

    private static Check flaggedRatio(Metrics c, Optional<Baseline> latest, PublishSettings s) {
        String name = "flagged_ratio";
        if (latest.isEmpty()) {
            return new Check(name, Outcome.SKIPPED, "no LATEST to compare with");
        }
        double prev = latest.get().metrics().flaggedShare();
        String v = latest.get().version();
        if (!(prev > 0)) {
            return new Check(name, Outcome.SKIPPED, fmt("LATEST %s records no positive flagged share (%s)", v, prev));
        }
        double f = c.flaggedShare();
        if (f > s.maxFlaggedRatio() * prev && f > s.maxFlaggedShare() / 2) {
            return new Check(name, Outcome.FAIL, fmt(
                    "the threshold flags %.3f %% of IPs per minute, %.1f times the %.3f %% of the current LATEST %s (at most %.1f, --max-flagged-ratio)",
                    100 * f, f / prev, 100 * prev, v, s.maxFlaggedRatio()));
        }
        return new Check(name, Outcome.PASS, fmt("%.3f %% of IPs per minute vs %.3f %% of LATEST %s: %.2f times, at most %.1f (--max-flagged-ratio) "
                + "unless below half of --max-flagged-share", 100 * f, 100 * prev, v, f / prev, s.maxFlaggedRatio()));
    }

    private static Check patternCollapse(Metrics c, PublishSettings s) {
        String name = "pattern_collapse";
        long clustered = c.clusteredSeries();
        if (clustered < s.minSeries() || clustered == 0) {
            return new Check(name, Outcome.SKIPPED, "only " + clustered + " series of levels LOW..HIGH (--min-series " + s.minSeries() + ")");
        }
        String top = null;
        long topCount = -1;
        for (Map.Entry<String, Long> e : c.clusteredPatterns().entrySet()) {
            if (e.getValue() > topCount) {
                top = e.getKey();
                topCount = e.getValue();
            }
        }
        double share = (double) topCount / clustered;
        if (share > s.maxPatternShare()) {
            return new Check(name, Outcome.FAIL, fmt(
                    "pattern-mix collapse: %s holds %.1f %% of the %d series of levels LOW..HIGH, more than %.1f %% (--max-pattern-share)",
                    top, 100 * share, clustered, 100 * s.maxPatternShare()));
        }
        return new Check(name, Outcome.PASS, fmt("largest pattern %s holds %.1f %% of the %d series of levels LOW..HIGH, at most %.1f %% (--max-pattern-share)",
                top, 100 * share, clustered, 100 * s.maxPatternShare()));
    }

    private static Check patternDrift(Metrics c, Optional<Baseline> latest, PublishSettings s) {
        String name = "pattern_drift";
        if (latest.isEmpty()) {
            return new Check(name, Outcome.SKIPPED, "no LATEST to compare with");
        }
        Metrics p = latest.get().metrics();
        String v = latest.get().version();
        if (c.clusteredSeries() < Math.max(1, s.minSeries()) || p.clusteredSeries() < Math.max(1, s.minSeries())) {
            return new Check(name, Outcome.SKIPPED, fmt("too few series of levels LOW..HIGH to compare: %d in the candidate, %d in LATEST %s (--min-series %d)",
                    c.clusteredSeries(), p.clusteredSeries(), v, s.minSeries()));
        }
        double distance = totalVariation(c.clusteredPatterns(), p.clusteredPatterns());
        String mixes = shares(p.clusteredPatterns()) + " -> " + shares(c.clusteredPatterns());
        if (distance > s.maxPatternDrift()) {
            return new Check(name, Outcome.FAIL, fmt(
                    "the pattern mix of levels LOW..HIGH moved %.3f (total variation) from LATEST %s (%s), more than %.3f (--max-pattern-drift)",
                    distance, v, mixes, s.maxPatternDrift()));
        }
        return new Check(name, Outcome.PASS, fmt("the pattern mix of levels LOW..HIGH moved %.3f (total variation) from LATEST %s (%s), at most %.3f (--max-pattern-drift)",
                distance, v, mixes, s.maxPatternDrift()));
    }

    private static Check teamRecall(Metrics c, Optional<Baseline> latest, PublishSettings s) {
        String name = "team_recall";
        // A missing router metric (no train-router step ran, on either side) makes recall not comparable: it is
        // logged as such and never blocks, so a pipeline without the router step still publishes.
        if (c.teamRecall().isEmpty()) {
            return new Check(name, Outcome.SKIPPED, "router recall not comparable: the candidate has no router metrics (no "
                    + ROUTER_STEP + " report with stats.team_recall)" + latest.map(b -> b.metrics().teamRecall().isEmpty()
                    ? ", nor has LATEST " + b.version() : "").orElse(""));
        }
        if (latest.isEmpty() || latest.get().metrics().teamRecall().isEmpty()) {
            return new Check(name, Outcome.SKIPPED, "router recall not comparable: " + (latest.isEmpty() ? "no LATEST to compare with"
                    : "LATEST " + latest.get().version() + " has no router metrics"));
        }
        Map<String, Double> prev = latest.get().metrics().teamRecall();
        String v = latest.get().version();
        List<String> worse = new ArrayList<>();
        String worst = null;
        double worstDrop = Double.NEGATIVE_INFINITY;
        for (String team : new TreeSet<>(c.teamRecall().keySet())) {
            Double before = prev.get(team);
            if (before == null) {
                continue;
            }
            double now = c.teamRecall().get(team);
            double drop = before - now;
            if (drop > worstDrop) {
                worstDrop = drop;
                worst = team;
            }
            if (!(drop <= s.maxRecallDrop())) {
                worse.add(fmt("%s %.1f %% -> %.1f %%", team, 100 * before, 100 * now));
            }
        }
        if (worst == null) {
            return new Check(name, Outcome.SKIPPED, "no team in common with LATEST " + v);
        }
        if (!worse.isEmpty()) {
            return new Check(name, Outcome.FAIL, fmt("router recall fell more than %.1f points (--max-recall-drop) from LATEST %s: %s",
                    100 * s.maxRecallDrop(), v, String.join(", ", worse)));
        }
        return new Check(name, Outcome.PASS, fmt("largest router recall drop from LATEST %s: %s %.1f points, at most %.1f (--max-recall-drop)",
                v, worst, 100 * worstDrop, 100 * s.maxRecallDrop()));
    }

    /** Half the L1 distance between the two pattern distributions: 0 = same mix, 1 = disjoint. */
    static double totalVariation(Map<String, Long> a, Map<String, Long> b) {
        double na = a.values().stream().mapToLong(Long::longValue).sum();
        double nb = b.values().stream().mapToLong(Long::longValue).sum();
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        double sum = 0;
        for (String k : keys) {
            sum += Math.abs(a.getOrDefault(k, 0L) / na - b.getOrDefault(k, 0L) / nb);
        }
        return sum / 2;
    }

    private static String shares(Map<String, Long> counts) {
        double n = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, String> s = new LinkedHashMap<>();
        counts.forEach((k, v) -> s.put(k, fmt("%.1f%%", 100 * v / n)));
        return s.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).reduce((x, y) -> x + ", " + y).orElse("-");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
