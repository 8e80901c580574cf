package io.andiag.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The {@code and.retx.details} wire format (JSON, v1):
 *
 * <pre>{"v":1,"ts":...,"ip":"10.3.7.21","sport":41822,"dip":"10.9.0.5","dport":6379,"type":"rto","scenario":"INTRANET","pid":811,"comm":"java"}</pre>
 *
 * {@code pid} and {@code comm} are optional (0 and "" when the agent could not attribute the socket).
 */
public final class DetailCodec {

    private final TimestampBounds bounds;

    public DetailCodec(TimestampBounds bounds) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
    }

    public Decoded<DetailRecord> decode(byte[] json) {
        return WireJson.decode(json, this::read);
    }

    public Decoded<DetailRecord> decode(String json) {
        return json == null ? decode((byte[]) null) : decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private DetailRecord read(JsonParser p) throws IOException, WireJson.Reject {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new WireJson.Reject(RejectReason.UNPARSEABLE, "a detail record must be a JSON object, got " + WireJson.describe(p));
        }
        Integer v = null;
        Long ts = null;
        String ip = null;
        Integer sport = null;
        String dip = null;
        Integer dport = null;
        RetxType type = null;
        Scenario scenario = null;
        int pid = 0;
        String comm = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "v" -> v = WireJson.readInt(p, "v");
                case "ts" -> ts = WireJson.readLong(p, "ts");
                case "ip" -> ip = WireJson.readIp(p, "ip");
                case "sport" -> sport = port(p, "sport");
                case "dip" -> dip = WireJson.readIp(p, "dip");
                case "dport" -> dport = port(p, "dport");
                case "type" -> {
                    String t = WireJson.readString(p, "type");
                    type = RetxType.fromWire(t).orElseThrow(() ->
                            new WireJson.Reject(RejectReason.UNKNOWN_RETX_TYPE, "unknown retx type '" + WireJson.abbreviate(t) + "'"));
                }
                case "scenario" -> {
                    String s = WireJson.readString(p, "scenario");
                    scenario = Scenario.fromWire(s).orElseThrow(() ->
                            new WireJson.Reject(RejectReason.UNKNOWN_SCENARIO, "unknown scenario '" + WireJson.abbreviate(s) + "'"));
                }
                case "pid" -> pid = p.currentToken() == JsonToken.VALUE_NULL ? 0 : WireJson.readInt(p, "pid");
                case "comm" -> comm = p.currentToken() == JsonToken.VALUE_NULL ? "" : WireJson.readString(p, "comm");
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new WireJson.Reject(RejectReason.UNPARSEABLE, "truncated detail record");
        }
        if (p.nextToken() != null) {
            throw new WireJson.Reject(RejectReason.UNPARSEABLE, "trailing content after the detail record");
        }
        WireJson.requirePresent(v != null, "v");
        WireJson.checkVersion(v, DetailRecord.VERSION);
        WireJson.requirePresent(ts != null, "ts");
        WireJson.requirePresent(ip != null, "ip");
        WireJson.requirePresent(sport != null, "sport");
        WireJson.requirePresent(dip != null, "dip");
        WireJson.requirePresent(dport != null, "dport");
        WireJson.requirePresent(type != null, "type");
        WireJson.requirePresent(scenario != null, "scenario");
        WireJson.checkTimestamp(ts, bounds);
        return new DetailRecord(ts, ip, sport, dip, dport, type, scenario, pid, comm);
    }

    private static int port(JsonParser p, String field) throws IOException, WireJson.Reject {
        int port = WireJson.readInt(p, field);
        if (port < 0 || port > 65_535) {
            throw new WireJson.Reject(RejectReason.INVALID_FIELD, "field '" + field + "' must be a port 0..65535, got " + port);
        }
        return port;
    }

    public byte[] encode(DetailRecord r) {
        return WireJson.encode(160, g -> write(g, r));
    }

    /** Writes the wire JSON of {@code r} to {@code w} without a trailing newline (for JSON-lines files). */
    public void encode(DetailRecord r, Writer w) throws IOException {
        WireJson.encode(w, g -> write(g, r));
    }

    public String encodeToString(DetailRecord r) {
        return new String(encode(r), StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator g, DetailRecord r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("v", DetailRecord.VERSION);
        g.writeNumberField("ts", r.ts());
        g.writeStringField("ip", r.ip());
        g.writeNumberField("sport", r.sport());
        g.writeStringField("dip", r.dip());
        g.writeNumberField("dport", r.dport());
        g.writeStringField("type", r.type().wireName());
        g.writeStringField("scenario", r.scenario().wireName());
        g.writeNumberField("pid", r.pid());
        g.writeStringField("comm", r.comm());
        g.writeEndObject();
    }
}
