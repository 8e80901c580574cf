package io.andiag.speed.stream;

import io.andiag.model.features.RecentWindow;
import io.andiag.model.record.RetxCounts;

import java.nio.ByteBuffer;

/**
 * The short-window state of every tracked series of one IP, as stored in the {@code series-state} store:
 * {@code short slotMask} then, for each slot in the mask in ascending order, the {@link RecentWindow} bytes.
 *
 * <p>One instance per stream task, loaded with one IP after another: it keeps a window per slot and reuses it, so
 * scoring an IP-minute allocates only the bytes written back (the store keeps them, so they must be new).
 */
final class SeriesWindows {

    private final RecentWindow[] reusable = new RecentWindow[RetxCounts.SLOTS];
    /** Bit {@code slot} set: the series of that slot has state. */
    private int tracked;

    /** Replaces the state with the stored bytes of one IP; null bytes mean no series has state. */
    void load(byte[] bytes) {
        tracked = 0;
        if (bytes == null) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int mask = b.getShort() & 0xFFFF;
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            if ((mask & (1 << slot)) != 0) {
                window(slot).load(b);
            }
        }
        tracked = mask;
    }

    /** The window of the slot's series, or null when it has no state. */
    RecentWindow get(int slot) {
        return (tracked & (1 << slot)) != 0 ? reusable[slot] : null;
    }

    /** Starts an empty window of {@code capacity} minutes for the slot's series, replacing any state it had. */
    RecentWindow start(int slot, int capacity) {
        RecentWindow w = window(slot);
        w.reset(capacity);
        tracked |= 1 << slot;
        return w;
    }

    /** Forgets the state of the slot's series. */
    void drop(int slot) {
        tracked &= ~(1 << slot);
    }

    /** The bytes of the series with state, or null when there are none (the store entry is deleted). */
    byte[] toBytes() {
        if (tracked == 0) {
            return null;
        }
        int size = Short.BYTES;
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            if ((tracked & (1 << slot)) != 0) {
                size += reusable[slot].serializedSize();
            }
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putShort((short) tracked);
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            if ((tracked & (1 << slot)) != 0) {
                reusable[slot].writeTo(b);
            }
        }
        return b.array();
    }

    private RecentWindow window(int slot) {
        if (reusable[slot] == null) {
            reusable[slot] = new RecentWindow(RecentWindow.MAX_CAPACITY);
        }
        return reusable[slot];
    }
}
