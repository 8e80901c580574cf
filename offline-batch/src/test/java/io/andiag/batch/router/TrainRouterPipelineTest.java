package io.andiag.batch.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.andiag.batch.BatchRun;
import io.andiag.batch.Pipeline;
import io.andiag.batch.SimLake;
import io.andiag.batch.StepReport;
import io.andiag.batch.TestSpark;
import io.andiag.batch.series.SeriesStore;
import io.andiag.batch.spark.LakeTables;
import io.andiag.model.incident.DiagnosisSettings;
import io.andiag.model.label.IncidentLabel;
import io.andiag.model.label.LabelSource;
import io.andiag.model.lake.LakeLayout;
import io.andiag.model.lake.LakeReaders;
import io.andiag.model.params.ParameterSet;
import io.andiag.model.params.ParameterSetLoader;
import io.andiag.model.params.ParamsLayout;
import io.andiag.model.routing.HierarchicalRouter;
import io.andiag.model.routing.Router;
import io.andiag.model.routing.RouterModelIo;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.routing.RoutingDecision;
import io.andiag.model.routing.RoutingFeatureExtractor;
import io.andiag.model.routing.RoutingFeatureSchema;
import io.andiag.model.routing.Team;
import io.andiag.model.routing.TopologyCanonical;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * train-router inside the shared nightly run ({@link Pipeline}: profile, noise, train-detector, train-router, publish on
 * the simulated {@link SimLake}, whose labels are the simulator's ground truth): the router is trained, published in the
 * set's {@code router/}, evaluated on a held-out split whose per-team precision/recall is in the manifest (and printed
 * here), served in plain Java exactly as evaluated, and routes the region's canonical incident of every team; the day's confident routes become SELF labels apart from
 * {@code labels}, the others a review list.
 */
@Tag("integration")
class TrainRouterPipelineTest {

    static BatchRun run;
    static ParameterSet published;
    static ObjectNode report;
    static SparkSession spark;

    @BeforeAll
    static void pipeline() {
        assertThat(Pipeline.exitCode()).as("exit code of andiag batch").isZero();
        run = Pipeline.run();
        spark = TestSpark.get();
        published = ParameterSetLoader.loadLatest(run.lake());
        report = StepReport.load(run.candidateDir(), TrainRouterJob.STEP);
        assertThat(report).as("train-router ran inside the batch").isNotNull();
    }

    static List<RouterCandidate> candidates() {
        Path table = run.candidateDir().resolve(SeriesStore.WORK_DIR).resolve(TrainRouterJob.CANDIDATES);
        return spark.read().schema(RouterCandidate.SCHEMA).parquet(table.toString()).collectAsList().stream()
                .map(RouterCandidate::fromRow).toList();
    }

    @Test
    void shouldTrainOnTheSimulatorLabelsAndPutHeldOutPerTeamMetricsInTheManifest() {
        JsonNode router = published.manifest().details().path("router");
        System.out.println("train-router on " + SimLake.IPS + " IPs x " + SimLake.HISTORY_DAYS + " days (seed " + SimLake.SEED + "): "
                + router.path("training"));
        assertThat(router.path("router_source").asText()).isEqualTo("trained");
        assertThat(router.path("router_version").asText()).startsWith("router-" + run.serveDate());
        JsonNode heldOut = router.path("heldout");
        assertThat(heldOut.path("candidates").asInt()).isPositive();
        assertThat(heldOut.path("teams").size()).as("held-out teams").isGreaterThanOrEqualTo(2);
        heldOut.path("teams").fields().forEachRemaining(t -> {
            System.out.printf("held-out %-18s precision %s recall %s support %d%n", t.getKey(), t.getValue().path("precision"),
                    t.getValue().path("recall"), t.getValue().path("support").asInt());
            assertThat(t.getValue().has("precision")).isTrue();
            assertThat(t.getValue().path("recall").isNumber()).as("recall of a team with held-out support").isTrue();
            assertThat(t.getValue().path("support").asInt()).isPositive();
        });
        assertThat(router.path("heldout_rules").path("candidates").asInt()).as("the rule router on the same minutes")
                .isEqualTo(heldOut.path("candidates").asInt());
        assertThat(router.path("training").path("train_candidates").asInt() + heldOut.path("candidates").asInt())
                .isEqualTo(router.path("training").path("labelled_candidates").asInt());
    }

