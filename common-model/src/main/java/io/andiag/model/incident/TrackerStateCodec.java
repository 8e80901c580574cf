package io.andiag.model.incident;

import io.andiag.model.routing.Team;
import io.andiag.model.severity.SeverityLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binary form of a {@link TrackerState} (big-endian, {@link DataOutputStream} encoding):
 * <pre>
 * byte   format version (2)
 * UTF    region
 * long   last minute processed (Long.MIN_VALUE: none)
 * long   first minute of the last opened incident; int incidents opened in that minute
 * int    open incidents, then per incident: byte team ordinal, long last seen minute, double weight, per team (in
 *        ordinal order) double votes and boolean has-path [+ int n + n UTF path], the IP sketch, its last alert (its
 *        region is the state's):
 *        UTF id, byte status, long first minute, long minute, byte severity (-1: none), int abnormal, int monitored,
 *        byte route team (-1: none), double confidence, boolean needs review, int n + n UTF path,
 *        int n + n (UTF dimension, UTF value) scope, int n + n (UTF app, int abnormal) apps, int services,
 *        int n + n (UTF feature, double value) top features, int n + n UTF samples, UTF param version
 * boolean a pending (unconfirmed) minute [+ long minute, the IP sketch]
 * IP sketch: int IPs, int n + n long hashes (ascending)
 * </pre>
 * Version 1 (no votes, sketch or pending minute) is still read: each open incident then starts its vote from its
 * last route, with an empty IP sketch.
 */
final class TrackerStateCodec {

    static final byte FORMAT_VERSION = 2;
    private static final byte FORMAT_VERSION_1 = 1;

    private TrackerStateCodec() {
    }

    static byte[] encode(TrackerState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 512 * s.open.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeUTF(s.region);
            out.writeLong(s.lastMinute);
            out.writeLong(s.lastOpenMinute);
            out.writeInt(s.openedInLastOpenMinute);
            out.writeInt(s.open.size());
            for (TrackerState.Open o : s.open) {
                out.writeByte(o.team.ordinal());
                out.writeLong(o.lastSeen);
                out.writeDouble(o.weight);
                for (int t = 0; t < o.votes.length; t++) {
                    out.writeDouble(o.votes[t]);
                    out.writeBoolean(o.paths[t] != null);
                    if (o.paths[t] != null) {
                        writeStrings(out, o.paths[t]);
                    }
                }
                writeSketch(out, o.ips);
                writeAlert(out, o.last);
            }
            out.writeBoolean(s.pending != null);
            if (s.pending != null) {
                out.writeLong(s.pending.minute());
                writeSketch(out, s.pending.ips());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static TrackerState decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readByte();
            if (version != FORMAT_VERSION && version != FORMAT_VERSION_1) {
                throw new IllegalArgumentException("tracker state format version " + version
                        + " is not supported (this code reads " + FORMAT_VERSION_1 + " and " + FORMAT_VERSION + ")");
            }
            TrackerState s = new TrackerState(in.readUTF());
            s.lastMinute = in.readLong();
            s.lastOpenMinute = in.readLong();
            s.openedInLastOpenMinute = in.readInt();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                s.open.add(version == FORMAT_VERSION_1 ? readOpenV1(in, s.region) : readOpen(in, s.region));
            }
            if (version != FORMAT_VERSION_1 && in.readBoolean()) {
                s.pending = new TrackerState.Pending(in.readLong(), readSketch(in));
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("tracker state has " + in.available() + " trailing bytes");
            }
            return s;
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("corrupt tracker state (" + bytes.length + " bytes): " + e, e);
        }
    }

    private static TrackerState.Open readOpen(DataInputStream in, String region) throws IOException {
        Team team = Team.values()[in.readByte()];
        long lastSeen = in.readLong();
        double weight = in.readDouble();
        double[] votes = new double[Team.values().length];
        List<List<String>> paths = new ArrayList<>();
        for (int t = 0; t < votes.length; t++) {
            votes[t] = in.readDouble();
            paths.add(in.readBoolean() ? readStrings(in) : null);
        }
        IpSketch ips = readSketch(in);
        TrackerState.Open o = new TrackerState.Open(team, lastSeen, readAlert(in, region), ips);
        o.weight = weight;
        for (int t = 0; t < votes.length; t++) {
            o.votes[t] = votes[t];
            o.paths[t] = paths.get(t);
        }
        return o;
    }

    /** A version-1 incident: its vote starts from its last route, as if it had lasted one minute (its last alert's). */
    private static TrackerState.Open readOpenV1(DataInputStream in, String region) throws IOException {
        Team team = Team.values()[in.readByte()];
        long lastSeen = in.readLong();
        TrackerState.Open o = new TrackerState.Open(team, lastSeen, readAlert(in, region), IpSketch.empty());
        o.weight = o.last.abnormalIps();
        o.votes[team.ordinal()] = o.last.route().confidence() * o.last.abnormalIps();
        o.paths[team.ordinal()] = o.last.route().path();
        return o;
    }

    private static void writeSketch(DataOutputStream out, IpSketch sketch) throws IOException {
        out.writeInt(sketch.count());
        long[] hashes = sketch.hashes();
        out.writeInt(hashes.length);
        for (long h : hashes) {
            out.writeLong(h);
        }
    }

    private static IpSketch readSketch(DataInputStream in) throws IOException {
        int count = in.readInt();
        int n = in.readInt();
        if (n < 0 || n > IpSketch.CAPACITY) {
            throw new IOException("IP sketch of " + n + " hashes");
        }
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = in.readLong();
        }
        return IpSketch.of(hashes, count);
    }

    /** Package-private for the test that writes a version-1 state by hand. */
    static void writeAlert(DataOutputStream out, IncidentAlert a) throws IOException {
        out.writeUTF(a.incidentId());
        out.writeByte(a.status().ordinal());
        out.writeLong(a.firstMinute());
        out.writeLong(a.minute());
        out.writeByte(a.severity().map(SeverityLevel::level).orElse(-1));
        out.writeInt(a.abnormalIps());
        out.writeInt(a.monitoredIps());
        Route r = a.route();
        out.writeByte(r.team().map(Team::ordinal).orElse(-1));
        out.writeDouble(r.confidence());
        out.writeBoolean(r.needsReview());
        writeStrings(out, r.path());
        out.writeInt(a.scope().size());
        for (ScopeTerm t : a.scope()) {
            out.writeUTF(t.dimension());
            out.writeUTF(t.value());
        }
        out.writeInt(a.apps().size());
        for (AppImpact app : a.apps()) {
            out.writeUTF(app.app());
            out.writeInt(app.abnormalIps());
        }
        out.writeInt(a.services());
        out.writeInt(a.evidence().topFeatures().size());
        for (Map.Entry<String, Double> e : a.evidence().topFeatures().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
        writeStrings(out, a.evidence().samples());
        out.writeUTF(a.paramVersion());
    }

    private static IncidentAlert readAlert(DataInputStream in, String region) throws IOException {
        String id = in.readUTF();
        AlertStatus status = AlertStatus.values()[in.readByte()];
        long first = in.readLong();
        long minute = in.readLong();
        int sev = in.readByte();
        Optional<SeverityLevel> severity = sev < 0 ? Optional.empty() : Optional.of(SeverityLevel.ofLevel(sev));
        int abnormal = in.readInt();
        int monitored = in.readInt();
        int team = in.readByte();
        double confidence = in.readDouble();
        boolean review = in.readBoolean();
        Route route = new Route(team < 0 ? Optional.empty() : Optional.of(Team.values()[team]), confidence, review,
                readStrings(in));
        int n = in.readInt();
        List<ScopeTerm> scope = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            scope.add(new ScopeTerm(in.readUTF(), in.readUTF()));
        }
        n = in.readInt();
        List<AppImpact> apps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            apps.add(new AppImpact(in.readUTF(), in.readInt()));
        }
        int services = in.readInt();
        n = in.readInt();
        Map<String, Double> top = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            top.put(in.readUTF(), in.readDouble());
        }
        Evidence evidence = new Evidence(top, readStrings(in));
        return new IncidentAlert(id, status, region, first, minute, severity, abnormal, monitored, route, scope, apps,
                services, evidence, in.readUTF());
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }
}
