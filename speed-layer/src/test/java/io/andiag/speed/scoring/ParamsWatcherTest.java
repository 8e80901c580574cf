package io.andiag.speed.scoring;

import io.andiag.speed.stream.SpeedMetrics;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamsWatcherTest {

    /** A published-sets directory in memory: versions that load, versions that fail, and what LATEST names. */
    private static final class FakeSource implements ModelSource {
        final Map<String, ScoringModel> good = new HashMap<>();
        String latest;
        int loads;

        @Override
        public Optional<String> latestVersion() {
            return Optional.ofNullable(latest);
        }

        @Override
        public ScoringModel load(String version) {
            loads++;
            ScoringModel m = good.get(version);
            if (m == null) {
                throw new IllegalArgumentException("parameter set " + version + ": detector_forest is missing");
            }
            return m;
        }
    }

    private final FakeSource source = new FakeSource();
    private final SpeedMetrics metrics = new SpeedMetrics();
    private final ParamsWatcher watcher = new ParamsWatcher(source, metrics);

    @Test
    void shouldRefuseToStartWithoutAPublishedSet() {
        assertThatThrownBy(watcher::start).isInstanceOf(ParameterSetUnavailableException.class)
                .hasMessageContaining("params/LATEST is missing");
    }

    @Test
    void shouldRefuseToStartOnABrokenPublishedSetNamingIt() {
        source.latest = "v1";

        assertThatThrownBy(watcher::start).isInstanceOf(ParameterSetUnavailableException.class)
                .hasMessageContaining("v1").hasMessageContaining("detector_forest is missing");
        assertThat(metrics.paramSetsRefused()).isEqualTo(1);
    }

    @Test
    void shouldSwapToANewSetAndKeepServingTheOldOneWhenTheNewOneIsBroken() {
        source.good.put("v1", named("v1"));
        source.good.put("v3", named("v3"));
        source.latest = "v1";
        ScoringModelHolder holder = watcher.start();

        assertThat(watcher.poll()).as("nothing new").isFalse();

        source.latest = "v2";                   // published but broken
        assertThat(watcher.poll()).isFalse();
        assertThat(holder.latest().version()).isEqualTo("v1");
        assertThat(metrics.paramSetsRefused()).isEqualTo(1);
        assertThat(metrics.paramVersion()).isEqualTo("v1");

        int loads = source.loads;
        assertThat(watcher.poll()).as("a refused version is not retried every poll").isFalse();
        assertThat(source.loads).isEqualTo(loads);

        source.latest = "v3";
        assertThat(watcher.poll()).isTrue();
        assertThat(holder.latest().version()).isEqualTo("v3");
        assertThat(metrics.paramVersion()).isEqualTo("v3");
        assertThat(metrics.paramSetsLoaded()).isEqualTo(2);
    }

    private static ScoringModel named(String version) {
        return new ScoringModel() {
            @Override
            public String version() {
                return version;
            }

            @Override
            public io.andiag.model.features.ScoringProfile profile(String ip, int slot) {
                return null;
            }

            @Override
            public io.andiag.model.features.ScoringProfile coldStart(int slot) {
                return null;
            }

            @Override
            public boolean knowsIp(String ip) {
                return false;
            }

            @Override
            public io.andiag.model.features.FeatureExtractor extractor() {
                return null;
            }

            @Override
            public io.andiag.model.forest.IsolationForest forest() {
                return null;
            }

            @Override
            public double threshold() {
                return 1;
            }

            @Override
            public io.andiag.model.routing.Router router() {
                return null;
            }
        };
    }
}
