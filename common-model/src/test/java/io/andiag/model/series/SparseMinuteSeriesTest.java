package io.andiag.model.series;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SparseMinuteSeriesTest {

    /** 2024-11-18T00:00:00Z. */
    private static final long MIDNIGHT = 1_731_888_000_000L;
    private static final long MIN = 60_000L;
    private static final double EXACT = 1e-12;

    @Test
    void shouldSumCountsOfTheSameMinuteAndMarkThemObserved() {
        SparseMinuteSeries s = SparseMinuteSeries.builder(MIDNIGHT, 10)
                .add(7, 2).add(3, 1).add(7, 5).add(4, 0)
                .build();
        assertThat(s.nonZeroCount()).isEqualTo(2);
        assertThat(s.nonZeroMinute(0)).isEqualTo(3);
        assertThat(s.nonZeroValue(1)).isEqualTo(7);
        assertThat(s.countAt(7)).isEqualTo(7);
        assertThat(s.isObserved(4)).isTrue();
        assertThat(s.countAt(4)).isZero();
        assertThat(s.observedCount()).isEqualTo(3);
        assertThat(s.totalCount()).isEqualTo(8);
    }

    @Test
    void shouldTreatGapsAsMissingNotZero() {
        // 4 observed minutes, 1 with retx: share 1/4 regardless of the 96 unobserved minutes
        SparseMinuteSeries s = SparseMinuteSeries.builder(MIDNIGHT, 100).observeRange(10, 13).add(50, 3).build();
        assertThat(s.activeShare()).isCloseTo(0.25, within(EXACT));
        assertThat(s.isObserved(20)).isFalse();
        assertThat(s.level(FrequencySettings.defaults())).isEqualTo(FrequencyLevel.MEDIUM);
    }

    @Test
    void shouldIterateObservedMinutesAcrossWordBoundaries() {
        SparseMinuteSeries s = SparseMinuteSeries.builder(MIDNIGHT, 200)
                .observe(0).observe(63).observe(64).observe(130).observe(199).build();
        StringBuilder seen = new StringBuilder();
        for (int m = s.nextObserved(0); m >= 0; m = s.nextObserved(m + 1)) {
            seen.append(m).append(' ');
        }
        assertThat(seen.toString()).isEqualTo("0 63 64 130 199 ");
        assertThat(s.observedCount(1, 131)).isEqualTo(3);
        assertThat(s.nextObserved(200)).isEqualTo(-1);
    }

    @Test
    void shouldBuildFromBitsetAndPairsLikeTheBuilder() {
        BitSet observed = new BitSet();
        observed.set(0, 5);
        SparseMinuteSeries a = SparseMinuteSeries.of(MIDNIGHT, 5, observed, new int[] {4, 1, 4}, new int[] {1, 2, 3});
        SparseMinuteSeries b = SparseMinuteSeries.builder(MIDNIGHT, 5).observeRange(0, 5).add(1, 2).add(4, 4).build();
        assertThat(a).isEqualTo(b);
        assertThat(a.observed()).isEqualTo(observed);
    }

    @Test
    void shouldMapTimestampsToMinutes() {
        SparseMinuteSeries s = SparseMinuteSeries.builder(MIDNIGHT, 3).addAt(MIDNIGHT + 2 * MIN + 59_999, 4).build();
        assertThat(s.countAt(2)).isEqualTo(4);
        assertThat(s.minuteTs(2)).isEqualTo(MIDNIGHT + 2 * MIN);
        assertThatThrownBy(() -> SparseMinuteSeries.builder(MIDNIGHT, 3).addAt(MIDNIGHT + 3 * MIN, 1))
                .hasMessageContaining("outside the window");
    }

    @Test
    void shouldRejectMisalignedStartAndNegativeCounts() {
        assertThatThrownBy(() -> SparseMinuteSeries.builder(MIDNIGHT + 1, 3))
                .hasMessage("startMs must be minute-aligned, got " + (MIDNIGHT + 1));
        assertThatThrownBy(() -> SparseMinuteSeries.builder(MIDNIGHT, 3).add(1, -1))
                .hasMessage("count must be >= 0, got -1 at minute 1");
    }

    @Test
    void shouldAggregateByUtcClockHourFromSparseForm() {
        // window 00:30 .. 02:30 (120 minutes) covers three clock hours: 00 (30 min), 01 (60), 02 (30)
        long start = MIDNIGHT + 30 * MIN;
        SparseMinuteSeries s = SparseMinuteSeries.builder(start, 120)
                .observeRange(0, 30)            // 00:30-00:59 observed, no retx
                .add(30, 6).add(89, 6)          // 01:00 and 01:59, only these observed in hour 01
                .build();
        HourlyAggregate h = s.hourly();
        assertThat(h.hours()).isEqualTo(3);
        assertThat(h.hourOfDay(0)).isZero();
        assertThat(h.hourOfDay(2)).isEqualTo(2);
        assertThat(h.observed(0)).isEqualTo(30);
        assertThat(h.mean(0)).isZero();
        assertThat(h.sum(1)).isEqualTo(12.0);
        assertThat(h.observed(1)).isEqualTo(2);
        assertThat(h.mean(1)).isCloseTo(6.0, within(EXACT)); // mean over observed minutes, gaps excluded
        assertThat(h.mean(2)).isNaN();                         // no observed minute
    }

    @Test
    void shouldSliceWithShiftedMinutes() {
        SparseMinuteSeries s = SparseMinuteSeries.builder(MIDNIGHT, 100).observeRange(0, 100).add(10, 1).add(60, 2).add(99, 3).build();
        SparseMinuteSeries tail = s.slice(50, 100);
        assertThat(tail.startMs()).isEqualTo(MIDNIGHT + 50 * MIN);
        assertThat(tail.minutes()).isEqualTo(50);
        assertThat(tail.observedCount()).isEqualTo(50);
        assertThat(tail.countAt(10)).isEqualTo(2);
        assertThat(tail.countAt(49)).isEqualTo(3);
        assertThat(tail.totalCount()).isEqualTo(5);
        assertThatThrownBy(() -> s.slice(5, 5)).hasMessageContaining("non-empty range");
    }

    @Test
    void shouldSurviveJavaSerialization() throws Exception {
        SparseMinuteSeries s = SparseMinuteSeries.builder(MIDNIGHT, 300).observeRange(0, 300).add(5, 1).add(299, 9).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(s);
        }
    }
}
