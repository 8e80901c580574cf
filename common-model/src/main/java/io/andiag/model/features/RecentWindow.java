package io.andiag.model.features;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Per-series state of the short-window feature: the counts of the observed minutes among the last {@code capacity}
 * clock minutes (the newest one included), in a ring indexed by epoch minute modulo capacity with a presence mask.
 *
 * <p>Gaps: a minute without a heartbeat is absent, never zero; the window mean is over the observed minutes in it.
 * Minutes older than {@code capacity} clock minutes before the newest fall out as time advances, so after a gap of
 * {@code capacity} minutes or more the window holds only the current minute. A minute equal to the newest replaces
 * its count (an updated aggregate); an older minute is refused and leaves the state unchanged.
 *
 * <p>Mutable, not thread-safe; one per series. Serialized form (version 1, big-endian, 14 + 4n bytes):
 * {@code byte version, byte capacity, int presenceMask, long newestEpochMinute, int count x n} with the n present
 * counts from oldest to newest (bit i of the mask: minute newest - i is present).
 */
public final class RecentWindow {

    public static final int MAX_CAPACITY = 32;
    public static final byte FORMAT_VERSION = 1;
    private static final long EMPTY = Long.MIN_VALUE;
    private static final long MINUTE_MS = 60_000L;

    private int capacity;
    private final int[] counts = new int[MAX_CAPACITY];
    /** Bit i set: minute (newest - i) is present. */
    private int mask;
    private long newest = EMPTY;

    public RecentWindow(int capacity) {
        checkCapacity(capacity);
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Records the count of the minute containing epoch ms {@code minuteTs}.
     *
     * @return false (state unchanged) when that minute is older than the newest one already in the window
     */
    public boolean push(long minuteTs, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        long minute = Math.floorDiv(minuteTs, MINUTE_MS);
        if (newest != EMPTY && minute < newest) {
            return false;
        }
        if (newest == EMPTY) {
            mask = 0;
        } else if (minute > newest) {
            long advance = minute - newest;
            mask = advance >= capacity ? 0 : (mask << advance) & fullMask(capacity);
        }
        newest = minute;
        counts[slot(minute)] = count;
        mask |= 1;
        return true;
    }

    /** Observed minutes in the window. */
    public int size() {
        return Integer.bitCount(mask);
    }

    public boolean isEmpty() {
        return mask == 0;
    }

    /** Epoch ms of the newest minute, or Long.MIN_VALUE when empty. */
    public long newestMinuteTs() {
        return newest == EMPTY ? EMPTY : newest * MINUTE_MS;
    }

    /** Count of the minute {@code age} minutes before the newest (0 = newest), or -1 when absent. */
    public int countAt(int age) {
        if (age < 0 || age >= capacity || (mask & (1 << age)) == 0) {
            return -1;
        }
        return counts[slot(newest - age)];
    }

    /** Mean count over the observed minutes in the window; NaN when empty. No allocation. */
    public double mean() {
        if (mask == 0) {
            return Double.NaN;
        }
        long sum = 0;
        for (int age = 0; age < capacity; age++) {
            if ((mask & (1 << age)) != 0) {
                sum += counts[slot(newest - age)];
            }
        }
        return (double) sum / Integer.bitCount(mask);
    }

    public void clear() {
        mask = 0;
        newest = EMPTY;
    }

    /** Empties the window and gives it {@code newCapacity}: a window reused for another series starts as new. */
    public void reset(int newCapacity) {
        checkCapacity(newCapacity);
        clear();
        capacity = newCapacity;
    }

    /** Changes the capacity, keeping the minutes that still fit (the newest ones). */
    public void resize(int newCapacity) {
        checkCapacity(newCapacity);
        if (newCapacity == capacity) {
            return;
        }
        int[] kept = new int[MAX_CAPACITY];
        int keptMask = mask & fullMask(newCapacity);
        for (int age = 0; age < Math.min(capacity, newCapacity); age++) {
            if ((keptMask & (1 << age)) != 0) {
                kept[age] = counts[slot(newest - age)];
            }
        }
        capacity = newCapacity;
        mask = keptMask;
        for (int age = 0; age < newCapacity; age++) {
            if ((mask & (1 << age)) != 0) {
                counts[slot(newest - age)] = kept[age];
            }
        }
    }

    public int serializedSize() {
        return 14 + 4 * size();
    }

    public byte[] toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(serializedSize());
        writeTo(buf);
        return buf.array();
    }

