package io.andiag.speed.scoring;

import io.andiag.model.params.ParameterSet;
import io.andiag.model.params.ParameterSetLoader;
import io.andiag.model.params.ParamsLayout;
import io.andiag.model.routing.Router;
import io.andiag.model.routing.RouterModelIo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Parameter sets published in the lake ({@code <lake>/params/LATEST}), loaded with parquet-java, no Spark. The router
 * comes from the set's {@code router/} directory when it exists ({@link RouterModelIo#read}; a broken router refuses
 * the whole set), else the rule router: a set and its router are always served, and swapped, together.
 */
public final class LakeModelSource implements ModelSource {

    private static final Logger LOG = LoggerFactory.getLogger(LakeModelSource.class);

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
        ParameterSet set = ParameterSetLoader.load(lake, version);
        Router router = loadRouter(ParamsLayout.versionDir(lake, version).resolve(ParamsLayout.ROUTER));
        LOG.info("parameter set {}: routing with {}", version, router.version());
        return IndexedScoringModel.from(set, router);
    }

    /** The trained router in {@code dir} when the directory exists, else the rule router. */
    static Router loadRouter(Path dir) {
        return Router.of(Files.isDirectory(dir) ? Optional.of(RouterModelIo.read(dir)) : Optional.empty());
    }

    /** Exposed for tools that want the full set (manifest, profiles) rather than the scoring view. */
    public ParameterSet loadSet(String version) {
        return ParameterSetLoader.load(lake, version);
    }
}
