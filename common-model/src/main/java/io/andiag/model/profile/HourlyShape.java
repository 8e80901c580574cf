package io.andiag.model.profile;

/**
 * The hourly view of a series that the noise fitter's change points are computed from: the valid hours (enough
 * observed minutes), their means, and their means with the daily cycle removed.
 *
 * @param validHour      indices (into the series' {@link io.andiag.model.series.HourlyAggregate}) of the valid hours, ascending
 * @param mean           hourly mean of each valid hour
 * @param deseasonalized mean minus the centred hour-of-day component
 */
public record HourlyShape(int[] validHour, double[] mean, double[] deseasonalized) {

    public int size() {
        return validHour.length;
    }
}