    @Test
    void shouldServeThePublishedRouterInPlainJavaAsItWasEvaluated() {
        Path dir = ParamsLayout.versionDir(run.lake(), published.version()).resolve(ParamsLayout.ROUTER);
        Router served = Router.of(Optional.of(RouterModelIo.read(dir)));
        assertThat(served).isInstanceOf(HierarchicalRouter.class);
        assertThat(served.version()).isEqualTo(report.path("stats").path("router_version").asText());

        // The held-out split again, from the work table and the step's settings: the published router, read back by
        // common-model, must give exactly the metrics the manifest holds.
        RouterSettings s = RouterSettings.defaults();
        List<RouterTrainer.Example> examples = TrainRouterJob.examples(candidates());
        HoldoutSplit split = HoldoutSplit.of(examples, s.holdoutShare(), s.seed());
        RouterEvaluation again = RouterEvaluation.of(served, split.heldOut(), DiagnosisSettings.DEFAULTS.confidenceBar());
        again.table("held-out, published router re-read in plain Java").forEach(System.out::println);
        assertThat(again.toJson()).isEqualTo(published.manifest().details().path("router").path("heldout"));

        for (RouterCandidate c : candidates().subList(0, Math.min(50, candidates().size()))) {
            assertThat(served.route(c.features()).confidence()).isBetween(0.0, 1.0);
            assertThat(c.features()).hasSize(RoutingFeatureSchema.size());
        }
    }

    /**
     * The published in-region router on one hand-built canonical incident per team (common-model's TopologyCanonical) on
     * SimLake's own topology: each must reach its team. The router was trained on the region's labels plus the synthetic
     * incidents of {@link FaultInjector} (counted in the manifest); its held-out metrics above are on real labels only.
     */
    @Test
    void shouldRouteEveryCanonicalIncidentOfTheRegionsOwnTopologyToItsTeam() {
        JsonNode training = published.manifest().details().path("router").path("training");
        assertThat(training.path("synthetic_per_team").asInt()).isEqualTo(RouterSettings.DEFAULT_SYNTHETIC_PER_TEAM);
        assertThat(training.path("synthetic_examples").asInt()).isEqualTo(RouterSettings.DEFAULT_SYNTHETIC_PER_TEAM * Team.values().length);
        Path dir = ParamsLayout.versionDir(run.lake(), published.version()).resolve(ParamsLayout.ROUTER);
        assertCanonicalRoutes(Router.of(Optional.of(RouterModelIo.read(dir))));
    }

    /** The bundled bootstrap router never saw SimLake: the region's canonical incidents are a region of another shape for it. */
    @Test
    void shouldRouteEveryCanonicalIncidentOfAnUnseenRegionWithTheBootstrapRouter() {
        assertCanonicalRoutes(new HierarchicalRouter(BootstrapRouter.load()));
    }

    static void assertCanonicalRoutes(Router router) {
        List<IpAttributes> topology = LakeReaders.readIpAttributes(LakeTables.partitionDir(run.lake(), LakeLayout.IP_ATTRIBUTES, run.date()));
        TopologyCanonical canonical = new TopologyCanonical(topology, run.historyStartMs());
        Map<String, Team> routed = new LinkedHashMap<>();
        Map<String, Team> wanted = new LinkedHashMap<>();
        System.out.printf("canonical incidents of SimLake's topology, router %s%n", router.version());
        System.out.printf("  %-13s %-18s %5s  %-18s %10s  %s%n", "incident", "team", "IPs", "routed to", "confidence", "path");
        canonical.all().forEach((name, e) -> {
            RoutingDecision d = router.route(RoutingFeatureExtractor.extract(e.getValue()));
            System.out.printf("  %-13s %-18s %5d  %-18s %10.3f  %s%n", name, e.getKey(), e.getValue().abnormalIps(), d.team(),
                    d.confidence(), String.join("/", d.path()));
            routed.put(name, d.team());
            wanted.put(name, e.getKey());
        });
        assertThat(routed).as("team of each canonical incident, router " + router.version()).isEqualTo(wanted);
    }

    @Test
    void shouldWriteSelfLabelsApartFromTheLabelsAndTheRestToReview() {
        JsonNode self = report.path("stats").path("self_labels");
        List<IncidentLabel> selfLabels = LakeReaders.readLabels(LakeTables.partitionDir(run.lake(), TrainRouterJob.LABELS_SELF, run.date()));
        assertThat(selfLabels).hasSize(self.path("labels_written").asInt());
        assertThat(selfLabels).allSatisfy(l -> {
            assertThat(l.source()).isEqualTo(LabelSource.SELF);
            assertThat(l.team()).isPresent();
        });
        assertThat(LakeReaders.readLabels(LakeTables.partitionDir(run.lake(), LakeLayout.LABELS, run.date())))
                .as("the ground-truth table is never written").allSatisfy(l -> assertThat(l.source()).isNotEqualTo(LabelSource.SELF));

        // read as a partitioned table, as an analyst would
        List<Row> rows = spark.read().parquet(run.lake().resolve(TrainRouterJob.REVIEW).toString())
                .filter("dt = '" + run.date() + "'").collectAsList();
        assertThat(rows).hasSize(self.path("review").asInt());
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.getString(r.fieldIndex("reason"))).isIn(SelfLabeler.BELOW_BAR, SelfLabeler.SHORT_RUN);
            assertThat(CandidateReplay.dayOf(r.getLong(r.fieldIndex("minute")))).isEqualTo(run.date().toString());
        });
        assertThat(self.path("emitted").asInt()).isEqualTo(self.path("already_labelled").asInt() + self.path("confident").asInt()
                + self.path("review").asInt() - self.path("review_short_run").asInt());
    }
}
