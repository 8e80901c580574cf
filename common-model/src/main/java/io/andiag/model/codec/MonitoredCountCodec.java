package io.andiag.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import io.andiag.model.record.MonitoredCount;

import java.io.IOException;

/** Per region-minute monitored-IP counts (JSON v1): {@code {"v":1,"minute":...,"region":"region-a","monitored_ips":1998,"partition":2}}. */
public final class MonitoredCountCodec {

    public static final int VERSION = 1;

    public byte[] encode(MonitoredCount m) {
        return WireJson.encode(96, g -> {
            g.writeStartObject();
            g.writeNumberField("v", VERSION);
            g.writeNumberField("minute", m.minute());
            g.writeStringField("region", m.region());
            g.writeNumberField("monitored_ips", m.monitoredIps());
            g.writeNumberField("partition", m.partition());
            g.writeEndObject();
        });
    }

    public Decoded<MonitoredCount> decode(byte[] json) {
        return JsonTree.decode(json, "a monitored-count record", root -> {
            JsonTree.version(root, VERSION);
            return new MonitoredCount(JsonTree.integer(root, "minute"), JsonTree.text(root, "region"),
                    (int) JsonTree.integer(root, "monitored_ips"), (int) JsonTree.integer(root, "partition"));
        });
    }
}
