package io.andiag.datasets.replay;

import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeOfDaySourceTest {

    private static final long DAY0 = 1_795_305_600_000L;   // 2026-11-22T00:00:00Z
    private static final long HOUR = 3_600_000L;

    /** Records at the given hours of day 0 and day 1, in event-time order; counts the reads. */
    private static final class Hours implements ReplaySource {
        final Iterator<Long> ts;
        int reads;
        boolean closed;

        Hours(long... hours) {
            List<Long> list = new ArrayList<>();
            for (long h : hours) {
                list.add(DAY0 + h * HOUR);
            }
            ts = list.iterator();
        }

        @Override
        public ReplayRecord next() {
            if (!ts.hasNext()) {
                return null;
            }
            reads++;
            return new ReplayRecord("t", "k", new byte[0], ts.next());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static List<Long> hoursOf(ReplaySource s) {
        List<Long> out = new ArrayList<>();
        for (ReplayRecord r = s.next(); r != null; r = s.next()) {
            out.add((r.eventTs() - DAY0) / HOUR);
        }
        return out;
    }

    @Test
    void shouldKeepOnlyTheWindowOfEachDay() {
        Hours in = new Hours(5, 6, 7, 13, 14, 29, 30, 38);     // day 1: 05:00, 06:00, 14:00
        TimeOfDaySource s = new TimeOfDaySource(in, LocalTime.of(6, 0), LocalTime.of(14, 0), Long.MAX_VALUE);
        assertThat(hoursOf(s)).containsExactly(6L, 7L, 13L, 30L);   // [06:00, 14:00): 14:00 itself is out
        s.close();
        assertThat(in.closed).isTrue();
    }

    @Test
    void shouldStopReadingAfterTheLastWindow() {
        Hours in = new Hours(6, 13, 14, 15, 16, 17);
        TimeOfDaySource s = new TimeOfDaySource(in, LocalTime.of(6, 0), LocalTime.of(14, 0), DAY0 + 14 * HOUR);
        assertThat(hoursOf(s)).containsExactly(6L, 13L);
        assertThat(in.reads).as("the 14:00 record ends the read").isEqualTo(3);
    }

    @Test
    void shouldRefuseAnEmptyWindow() {
        assertThatThrownBy(() -> new TimeOfDaySource(new Hours(), LocalTime.of(8, 0), LocalTime.of(8, 0), 0))
                .hasMessageContaining("08:00");
    }
}
