package io.andiag.speed.scoring;

import io.andiag.model.params.ParameterSet;
import io.andiag.model.params.ParameterSetLoader;

import java.nio.file.Path;
import java.util.Optional;

/** Parameter sets published in the lake ({@code <lake>/params/LATEST}), loaded with parquet-java, no Spark. */
public final class LakeModelSource implements ModelSource {

    private final Path lake;

    public LakeModelSource(Path lake) {
        this.lake = lake;
    }

    @Override
    public Optional<String> latestVersion() {
        return ParameterSetLoader.latestVersion(lake);
    }

    @Override
    public ScoringModel load(String version) {
        return IndexedScoringModel.from(ParameterSetLoader.load(lake, version));
    }

    /** Exposed for tools that want the full set (manifest, profiles) rather than the scoring view. */
    public ParameterSet loadSet(String version) {
        return ParameterSetLoader.load(lake, version);
    }
}
