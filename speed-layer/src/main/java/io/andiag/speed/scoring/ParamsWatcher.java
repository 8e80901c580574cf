package io.andiag.speed.scoring;

import io.andiag.speed.stream.SpeedMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * Follows the published parameter set. When {@code LATEST} names a new version it is loaded and validated in full,
 * off the stream threads, and only then offered to the scorers; a version that fails is refused once, with a log
 * line and a metric, and the set in service keeps serving until a later version is published.
 */
public final class ParamsWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ParamsWatcher.class);

    private final ModelSource source;
    private final SpeedMetrics metrics;
    private ScoringModelHolder holder;
    private String refused;

    public ParamsWatcher(ModelSource source, SpeedMetrics metrics) {
        this.source = Objects.requireNonNull(source, "source");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Loads the published set to start serving with.
     *
     * @throws ParameterSetUnavailableException when nothing is published or the published set cannot be served
     */
    public synchronized ScoringModelHolder start() {
        String version = source.latestVersion().orElseThrow(() -> new ParameterSetUnavailableException(
                "no published parameter set (params/LATEST is missing): run 'bin/andiag batch --lake ... --date ...' first", null));
        ScoringModel model;
        try {
            model = source.load(version);
        } catch (RuntimeException e) {
            metrics.paramSetRefused();
            throw new ParameterSetUnavailableException("the published parameter set " + version + " cannot be served: " + e.getMessage(), e);
        }
        metrics.paramSetLoaded(model.version());
        LOG.info("serving parameter set {}", model.version());
        holder = new ScoringModelHolder(model);
        return holder;
    }

    /** Checks {@code LATEST} once; returns true when a new set was put into service. */
    public synchronized boolean poll() {
        if (holder == null) {
            throw new IllegalStateException("start() first");
        }
        String serving = holder.latest().version();
        Optional<String> latest;
        try {
            latest = source.latestVersion();
        } catch (RuntimeException e) {
            refuse("LATEST", e.getMessage(), serving);
            return false;
        }
        if (latest.isEmpty() || latest.get().equals(serving) || latest.get().equals(refused)) {
            return false;
        }
        String version = latest.get();
        try {
            ScoringModel model = source.load(version);
            holder.offer(model);
            metrics.paramSetLoaded(model.version());
            refused = null;
            LOG.info("parameter set {} loaded; scorers switch to it at their next minute (was {})", version, serving);
            return true;
        } catch (RuntimeException e) {
            refuse(version, e.getMessage(), serving);
            return false;
        }
    }

    /** Counts and logs a refusal once per distinct problem, so a broken LATEST does not flood the log every poll. */
    private void refuse(String what, String problem, String serving) {
        String key = what + ": " + problem;
        if (key.equals(refused) || what.equals(refused)) {
            return;
        }
        refused = "LATEST".equals(what) ? key : what;
        metrics.paramSetRefused();
        LOG.error("refusing parameter set {}: {}; still serving {}", what, problem, serving);
    }
}
