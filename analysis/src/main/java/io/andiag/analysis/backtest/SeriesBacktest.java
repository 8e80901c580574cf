package io.andiag.analysis.backtest;

import io.andiag.model.features.ScoringProfile;
import io.andiag.model.profile.Pattern;

/**
 * What the backtest learned and found for one series.
 *
 * @param name            series name
 * @param grid            the series on the minute clock
 * @param trainMinutes    minutes [0, trainMinutes) of the series trained; the rest was scored
 * @param pattern         the level-2 pattern of the training part
 * @param profile         level, noise model and quality the points were scored with
 * @param coldStart       true when the training part had no non-zero value (scored with the cold-start model)
 * @param minuteScore     the score of every observed minute (NaN for gaps): training minutes from the replay, the
 *                        others scored one by one after it
 * @param threshold       the detector's threshold (shared by the series of one file)
 */
public record SeriesBacktest(String name, SeriesGrid grid, int trainMinutes, Pattern pattern, ScoringProfile profile,
                             boolean coldStart, double[] minuteScore, double threshold) {

    public long trainStartMs() {
        return grid.series().startMs();
    }

    /** First epoch ms of the scored part. */
    public long scoreStartMs() {
        return grid.series().minuteTs(trainMinutes);
    }

    public boolean flagged(int minute) {
        return !Double.isNaN(minuteScore[minute]) && minuteScore[minute] >= threshold;
    }

    /** Observed minutes of the scored part that the detector flags. */
    public int flaggedScoredMinutes() {
        int n = 0;
        for (int m = trainMinutes; m < minuteScore.length; m++) {
            n += flagged(m) ? 1 : 0;
        }
        return n;
    }

    public int scoredMinutes() {
        return grid.series().observedCount(trainMinutes, grid.series().minutes());
    }

    public int trainedMinutes() {
        return grid.series().observedCount(0, trainMinutes);
    }
}
