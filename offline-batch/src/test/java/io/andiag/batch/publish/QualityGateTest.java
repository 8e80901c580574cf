package io.andiag.batch.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.andiag.batch.publish.QualityGate.Baseline;
import io.andiag.batch.publish.QualityGate.Check;
import io.andiag.batch.publish.QualityGate.Decision;
import io.andiag.batch.publish.QualityGate.Metrics;
import io.andiag.batch.publish.QualityGate.Outcome;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The gate's arithmetic on small hand-made metrics (no Spark); expected values worked out by hand in the comments. */
class QualityGateTest {

    static final PublishSettings DEFAULTS = PublishSettings.defaults();
    static final double EXACT = 1e-12;
    static final String V = "2026-11-22-20261122T020000Z";

    static Metrics metrics(double flagged, long stable, long seasonal, long meanShift, Map<String, Double> recall) {
        return new Metrics(flagged, Map.of("STABLE", stable, "SEASONAL", seasonal, "MEAN_SHIFT", meanShift), recall);
    }

    static Check check(Decision d, String name) {
        return d.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldPassAndSkipEveryComparisonWithoutLatest() {
        Decision d = QualityGate.evaluate(metrics(0.004, 50, 40, 10, Map.of()), Optional.empty(), DEFAULTS);

        assertThat(d.passed()).isTrue();
        assertThat(d.verdict()).isEqualTo("PASS");
        assertThat(check(d, "flagged_share").outcome()).isEqualTo(Outcome.PASS);
        assertThat(check(d, "pattern_collapse").outcome()).isEqualTo(Outcome.PASS);
        assertThat(check(d, "flagged_ratio").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(check(d, "pattern_drift").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(check(d, "team_recall").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(d.toJson().path("compared_with").isNull()).isTrue();
    }

    @Test
    void shouldBlockAFlaggedShareGrosslyWorseThanLatest() {
        Baseline latest = new Baseline(V, metrics(0.001, 50, 40, 10, Map.of()));
        // 0.008 = 8 x 0.001 > 3 x, and above half of the 1 % limit: blocked.
        Decision worse = QualityGate.evaluate(metrics(0.008, 50, 40, 10, Map.of()), Optional.of(latest), DEFAULTS);
        assertThat(worse.passed()).isFalse();
        assertThat(worse.failures()).extracting(Check::name).containsExactly("flagged_ratio");
        assertThat(worse.refusal()).startsWith("quality gate: ").contains("8.0 times", V, "--max-flagged-ratio");

        // 0.004 = 4 x, but below half of the limit: a low share is never blocked for being a multiple of a lower one.
        assertThat(QualityGate.evaluate(metrics(0.004, 50, 40, 10, Map.of()), Optional.of(latest), DEFAULTS).passed()).isTrue();
    }

    @Test
    void shouldBlockAPatternMixThatMovedTooFarFromLatest() {
        // LATEST 50/40/10 %, candidate 80/10/10 %: |0.8-0.5| + |0.1-0.4| + 0 = 0.6, half = 0.30 > 0.25.
        Baseline latest = new Baseline(V, metrics(0.001, 50, 40, 10, Map.of()));
        Decision d = QualityGate.evaluate(metrics(0.001, 80, 10, 10, Map.of()), Optional.of(latest), DEFAULTS);
        assertThat(QualityGate.totalVariation(Map.of("STABLE", 80L, "SEASONAL", 10L, "MEAN_SHIFT", 10L),
                Map.of("STABLE", 50L, "SEASONAL", 40L, "MEAN_SHIFT", 10L))).isCloseTo(0.30, within(EXACT));
        assertThat(d.failures()).extracting(Check::name).containsExactly("pattern_drift");
        assertThat(d.refusal()).contains("0.300 (total variation)", "--max-pattern-drift");

        // The same mix with other totals (100 vs 1000 series) has not moved at all.
        assertThat(QualityGate.totalVariation(Map.of("STABLE", 500L, "SEASONAL", 400L, "MEAN_SHIFT", 100L),
                Map.of("STABLE", 50L, "SEASONAL", 40L, "MEAN_SHIFT", 10L))).isCloseTo(0.0, within(EXACT));
    }

    @Test
    void shouldSkipPatternChecksOnTooFewSeries() {
        // 30 series of levels LOW..HIGH < --min-series 50: neither collapse nor drift is judged.
        Baseline latest = new Baseline(V, metrics(0.001, 50, 40, 10, Map.of()));
        Decision d = QualityGate.evaluate(metrics(0.001, 30, 0, 0, Map.of()), Optional.of(latest), DEFAULTS);
        assertThat(d.passed()).isTrue();
        assertThat(check(d, "pattern_collapse").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(check(d, "pattern_drift").outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void shouldBlockARouterWhoseRecallOfATeamFell() {
        Baseline latest = new Baseline(V, metrics(0.001, 50, 40, 10, Map.of("END_HOST", 0.90, "PHYSICAL_NETWORK", 0.80)));
        // END_HOST 0.90 -> 0.75: 15 points > 10; PHYSICAL_NETWORK 0.80 -> 0.85 is better; SLB has nothing to compare with.
        Decision d = QualityGate.evaluate(metrics(0.001, 50, 40, 10, Map.of("END_HOST", 0.75, "PHYSICAL_NETWORK", 0.85, "SLB_NAT_GATEWAY", 0.5)),
                Optional.of(latest), DEFAULTS);
        assertThat(d.failures()).extracting(Check::name).containsExactly("team_recall");
        assertThat(d.refusal()).contains("END_HOST 90.0 % -> 75.0 %").doesNotContain("PHYSICAL_NETWORK");

        Decision fine = QualityGate.evaluate(metrics(0.001, 50, 40, 10, Map.of("END_HOST", 0.85)), Optional.of(latest), DEFAULTS);
        assertThat(check(fine, "team_recall").outcome()).isEqualTo(Outcome.PASS);
        assertThat(check(fine, "team_recall").detail()).contains("END_HOST 5.0 points");
    }

    @Test
    void shouldPassAsNotComparableWhenRouterMetricsAreMissingOnEitherSide() {
        Baseline noRouter = new Baseline(V, metrics(0.001, 50, 40, 10, Map.of()));
        Decision neither = QualityGate.evaluate(metrics(0.001, 50, 40, 10, Map.of()), Optional.of(noRouter), DEFAULTS);
        assertThat(neither.passed()).isTrue();
        assertThat(check(neither, "team_recall").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(check(neither, "team_recall").detail())
                .isEqualTo("router recall not comparable: the candidate has no router metrics (no train-router report with "
                        + "stats.team_recall), nor has LATEST " + V);

        Decision onlyCandidate = QualityGate.evaluate(metrics(0.001, 50, 40, 10, Map.of("END_HOST", 0.2)), Optional.of(noRouter), DEFAULTS);
        assertThat(onlyCandidate.passed()).isTrue();
        assertThat(check(onlyCandidate, "team_recall").detail()).isEqualTo("router recall not comparable: LATEST " + V + " has no router metrics");

        Baseline withRouter = new Baseline(V, metrics(0.001, 50, 40, 10, Map.of("END_HOST", 0.9)));
        Decision onlyLatest = QualityGate.evaluate(metrics(0.001, 50, 40, 10, Map.of()), Optional.of(withRouter), DEFAULTS);
        assertThat(onlyLatest.passed()).isTrue();
        assertThat(check(onlyLatest, "team_recall").detail()).startsWith("router recall not comparable: the candidate has no router metrics")
                .doesNotContain("nor has LATEST");
    }

    @Test
    void shouldReadMetricsFromReportsAndFromOldAndNewManifests() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode profile = json.readTree("""
                {"stats":{"pattern_mix":{"ULTRA_LOW":{"STABLE":900},"LOW":{"STABLE":20,"SEASONAL":10},"HIGH":{"STABLE":5,"HYBRID":1}}}}""");
        JsonNode detector = json.readTree("""
                {"stats":{"calibration":{"flagged_share_ip_minute":0.002}}}""");
        JsonNode router = json.readTree("""
                {"stats":{"team_recall":{"END_HOST":0.9}}}""");
        Metrics m = Metrics.fromReports(profile, detector, router);
        assertThat(m.flaggedShare()).isEqualTo(0.002);
        assertThat(m.clusteredPatterns()).containsExactlyInAnyOrderEntriesOf(Map.of("STABLE", 25L, "SEASONAL", 10L, "HYBRID", 1L));
        assertThat(m.teamRecall()).containsExactlyEntriesOf(Map.of("END_HOST", 0.9));
        assertThat(Metrics.fromReports(profile, detector, null).teamRecall()).isEmpty();

        // A manifest written before the gate existed: the detector block and the pattern mix.
        JsonNode old = json.readTree("""
                {"detector":{"flagged_share_ip_minute":0.002},"pattern_mix":{"ULTRA_LOW":{"STABLE":900},"LOW":{"STABLE":20,"SEASONAL":10},"HIGH":{"STABLE":5,"HYBRID":1}}}""");
        assertThat(Metrics.fromManifest(old)).isEqualTo(Metrics.fromReports(profile, detector, null));

        // A manifest with the gate's record: round trip of what publish writes.
        JsonNode recorded = json.createObjectNode().set(QualityGate.MANIFEST_FIELD,
                QualityGate.evaluate(m, Optional.empty(), DEFAULTS).toJson());
        assertThat(Metrics.fromManifest(recorded)).isEqualTo(m);
    }
}
