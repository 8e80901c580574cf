package io.andiag.model.features;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static io.andiag.model.testing.SeriesGenerator.START_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RecentWindowTest {

    private static final long MIN = 60_000L;
    private static final double EXACT = 1e-12;

    private static RecentWindow window(int capacity, int... minuteCountPairs) {
        RecentWindow w = new RecentWindow(capacity);
        for (int i = 0; i < minuteCountPairs.length; i += 2) {
            w.push(START_MS + minuteCountPairs[i] * MIN, minuteCountPairs[i + 1]);
        }
        return w;
    }

    @Test
    void shouldAverageTheLastClockMinutes() {
        RecentWindow w = window(5, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6);
        // minutes 1..5 remain: (2 + 3 + 4 + 5 + 6) / 5 = 4
        assertThat(w.size()).isEqualTo(5);
        assertThat(w.mean()).isCloseTo(4.0, within(EXACT));
        assertThat(w.countAt(0)).isEqualTo(6);
        assertThat(w.countAt(4)).isEqualTo(2);
    }

    @Test
    void gapMinutesAreAbsentNotZero() {
        // minutes 2 and 3 missing: the mean is over minutes 0, 1, 4 only
        RecentWindow w = window(5, 0, 3, 1, 6, 4, 9);
        assertThat(w.size()).isEqualTo(3);
        assertThat(w.mean()).isCloseTo(6.0, within(EXACT));
        assertThat(w.countAt(1)).isEqualTo(-1);
    }

    @Test
    void longGapLeavesOnlyTheCurrentMinute() {
        RecentWindow w = window(5, 0, 100, 1, 100, 6, 2);
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.mean()).isEqualTo(2.0);
    }

    @Test
    void sameMinuteReplacesAndOlderMinuteIsRefused() {
        RecentWindow w = window(5, 0, 1, 1, 2);
        assertThat(w.push(START_MS + MIN + 30_000, 8)).isTrue();
        assertThat(w.countAt(0)).isEqualTo(8);
        assertThat(w.push(START_MS, 50)).isFalse();
        assertThat(w.countAt(1)).isEqualTo(1);
    }

    @Test
    void emptyWindowHasNoMean() {
        assertThat(new RecentWindow(5).mean()).isNaN();
    }

    @Test
    void shouldRoundTripThroughBytes() {
        RecentWindow w = window(5, 10, 3, 11, 0, 13, 70_000);
        byte[] bytes = w.toBytes();
        assertThat(bytes).hasSize(14 + 4 * 3);
        RecentWindow back = RecentWindow.fromBytes(bytes);
        assertThat(back).isEqualTo(w);
        assertThat(back.mean()).isEqualTo(w.mean());
        assertThat(back.newestMinuteTs()).isEqualTo(START_MS + 13 * MIN);
        // it keeps working after restore exactly as the original would
        w.push(START_MS + 16 * MIN, 5);
        back.push(START_MS + 16 * MIN, 5);
        assertThat(back).isEqualTo(w);
        assertThat(RecentWindow.fromBytes(new RecentWindow(3).toBytes())).isEqualTo(new RecentWindow(3));
    }

    @Test
    void shouldRoundTripFullWindowOfMaximumCapacity() {
        RecentWindow w = new RecentWindow(RecentWindow.MAX_CAPACITY);
        for (int m = 0; m < 40; m++) {
            w.push(START_MS + m * MIN, m);
        }
        assertThat(w.size()).isEqualTo(32);
        assertThat(RecentWindow.fromBytes(w.toBytes())).isEqualTo(w);
        assertThat(w.mean()).isCloseTo((8 + 39) / 2.0, within(EXACT));
    }

    @Test
    void shouldRejectCorruptBytesNamingTheProblem() {
        byte[] good = window(5, 0, 1).toBytes();
        byte[] badVersion = good.clone();
        badVersion[0] = 9;
        assertThatThrownBy(() -> RecentWindow.fromBytes(badVersion)).hasMessage("recent window format version must be 1, got 9");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> RecentWindow.fromBytes(truncated)).hasMessage("recent window bytes are truncated");
        byte[] wideMask = ByteBuffer.allocate(14).put((byte) 1).put((byte) 2).putInt(0b101).putLong(7).array();
        assertThatThrownBy(() -> RecentWindow.fromBytes(wideMask)).hasMessageContaining("has bits beyond capacity 2");
    }

    @Test
    void aReusedWindowLoadsExactlyWhatAFreshOneReads() {
        RecentWindow big = window(30, 0, 9, 3, 8, 7, 7, 20, 6, 29, 5);
        RecentWindow small = window(5, 40, 3, 41, 0, 43, 70_000);
        RecentWindow reused = new RecentWindow(RecentWindow.MAX_CAPACITY);
        ByteBuffer both = ByteBuffer.allocate(big.serializedSize() + small.serializedSize());
        big.writeTo(both);
        small.writeTo(both);
        both.flip();

        reused.load(both);
        assertThat(reused).isEqualTo(big);
        reused.load(both);
        assertThat(reused).as("nothing of the bigger window before it is left").isEqualTo(small).hasToString(small.toString());
        assertThat(both.hasRemaining()).isFalse();
        // and it goes on as the original does
        small.push(START_MS + 45 * MIN, 4);
        reused.push(START_MS + 45 * MIN, 4);
        assertThat(reused).isEqualTo(small);
        assertThat(reused.mean()).isEqualTo(small.mean());
    }

    @Test
    void aWindowThatFailsToLoadIsLeftEmpty() {
        RecentWindow w = window(5, 0, 1, 1, 2);
        byte[] negativeCount = window(5, 0, 1, 1, 2).toBytes();
        ByteBuffer.wrap(negativeCount).putInt(negativeCount.length - 4, -1);
        assertThatThrownBy(() -> w.load(ByteBuffer.wrap(negativeCount))).hasMessage("recent window count must be >= 0, got -1");
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.newestMinuteTs()).isEqualTo(Long.MIN_VALUE);

        RecentWindow v = window(5, 0, 1, 1, 2);
        byte[] truncated = java.util.Arrays.copyOf(negativeCount, 20);
        assertThatThrownBy(() -> v.load(ByteBuffer.wrap(truncated))).hasMessage("recent window bytes are truncated");
        assertThat(v.isEmpty()).isTrue();
    }

    @Test
    void resetEmptiesTheWindowAndSetsItsCapacity() {
        RecentWindow w = window(5, 0, 1, 1, 2);
        w.reset(3);
        assertThat(w).isEqualTo(new RecentWindow(3));
        assertThatThrownBy(() -> w.reset(33)).hasMessageContaining("capacity must be in [1, 32], got 33");
    }

    @Test
    void resizeKeepsTheNewestMinutes() {
        RecentWindow w = window(5, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5);
        w.resize(2);
        assertThat(w.size()).isEqualTo(2);
        assertThat(w.mean()).isCloseTo(4.5, within(EXACT));
        w.resize(8);
        w.push(START_MS + 5 * MIN, 6);
        assertThat(w.mean()).isCloseTo(5.0, within(EXACT));
    }
}
