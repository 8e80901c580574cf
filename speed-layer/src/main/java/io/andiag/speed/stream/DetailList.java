package io.andiag.speed.stream;

import io.andiag.model.codec.Decoded;
import io.andiag.model.codec.DetailCodec;
import io.andiag.model.codec.TimestampBounds;
import io.andiag.model.record.DetailRecord;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of sampled details as bytes, for the details store and the region-minute repartition topic. Each detail is
 * its wire JSON ({@link DetailCodec}, the one implementation of the format), length-prefixed:
 * {@code format (byte 1) | count (int) | count x (length (int) | JSON bytes)}.
 */
public final class DetailList {

    static final byte FORMAT = 1;
    /** Stored details were validated on the way in; re-reading them must not depend on today's clock. */
    private static final DetailCodec CODEC = new DetailCodec(TimestampBounds.historical());

    private DetailList() {
    }

    public static byte[] toBytes(List<DetailRecord> details) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + details.size() * 180);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            write(out, details);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Number of details in {@code bytes} (null: none), without decoding them. */
    public static int count(byte[] bytes) {
        if (bytes == null) {
            return 0;
        }
        checkFormat(bytes);
        return java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** {@code bytes} (null: an empty list) with {@code detail} appended, without decoding the others. */
    public static byte[] append(byte[] bytes, DetailRecord detail) {
        if (bytes == null) {
            return toBytes(List.of(detail));
        }
        int n = count(bytes);
        byte[] json = CODEC.encode(detail);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(bytes.length + 4 + json.length);
        out.put(bytes).putInt(1, n + 1).putInt(json.length).put(json);
        return out.array();
    }

    private static void checkFormat(byte[] bytes) {
        if (bytes.length < 5 || bytes[0] != FORMAT) {
            throw new IllegalArgumentException("not a detail list of format " + FORMAT + " (" + bytes.length + " bytes)");
        }
    }

    public static List<DetailRecord> fromBytes(byte[] bytes) {
        if (bytes == null) {
            return List.of();
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("detail list format " + format + " is not supported (this code reads " + FORMAT + ")");
            }
            return read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt detail list: " + e.getMessage(), e);
        }
    }

    /** Writes the count and the details (no format byte), for enclosing formats. */
    static void write(DataOutputStream out, List<DetailRecord> details) throws IOException {
        out.writeInt(details.size());
        for (DetailRecord d : details) {
            byte[] json = CODEC.encode(d);
            out.writeInt(json.length);
            out.write(json);
        }
    }

    /** Reads what {@link #write} wrote. */
    static List<DetailRecord> read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("detail count " + n + " is out of range");
        }
        List<DetailRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = in.readInt();
            if (len < 0 || len > 65_536) {
                throw new IOException("detail length " + len + " is out of range");
            }
            byte[] json = in.readNBytes(len);
            Decoded<DetailRecord> d = CODEC.decode(json);
            if (!d.isOk()) {
                throw new IOException("detail " + i + ": " + d.rejection());
            }
            out.add(d.value());
        }
        return out;
    }
}
