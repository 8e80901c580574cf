package io.andiag.bench.jmh;

import io.andiag.bench.LakeCandidates;
import io.andiag.model.incident.Diagnoser;
import io.andiag.model.incident.DiagnosisSettings;
import io.andiag.model.incident.MinuteDiagnosis;
import io.andiag.model.record.IpAttributes;
import io.andiag.model.routing.HierarchicalRouter;
import io.andiag.model.routing.RegionMinute;
import io.andiag.model.routing.Router;
import io.andiag.model.routing.RouterModelIo;
import io.andiag.model.routing.RoutingDecision;
import io.andiag.model.routing.RoutingFeatureExtractor;
import io.andiag.model.routing.RuleRouter;
import io.andiag.model.routing.RuleRouterSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Routing per incident candidate, on the candidates of a simulated lake's labelled events ({@link LakeCandidates}):
 * building the region-minute, the whole {@link Diagnoser} (routing features, router, drill-down, emission rule,
 * impact, evidence) and the router alone on precomputed features — with the rule router (the fallback when no router
 * is published) or a trained router directory (a parameter set's {@code router/}, or the bootstrap router shipped
 * in offline-batch's resources), evaluated in plain Java by common-model as the speed layer does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {

    /** A simulated lake (retx_details, labels, ip_attributes). */
    @Param("/dev/shm/and-bench/lake2k")
    public String simLake;

    /** The day whose labels become candidates. */
    @Param("")
    public String day;

    /** {@code rules}, or a router directory (router.json + models) for the trained {@link HierarchicalRouter}. */
    @Param("rules")
    public String router;

    private List<LakeCandidates.Inputs> inputs;
    private Map<String, IpAttributes> attributes;
    private double[][] features;
    private Diagnoser diagnoser;
    private Router routerInService;
    private int next;

    @Setup
    public void setUp() {
        Path root = Path.of(simLake);
        attributes = LakeCandidates.attributes(root);
        String d = day.isEmpty() ? LakeCandidates.newestPartition(root, "labels").getFileName().toString() : day;
        inputs = LakeCandidates.of(root, d, attributes);
        if (inputs.isEmpty()) {
            throw new IllegalStateException("no labelled candidates with details in " + root + " " + d);
        }
        routerInService = "rules".equals(router) ? new RuleRouter(RuleRouterSettings.DEFAULTS)
                : new HierarchicalRouter(RouterModelIo.read(Path.of(router)));
        diagnoser = new Diagnoser(DiagnosisSettings.DEFAULTS, routerInService);
        features = new double[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            features[i] = RoutingFeatureExtractor.extract(inputs.get(i).build(attributes));
        }
    }

    private int advance() {
        int i = next++;
        if (next == inputs.size()) {
            next = 0;
        }
        return i;
    }

    @Benchmark
    public RegionMinute buildCandidate() {
        return inputs.get(advance()).build(attributes);
    }

    @Benchmark
    public MinuteDiagnosis buildAndDiagnose() {
        return diagnoser.diagnose(inputs.get(advance()).build(attributes));
    }

    @Benchmark
    public double[] buildAndExtractFeatures() {
        return RoutingFeatureExtractor.extract(inputs.get(advance()).build(attributes));
    }

    @Benchmark
    public RoutingDecision routeOnly() {
        return routerInService.route(features[advance()]);
    }
}
