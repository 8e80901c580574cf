package io.andiag.speed.stream;

import java.nio.ByteBuffer;
import java.util.Objects;

/** A closed minute of one IP: what the window emitted once its grace period passed. */
public record IpMinute(long minute, MinuteCounts counts) {

    static final int BYTES = Long.BYTES + MinuteCounts.BYTES;

    public IpMinute {
        Objects.requireNonNull(counts, "counts");
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(minute).put(counts.toBytes()).array();
    }

    static IpMinute fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("an IP-minute must be " + BYTES + " bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long minute = b.getLong();
        byte[] rest = new byte[MinuteCounts.BYTES];
        b.get(rest);
        return new IpMinute(minute, MinuteCounts.fromBytes(rest));
    }
}
