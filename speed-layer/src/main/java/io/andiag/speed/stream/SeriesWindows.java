package io.andiag.speed.stream;

import io.andiag.model.features.RecentWindow;
import io.andiag.model.record.RetxCounts;

import java.nio.ByteBuffer;

/**
 * The short-window state of every tracked series of one IP, as stored in the {@code series-state} store:
 * {@code short slotMask} then, for each slot in the mask in ascending order, the {@link RecentWindow} bytes.
 */
final class SeriesWindows {

    private SeriesWindows() {
    }

    /** Fills {@code windows} (length {@link RetxCounts#SLOTS}) from stored bytes; null bytes mean no state. */
    static void read(byte[] bytes, RecentWindow[] windows) {
        java.util.Arrays.fill(windows, null);
        if (bytes == null) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int mask = b.getShort() & 0xFFFF;
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            if ((mask & (1 << slot)) != 0) {
                windows[slot] = RecentWindow.readFrom(b);
            }
        }
    }

    /** The bytes of the non-null windows, or null when there are none (the store entry is deleted). */
    static byte[] write(RecentWindow[] windows) {
        int mask = 0;
        int size = Short.BYTES;
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            if (windows[slot] != null) {
                mask |= 1 << slot;
                size += windows[slot].serializedSize();
            }
        }
        if (mask == 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putShort((short) mask);
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            if (windows[slot] != null) {
                windows[slot].writeTo(b);
            }
        }
        return b.array();
    }
}
