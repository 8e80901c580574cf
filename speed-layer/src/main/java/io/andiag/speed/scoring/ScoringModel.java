package io.andiag.speed.scoring;

import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.features.ScoringProfile;
import io.andiag.model.forest.IsolationForest;
import io.andiag.model.routing.Router;

/**
 * Everything the speed layer needs from one published parameter set, indexed for the hot path: the profile of a
 * series by (ip, slot) without building a key object, the cold-start profile for series the set does not know, the
 * forest and its threshold, and the router of the diagnosis. Immutable once built; shared by every stream thread, and
 * swapped whole, so a new set brings its router with it.
 */
public interface ScoringModel {

    /** The parameter-set version, written on every abnormal record it scored. */
    String version();

    /** The profile of series (ip, slot), or null when the set has not profiled it. Slot as in RetxCounts. */
    ScoringProfile profile(String ip, int slot);

    /** The profile used for series the set does not know (new containers, first retransmission ever). */
    ScoringProfile coldStart(int slot);

    /** True when the set profiled any series of this IP (it existed when the set was trained). */
    boolean knowsIp(String ip);

    FeatureExtractor extractor();

    IsolationForest forest();

    /** Scores at or above it are abnormal. */
    double threshold();

    /** The router of the set's {@code router/} (trained), or the rule router when the set has none. */
    Router router();
}
