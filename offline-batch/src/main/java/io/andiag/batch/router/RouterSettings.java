package io.andiag.batch.router;

/**
 * Settings of the train-router step (and of train-bootstrap-router). Each is declared once here, with its option
 * name, default and bounds; an invalid value is refused at construction with a message naming the option.
 *
 * @param maxIter             GBT boosting iterations (trees) per model
 * @param maxDepth            GBT tree depth
 * @param stepSize            GBT learning rate
 * @param seed                seed of the GBTs and of the held-out split
 * @param holdoutShare        share of each team's labelled incidents held out for the evaluation (split by incident,
 *                            so the minutes of one incident never sit on both sides)
 * @param selfLabelBar        confidence at or above which a route of the last history day becomes a SELF label
 * @param selfLabelMinMinutes fewest consecutive confident minutes (same region and team) that make a SELF label
 * @param minLabelledIncidents fewest labelled incidents (of at least two teams) to train a router in the region;
 *                            with fewer the bundled bootstrap router is used
 * @param syntheticPerTeam    synthetic incidents per team and region ({@link FaultInjector}) added to the training
 *                            examples (never to the held-out ones); 0 trains on the labels alone
 */
public record RouterSettings(int maxIter, int maxDepth, double stepSize, long seed, double holdoutShare, double selfLabelBar,
                             int selfLabelMinMinutes, int minLabelledIncidents, int syntheticPerTeam) {

    public static final int DEFAULT_MAX_ITER = 30;
    public static final int DEFAULT_MAX_DEPTH = 4;
    public static final double DEFAULT_STEP_SIZE = 0.1;
    public static final long DEFAULT_SEED = 17;
    public static final double DEFAULT_HOLDOUT_SHARE = 0.25;
    public static final double DEFAULT_SELF_LABEL_BAR = 0.8;
    public static final int DEFAULT_SELF_LABEL_MIN_MINUTES = 2;
    public static final int DEFAULT_MIN_LABELLED_INCIDENTS = 8;
    /**
     * Enough that every team's every fault shape (ToR and AZ, vSwitch and VPC, VIP and NAT, ...) is drawn at tens of sizes,
     * few enough that the GBTs of a nightly run still fit in seconds (docs/routing.md, "Fault-injection augmentation").
     */
    public static final int DEFAULT_SYNTHETIC_PER_TEAM = 300;

    public RouterSettings {
        if (maxIter < 1 || maxIter > 500) {
            throw new IllegalArgumentException("--router-max-iter must be in 1..500, got " + maxIter);
        }
        if (maxDepth < 1 || maxDepth > 10) {
            throw new IllegalArgumentException("--router-max-depth must be in 1..10, got " + maxDepth);
        }
        if (!(stepSize > 0 && stepSize <= 1)) {
            throw new IllegalArgumentException("--router-step-size must be in (0, 1], got " + stepSize);
        }
        if (!(holdoutShare >= 0 && holdoutShare < 1)) {
            throw new IllegalArgumentException("--holdout-share must be in [0, 1), got " + holdoutShare);
        }
        if (!(selfLabelBar >= 0 && selfLabelBar <= 1)) {
            throw new IllegalArgumentException("--self-label-bar must be in [0, 1], got " + selfLabelBar);
        }
        if (selfLabelMinMinutes < 1 || selfLabelMinMinutes > 1440) {
            throw new IllegalArgumentException("--self-label-min-minutes must be in 1..1440, got " + selfLabelMinMinutes);
        }
        if (minLabelledIncidents < 2) {
            throw new IllegalArgumentException("--min-labelled-incidents must be >= 2, got " + minLabelledIncidents);
        }
        if (syntheticPerTeam < 0 || syntheticPerTeam > 10_000) {
            throw new IllegalArgumentException("--synthetic-per-team must be in 0..10000, got " + syntheticPerTeam);
        }
    }

    public static RouterSettings defaults() {
        return new RouterSettings(DEFAULT_MAX_ITER, DEFAULT_MAX_DEPTH, DEFAULT_STEP_SIZE, DEFAULT_SEED, DEFAULT_HOLDOUT_SHARE,
                DEFAULT_SELF_LABEL_BAR, DEFAULT_SELF_LABEL_MIN_MINUTES, DEFAULT_MIN_LABELLED_INCIDENTS,
                DEFAULT_SYNTHETIC_PER_TEAM);
    }
}
