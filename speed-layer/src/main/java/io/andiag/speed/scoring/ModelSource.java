package io.andiag.speed.scoring;

import java.util.Optional;

/** Where scoring models come from: the version currently published, and a way to load and validate one. */
public interface ModelSource {

    /** The published version ({@code params/LATEST}), or empty when nothing was ever published. */
    Optional<String> latestVersion();

    /**
     * Loads and validates {@code version} completely before returning.
     *
     * @throws RuntimeException with a message naming the version and the problem when it cannot be served
     */
    ScoringModel load(String version);
}