    public void writeTo(ByteBuffer buf) {
        buf.put(FORMAT_VERSION).put((byte) capacity).putInt(mask).putLong(newest);
        for (int age = capacity - 1; age >= 0; age--) {
            if ((mask & (1 << age)) != 0) {
                buf.putInt(counts[slot(newest - age)]);
            }
        }
    }

    /**
     * @throws IllegalArgumentException naming what is wrong when the bytes are not a version-1 window
     */
    public static RecentWindow fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        RecentWindow w = readFrom(buf);
        if (buf.hasRemaining()) {
            throw new IllegalArgumentException("recent window has " + buf.remaining() + " trailing bytes");
        }
        return w;
    }

    public static RecentWindow readFrom(ByteBuffer buf) {
        RecentWindow w = new RecentWindow(MAX_CAPACITY);
        w.load(buf);
        return w;
    }

    /**
     * Replaces this window, capacity included, with the window serialized at {@code buf}'s position, and moves the
     * position past it. For a reader that keeps one window per slot instead of allocating one per read.
     *
     * @throws IllegalArgumentException naming what is wrong when the bytes are not a version-1 window; the window is
     *                                  then left empty
     */
    public void load(ByteBuffer buf) {
        try {
            byte version = buf.get();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("recent window format version must be " + FORMAT_VERSION + ", got " + version);
            }
            int readCapacity = buf.get();
            checkCapacity(readCapacity);
            int readMask = buf.getInt();
            long readNewest = buf.getLong();
            if ((readMask & ~fullMask(readCapacity)) != 0) {
                throw new IllegalArgumentException("recent window mask " + Integer.toBinaryString(readMask)
                        + " has bits beyond capacity " + readCapacity);
            }
            if ((readNewest == EMPTY) != (readMask == 0) || (readMask != 0 && (readMask & 1) == 0)) {
                throw new IllegalArgumentException("recent window mask " + Integer.toBinaryString(readMask)
                        + " is inconsistent with newest minute " + readNewest);
            }
            capacity = readCapacity;
            mask = readMask;
            newest = readNewest;
            for (int age = readCapacity - 1; age >= 0; age--) {
                if ((readMask & (1 << age)) != 0) {
                    int c = buf.getInt();
                    if (c < 0) {
                        throw new IllegalArgumentException("recent window count must be >= 0, got " + c);
                    }
                    counts[slot(readNewest - age)] = c;
                }
            }
        } catch (BufferUnderflowException e) {
            clear();
            throw new IllegalArgumentException("recent window bytes are truncated", e);
        } catch (IllegalArgumentException e) {
            clear();
            throw e;
        }
    }

    private int slot(long minute) {
        return (int) Math.floorMod(minute, (long) capacity);
    }

    private static int fullMask(int capacity) {
        return capacity == 32 ? -1 : (1 << capacity) - 1;
    }

    private static void checkCapacity(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("recent window capacity must be in [1, " + MAX_CAPACITY + "], got " + capacity);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RecentWindow w) || w.capacity != capacity || w.mask != mask || w.newest != newest) {
            return false;
        }
        for (int age = 0; age < capacity; age++) {
            if ((mask & (1 << age)) != 0 && countAt(age) != w.countAt(age)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = capacity * 31 + mask;
        h = h * 31 + Long.hashCode(newest);
        for (int age = 0; age < capacity; age++) {
            h = h * 31 + countAt(age);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RecentWindow[capacity=" + capacity + ", newestMinute=" + newest + ", counts(oldest..newest)=");
        for (int age = capacity - 1; age >= 0; age--) {
            int c = countAt(age);
            sb.append(c < 0 ? "_" : Integer.toString(c)).append(age == 0 ? "]" : ",");
        }
        return sb.toString();
    }
}
