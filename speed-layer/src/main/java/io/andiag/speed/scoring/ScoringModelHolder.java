package io.andiag.speed.scoring;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The newest accepted scoring model. The loader {@link #offer offers} a validated model at any time; scorers
 * {@link #latest() read} it and switch only at a minute boundary of their own, so one minute of one partition is
 * always scored by one parameter set: nothing is dropped or scored twice across a swap.
 */
public final class ScoringModelHolder {

    private final AtomicReference<ScoringModel> latest;

    public ScoringModelHolder(ScoringModel initial) {
        this.latest = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public ScoringModel latest() {
        return latest.get();
    }

    /** Makes {@code model} the one scorers pick up at their next minute. */
    public void offer(ScoringModel model) {
        latest.set(Objects.requireNonNull(model, "model"));
    }
}
