package io.andiag.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.andiag.model.record.CounterRecord;
import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * The {@code and.retx.counters} wire format (JSON, v1), decoded with a streaming parser because it is read for every
 * record of every IP every interval.
 *
 * <pre>{"v":1,"ts":1732406400000,"ip":"10.3.7.21","interval_s":15,"counts":{"INTRANET":{"syn":0,"rto":4}}}</pre>
 *
 * Unknown top-level fields are ignored (forward compatibility); inside {@code counts} an unknown scenario or retx
 * type is refused, because silently dropping counts would hide retransmissions. A missing or empty {@code counts}
 * is a heartbeat; a missing {@code syn}/{@code rto} inside a scenario is zero.
 */
public final class CounterCodec {

    private final TimestampBounds bounds;

    public CounterCodec(TimestampBounds bounds) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
    }

    public Decoded<CounterRecord> decode(byte[] json) {
        return WireJson.decode(json, this::read);
    }

    public Decoded<CounterRecord> decode(String json) {
        return json == null ? decode((byte[]) null) : decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private CounterRecord read(JsonParser p) throws IOException, WireJson.Reject {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new WireJson.Reject(RejectReason.UNPARSEABLE, "a counter record must be a JSON object, got " + WireJson.describe(p));
        }
        boolean hasV = false;
        boolean hasTs = false;
        boolean hasInterval = false;
        int v = 0;
        long ts = 0;
        int interval = 0;
        String ip = null;
        RetxCounts counts = RetxCounts.zero();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "v" -> {
                    v = WireJson.readInt(p, "v");
                    hasV = true;
                }
                case "ts" -> {
                    ts = WireJson.readLong(p, "ts");
                    hasTs = true;
                }
                case "ip" -> ip = WireJson.readIp(p, "ip");
                case "interval_s" -> {
                    interval = WireJson.readInt(p, "interval_s");
                    hasInterval = true;
                }
                case "counts" -> counts = readCounts(p);
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new WireJson.Reject(RejectReason.UNPARSEABLE, "truncated counter record");
        }
        if (p.nextToken() != null) {
            throw new WireJson.Reject(RejectReason.UNPARSEABLE, "trailing content after the counter record");
        }
        WireJson.requirePresent(hasV, "v");
        WireJson.checkVersion(v, CounterRecord.VERSION);
        WireJson.requirePresent(hasTs, "ts");
        WireJson.requirePresent(ip != null, "ip");
        WireJson.requirePresent(hasInterval, "interval_s");
        if (interval <= 0 || interval > CounterRecord.MAX_INTERVAL_S) {
            throw new WireJson.Reject(RejectReason.INVALID_FIELD,
                    "interval_s must be in 1.." + CounterRecord.MAX_INTERVAL_S + " (a heartbeat at least every minute), got " + interval);
        }
        WireJson.checkTimestamp(ts, bounds);
        return new CounterRecord(ts, ip, interval, counts);
    }

    private static RetxCounts readCounts(JsonParser p) throws IOException, WireJson.Reject {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return RetxCounts.zero();
        }
        WireJson.requireStartObject(p, "counts");
        int[] values = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String scenarioName = p.currentName();
            Scenario scenario = Scenario.fromWire(scenarioName).orElseThrow(() ->
                    new WireJson.Reject(RejectReason.UNKNOWN_SCENARIO, "unknown scenario '" + WireJson.abbreviate(scenarioName) + "' in counts"));
            p.nextToken();
            WireJson.requireStartObject(p, "counts." + scenarioName);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String typeName = p.currentName();
                RetxType type = RetxType.fromWire(typeName).orElseThrow(() ->
                        new WireJson.Reject(RejectReason.UNKNOWN_RETX_TYPE,
                                "unknown retx type '" + WireJson.abbreviate(typeName) + "' in counts." + scenarioName));
                p.nextToken();
                String path = "counts." + scenarioName + "." + typeName;
                long c = WireJson.readLong(p, path);
                if (c < 0) {
                    throw new WireJson.Reject(RejectReason.NEGATIVE_COUNT, path + " is negative: " + c);
                }
                if (c > Integer.MAX_VALUE) {
                    throw new WireJson.Reject(RejectReason.INVALID_FIELD, path + " is out of range: " + c);
                }
                if (values == null) {
                    values = new int[RetxCounts.SLOTS];
                }
                values[RetxCounts.slot(scenario, type)] = (int) c;
            }
        }
        return values == null ? RetxCounts.zero() : RetxCounts.of(values);
    }

    /** The wire JSON of {@code r}; scenarios with no retransmission are left out, a heartbeat has {@code "counts":{}}. */
    public byte[] encode(CounterRecord r) {
        return WireJson.encode(128, g -> write(g, r));
    }

    /** Writes the wire JSON of {@code r} to {@code w} without a trailing newline (for JSON-lines files). */
    public void encode(CounterRecord r, Writer w) throws IOException {
        WireJson.encode(w, g -> write(g, r));
    }

    public String encodeToString(CounterRecord r) {
        return new String(encode(r), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator g, CounterRecord r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("v", CounterRecord.VERSION);
        g.writeNumberField("ts", r.ts());
        g.writeStringField("ip", r.ip());
        g.writeNumberField("interval_s", r.intervalS());
        g.writeObjectFieldStart("counts");
        RetxCounts c = r.counts();
        for (Scenario s : Scenario.values()) {
            int syn = c.get(s, RetxType.SYN);
            int rto = c.get(s, RetxType.RTO);
            if (syn != 0 || rto != 0) {
                g.writeObjectFieldStart(s.wireName());
                g.writeNumberField(RetxType.SYN.wireName(), syn);
                g.writeNumberField(RetxType.RTO.wireName(), rto);
                g.writeEndObject();
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
