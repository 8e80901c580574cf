package io.andiag.speed.stream;

import io.andiag.model.features.RecentWindow;
import io.andiag.model.record.RetxCounts;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesWindowsTest {

    private static final long MIN = 60_000L;
    private static final long M0 = 1_700_000_040_000L;

    private static RecentWindow window(int capacity, int... counts) {
        RecentWindow w = new RecentWindow(capacity);
        for (int i = 0; i < counts.length; i++) {
            w.push(M0 + i * MIN, counts[i]);
        }
        return w;
    }

    /** The stored layout, written out by hand: state written before the windows were reused must still read. */
    private static byte[] stored(int[] slots, RecentWindow... windows) {
        int size = Short.BYTES;
        int mask = 0;
        for (int i = 0; i < slots.length; i++) {
            mask |= 1 << slots[i];
            size += windows[i].serializedSize();
        }
        ByteBuffer b = ByteBuffer.allocate(size).putShort((short) mask);
        for (RecentWindow w : windows) {
            b.put(w.toBytes());
        }
        return b.array();
    }

    @Test
    void readsAndWritesTheStoredLayout() {
        RecentWindow first = window(5, 1, 2, 3);
        RecentWindow last = window(5, 0, 0, 7, 0, 0, 9);
        int lastSlot = RetxCounts.SLOTS - 1;
        byte[] bytes = stored(new int[] {0, lastSlot}, first, last);

        SeriesWindows windows = new SeriesWindows();
        windows.load(bytes);
        assertThat(windows.get(0)).isEqualTo(first);
        assertThat(windows.get(lastSlot)).isEqualTo(last);
        for (int slot = 1; slot < lastSlot; slot++) {
            assertThat(windows.get(slot)).as("slot %d", slot).isNull();
        }
        assertThat(windows.toBytes()).isEqualTo(bytes);
    }

    @Test
    void loadingAnotherIpLeavesNothingOfThePreviousOne() {
        SeriesWindows windows = new SeriesWindows();
        windows.load(stored(new int[] {1, 2}, window(8, 5, 5, 5, 5, 5, 5, 5, 5), window(5, 4)));
        byte[] next = stored(new int[] {2}, window(3, 0, 1));
        windows.load(next);

        assertThat(windows.get(1)).isNull();
        assertThat(windows.get(2)).isEqualTo(window(3, 0, 1));
        assertThat(windows.toBytes()).isEqualTo(next);

        windows.load(null);
        assertThat(windows.get(2)).isNull();
        assertThat(windows.toBytes()).as("no state: the store entry is deleted").isNull();
    }

    @Test
    void startAndDropChangeWhatIsWritten() {
        SeriesWindows windows = new SeriesWindows();
        windows.load(stored(new int[] {3}, window(5, 1, 2, 3)));

        RecentWindow started = windows.start(4, 5);
        assertThat(started.isEmpty()).isTrue();
        started.push(M0, 6);
        RecentWindow restarted = windows.start(3, 4);
        assertThat(restarted).as("a started window replaces the state the series had").isEqualTo(new RecentWindow(4));
        restarted.push(M0, 1);
        assertThat(windows.toBytes()).isEqualTo(stored(new int[] {3, 4}, window(4, 1), window(5, 6)));

        windows.drop(3);
        windows.drop(4);
        assertThat(windows.toBytes()).isNull();
    }

    @Test
    void corruptStateIsRefusedAndLeavesNoSeriesTracked() {
        byte[] bytes = stored(new int[] {0, 1}, window(5, 1), window(5, 2));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 2);
        SeriesWindows windows = new SeriesWindows();
        windows.load(stored(new int[] {5}, window(5, 9)));

        assertThatThrownBy(() -> windows.load(truncated)).hasMessage("recent window bytes are truncated");
        assertThat(windows.toBytes()).isNull();
    }
}
