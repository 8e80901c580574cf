package io.andiag.batch.series;

import io.andiag.model.record.SeriesKey;

import java.io.Serializable;

/**
 * What a later step needs of one profiled series, keyed by IP for the join with {@link IpSeries}.
 *
 * @param slot    the series' slot within its IP ({@link SeriesKey#slot()})
 * @param key     series key text
 * @param level   frequency level name
 * @param pattern pattern name
 * @param quality quality
 */
public record ProfileLookup(int slot, String key, String level, String pattern, double quality) implements Serializable {
}
