package io.andiag.speed.diagnosis;

import io.andiag.model.record.MonitoredCount;
import io.andiag.model.routing.AbnormalSource;
import io.andiag.speed.stream.DetailList;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Binary form of a {@link RegionEvent} (internal topic and state only, never read by anything else):
 * <pre>
 * format (byte 1) | kind (byte: 1 abnormal, 2 monitored) | region (UTF) | minute (long) | then
 *   abnormal:  ip (UTF) | slot mask (int) | observed (int) | param version (UTF) | details ({@link DetailList})
 *   monitored: monitored IPs (int) | partition (int)
 * </pre>
 * The reader refuses other format versions, so a format change must bump it and keep reading the previous one.
 */
public final class RegionEventSerde implements Serde<RegionEvent> {

    static final byte FORMAT = 1;
    private static final byte ABNORMAL = 1;
    private static final byte MONITORED = 2;

    public static byte[] toBytes(RegionEvent e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(e instanceof RegionEvent.Abnormal ? ABNORMAL : MONITORED);
            out.writeUTF(e.region());
            out.writeLong(e.minute());
            if (e instanceof RegionEvent.Abnormal a) {
                out.writeUTF(a.source().ip());
                out.writeInt(a.source().slotMask());
                out.writeInt(a.source().observed());
                out.writeUTF(a.paramVersion());
                out.write(DetailList.toBytes(a.details()));
            } else {
                MonitoredCount m = ((RegionEvent.Monitored) e).count();
                out.writeInt(m.monitoredIps());
                out.writeInt(m.partition());
            }
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a region event of a known format
     */
    public static RegionEvent fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("region event format " + format + " is not supported (this code reads " + FORMAT + ")");
            }
            byte kind = in.readByte();
            String region = in.readUTF();
            long minute = in.readLong();
            if (kind == ABNORMAL) {
                AbnormalSource source = new AbnormalSource(in.readUTF(), in.readInt(), in.readInt());
                String version = in.readUTF();
                return new RegionEvent.Abnormal(region, minute, source, version, DetailList.fromBytes(in.readAllBytes()));
            }
            if (kind == MONITORED) {
                return new RegionEvent.Monitored(new MonitoredCount(minute, region, in.readInt(), in.readInt()));
            }
            throw new IllegalArgumentException("unknown region event kind " + kind);
        } catch (IOException x) {
            throw new IllegalArgumentException("corrupt region event (" + bytes.length + " bytes): " + x.getMessage(), x);
        }
    }

    @Override
    public Serializer<RegionEvent> serializer() {
        return (topic, e) -> e == null ? null : toBytes(e);
    }

    @Override
    public Deserializer<RegionEvent> deserializer() {
        return (topic, b) -> b == null ? null : fromBytes(b);
    }
}
