package io.andiag.model.label;

/**
 * Who produced a label. Ground truth and operator verdicts always win over self-labels, which are confident
 * routes of the system itself fed back into the next day's training set.
 */
public enum LabelSource {
    SIMULATOR,
    OPERATOR,
    SELF
}
