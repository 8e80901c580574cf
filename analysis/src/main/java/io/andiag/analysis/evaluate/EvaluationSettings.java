package io.andiag.analysis.evaluate;

/**
 * How alerts are matched to ground truth.
 *
 * @param matchSlackMinutes an alerted incident matches a label when its minutes [first, last] overlap the label's
 *                          [start, end + slack): the diagnosis needs a minute or two after the last affected minute to
 *                          see it, and resolving takes a few quiet minutes. The same slack keeps the minutes right
 *                          after an event out of the quiet minutes.
 */
public record EvaluationSettings(int matchSlackMinutes) {

    public static final int DEFAULT_MATCH_SLACK_MINUTES = 5;

    public EvaluationSettings {
        if (matchSlackMinutes < 0) {
            throw new IllegalArgumentException("match slack must be >= 0 minutes, got " + matchSlackMinutes);
        }
    }

    public static EvaluationSettings defaults() {
        return new EvaluationSettings(DEFAULT_MATCH_SLACK_MINUTES);
    }
}
