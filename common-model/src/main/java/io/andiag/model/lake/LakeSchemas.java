package io.andiag.model.lake;

import io.andiag.model.record.RetxCounts;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.util.Map;

/**
 * The Parquet schema of every lake table, declared once. Column names are the contract analysts and Spark use;
 * docs/lake.md documents every column. Timestamps are plain int64 epoch milliseconds (UTC), as on the wire.
 */
public final class LakeSchemas {

    // Columns shared by several tables.
    public static final String TS = "ts";
    public static final String IP = "ip";

    // retx_counters
    public static final String INTERVAL_S = "interval_s";

    // retx_details
    public static final String SPORT = "sport";
    public static final String DIP = "dip";
    public static final String DPORT = "dport";
    public static final String TYPE = "type";
    public static final String SCENARIO = "scenario";
    public static final String PID = "pid";
    public static final String COMM = "comm";

    // ip_attributes
    public static final String KIND = "kind";
    public static final String APP = "app";
    public static final String APP_TEAM = "app_team";
    public static final String VM = "vm";
    public static final String HOST = "host";
    public static final String TOR = "tor";
    public static final String VSWITCH = "vswitch";
    public static final String VPC = "vpc";
    public static final String AZ = "az";
    public static final String REGION = "region";
    public static final String IS_VIP = "is_vip";
    public static final String GATEWAY_CLUSTER = "gateway_cluster";

    // labels
    public static final String INCIDENT_ID = "incident_id";
    public static final String TEAM = "team";
    public static final String CAUSE = "cause";
    public static final String SCOPE = "scope";
    public static final String START_TS = "start_ts";
    public static final String END_TS = "end_ts";
    public static final String SEVERITY = "severity";
    public static final String AFFECTED_IPS = "affected_ips";
    public static final String SOURCE = "source";

    // series_truth
    public static final String FREQUENCY_LEVEL = "frequency_level";
    public static final String PATTERN = "pattern";
    public static final String BASE_RATE = "base_rate";

    private static final String[] COUNTER_COLUMNS = new String[RetxCounts.SLOTS];

    static {
        for (int slot = 0; slot < RetxCounts.SLOTS; slot++) {
            COUNTER_COLUMNS[slot] = RetxCounts.scenarioOf(slot).columnPrefix() + "_" + RetxCounts.typeOf(slot).wireName();
        }
    }

    public static final MessageType RETX_COUNTERS = counters();
    public static final MessageType RETX_DETAILS = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named(TS)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(IP)
            .required(PrimitiveTypeName.INT32).named(SPORT)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(DIP)
            .required(PrimitiveTypeName.INT32).named(DPORT)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(TYPE)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(SCENARIO)
            .required(PrimitiveTypeName.INT32).named(PID)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(COMM)
            .named(LakeLayout.RETX_DETAILS);
    public static final MessageType IP_ATTRIBUTES = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(IP)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(KIND)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(APP)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(APP_TEAM)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(VM)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(HOST)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(TOR)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(VSWITCH)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(VPC)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(AZ)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(REGION)
            .required(PrimitiveTypeName.BOOLEAN).named(IS_VIP)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(GATEWAY_CLUSTER)
            .named(LakeLayout.IP_ATTRIBUTES);
    public static final MessageType LABELS = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(INCIDENT_ID)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(KIND)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(TEAM)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(CAUSE)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(REGION)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(SCOPE)
            .required(PrimitiveTypeName.INT64).named(START_TS)
            .required(PrimitiveTypeName.INT64).named(END_TS)
            .required(PrimitiveTypeName.INT32).named(SEVERITY)
            .requiredList().requiredElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named(AFFECTED_IPS)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(SOURCE)
            .named(LakeLayout.LABELS);
    public static final MessageType SERIES_TRUTH = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(IP)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(SCENARIO)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(TYPE)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(FREQUENCY_LEVEL)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(PATTERN)
            .required(PrimitiveTypeName.DOUBLE).named(BASE_RATE)
            .named(LakeLayout.SERIES_TRUTH);

    private static final Map<String, MessageType> BY_TABLE = Map.of(
            LakeLayout.RETX_COUNTERS, RETX_COUNTERS,
            LakeLayout.RETX_DETAILS, RETX_DETAILS,
            LakeLayout.IP_ATTRIBUTES, IP_ATTRIBUTES,
            LakeLayout.LABELS, LABELS,
            LakeLayout.SERIES_TRUTH, SERIES_TRUTH);

    private LakeSchemas() {
    }

    /** The counter column of a (scenario, type) pair, e.g. {@code cross_region_rto}. */
    public static String counterColumn(Scenario scenario, RetxType type) {
        return COUNTER_COLUMNS[RetxCounts.slot(scenario, type)];
    }

    /** The counter column of a {@link RetxCounts} slot. */
    public static String counterColumn(int slot) {
        return COUNTER_COLUMNS[slot];
    }

    /** The schema of a table named in {@link LakeLayout}. */
    public static MessageType of(String table) {
        MessageType schema = BY_TABLE.get(table);
        if (schema == null) {
            throw new IllegalArgumentException("unknown lake table '" + table + "', known: " + BY_TABLE.keySet());
        }
        return schema;
    }

    private static MessageType counters() {
        Types.GroupBuilder<MessageType> b = Types.buildMessage()
                .required(PrimitiveTypeName.INT64).named(TS)
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(IP)
                .required(PrimitiveTypeName.INT32).named(INTERVAL_S);
        for (String column : COUNTER_COLUMNS) {
            b.required(PrimitiveTypeName.INT32).named(column);
        }
        return b.named(LakeLayout.RETX_COUNTERS);
    }
}
