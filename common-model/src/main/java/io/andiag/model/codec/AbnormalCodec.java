package io.andiag.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.andiag.model.record.AbnormalSeries;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.record.SeriesKey;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code and.abnormal} JSON (v1):
 * <pre>{"v":1,"minute":...,"ip":"10.3.7.21","scenario":"INTRANET","type":"rto","region":"region-a","observed":12,
 * "expected":1.5,"spread":0.8,"score":0.71,"threshold":0.62,"cold_start":false,"features":{"residual":13.1,...},
 * "param_version":"20261123T0210Z"}</pre>
 */
public final class AbnormalCodec {

    public byte[] encode(AbnormalSeries a) {
        return WireJson.encode(256, g -> {
            g.writeStartObject();
            g.writeNumberField("v", AbnormalSeries.VERSION);
            g.writeNumberField("minute", a.minute());
            g.writeStringField("ip", a.key().ip());
            g.writeStringField("scenario", a.key().scenario().wireName());
            g.writeStringField("type", a.key().type().wireName());
            g.writeStringField("region", a.region());
            g.writeNumberField("observed", a.observed());
            g.writeNumberField("expected", a.expected());
            g.writeNumberField("spread", a.spread());
            g.writeNumberField("score", a.score());
            g.writeNumberField("threshold", a.threshold());
            g.writeBooleanField("cold_start", a.coldStart());
            g.writeObjectFieldStart("features");
            for (Map.Entry<String, Double> e : a.features().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeStringField("param_version", a.paramVersion());
            g.writeEndObject();
        });
    }

    public Decoded<AbnormalSeries> decode(byte[] json) {
        return JsonTree.decode(json, "an abnormal record", root -> {
            JsonTree.version(root, AbnormalSeries.VERSION);
            String scenarioName = JsonTree.text(root, "scenario");
            String typeName = JsonTree.text(root, "type");
            Scenario scenario = Scenario.fromWire(scenarioName).orElseThrow(() ->
                    new WireJson.Reject(RejectReason.UNKNOWN_SCENARIO, "unknown scenario '" + scenarioName + "'"));
            RetxType type = RetxType.fromWire(typeName).orElseThrow(() ->
                    new WireJson.Reject(RejectReason.UNKNOWN_RETX_TYPE, "unknown retx type '" + typeName + "'"));
            Map<String, Double> features = new LinkedHashMap<>();
            JsonNode f = JsonTree.required(root, "features");
            for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                features.put(e.getKey(), e.getValue().asDouble());
            }
            return new AbnormalSeries(JsonTree.integer(root, "minute"),
                    new SeriesKey(JsonTree.text(root, "ip"), scenario, type), JsonTree.text(root, "region"),
                    (int) JsonTree.integer(root, "observed"), JsonTree.number(root, "expected"),
                    JsonTree.number(root, "spread"), JsonTree.number(root, "score"), JsonTree.number(root, "threshold"),
                    JsonTree.bool(root, "cold_start"), features, JsonTree.text(root, "param_version"));
        });
    }
}
