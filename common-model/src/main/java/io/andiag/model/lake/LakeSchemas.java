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

    // abnormal, incidents, monitored (speed-layer output archived by andiag archive)
    public static final String MINUTE = "minute";
    public static final String OBSERVED = "observed";
    public static final String EXPECTED = "expected";
    public static final String SPREAD = "spread";
    public static final String SCORE = "score";
    public static final String THRESHOLD = "threshold";
    public static final String COLD_START = "cold_start";
    public static final String FEATURE_NAMES = "feature_names";
    public static final String FEATURE_VALUES = "feature_values";
    public static final String PARAM_VERSION = "param_version";
    public static final String STATUS = "status";
    public static final String FIRST_MINUTE = "first_minute";
    public static final String ABNORMAL_IPS = "abnormal_ips";
    public static final String MONITORED_IPS = "monitored_ips";
    public static final String CONFIDENCE = "confidence";
    public static final String NEEDS_REVIEW = "needs_review";
    public static final String ROUTE_PATH = "route_path";
    public static final String SCOPE_TERMS = "scope_terms";
    public static final String APPS = "apps";
    public static final String APP_ABNORMAL_IPS = "app_abnormal_ips";
    public static final String SERVICES = "services";
    public static final String EVIDENCE_FEATURES = "evidence_features";
    public static final String EVIDENCE_VALUES = "evidence_values";
    public static final String EVIDENCE_SAMPLES = "evidence_samples";
    public static final String PARTITION = "partition";
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";
    public static final String ARCHIVED_AT = "archived_at";

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

    public static final MessageType ABNORMAL = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named(MINUTE)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(IP)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(SCENARIO)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(TYPE)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(REGION)
            .required(PrimitiveTypeName.INT32).named(OBSERVED)
            .required(PrimitiveTypeName.DOUBLE).named(EXPECTED)
            .required(PrimitiveTypeName.DOUBLE).named(SPREAD)
            .required(PrimitiveTypeName.DOUBLE).named(SCORE)
            .required(PrimitiveTypeName.DOUBLE).named(THRESHOLD)
            .required(PrimitiveTypeName.BOOLEAN).named(COLD_START)
            .requiredList().requiredElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named(FEATURE_NAMES)
            .requiredList().requiredElement(PrimitiveTypeName.DOUBLE).named(FEATURE_VALUES)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(PARAM_VERSION)
            .required(PrimitiveTypeName.INT32).named(KAFKA_PARTITION)
            .required(PrimitiveTypeName.INT64).named(KAFKA_OFFSET)
            .required(PrimitiveTypeName.INT64).named(ARCHIVED_AT)
            .named(LakeLayout.ABNORMAL);
    public static final MessageType INCIDENTS = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(INCIDENT_ID)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(STATUS)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(REGION)
            .required(PrimitiveTypeName.INT64).named(FIRST_MINUTE)
            .required(PrimitiveTypeName.INT64).named(MINUTE)
            .required(PrimitiveTypeName.INT32).named(SEVERITY)
            .required(PrimitiveTypeName.INT32).named(ABNORMAL_IPS)
            .required(PrimitiveTypeName.INT32).named(MONITORED_IPS)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(TEAM)
            .required(PrimitiveTypeName.DOUBLE).named(CONFIDENCE)
            .required(PrimitiveTypeName.BOOLEAN).named(NEEDS_REVIEW)
            .requiredList().requiredElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named(ROUTE_PATH)
            .requiredList().requiredElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named(SCOPE_TERMS)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(SCOPE)
            .requiredList().requiredElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named(APPS)
            .requiredList().requiredElement(PrimitiveTypeName.INT32).named(APP_ABNORMAL_IPS)
            .required(PrimitiveTypeName.INT32).named(SERVICES)
            .requiredList().requiredElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named(EVIDENCE_FEATURES)
            .requiredList().requiredElement(PrimitiveTypeName.DOUBLE).named(EVIDENCE_VALUES)
            .requiredList().requiredElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named(EVIDENCE_SAMPLES)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(PARAM_VERSION)
            .required(PrimitiveTypeName.INT32).named(KAFKA_PARTITION)
            .required(PrimitiveTypeName.INT64).named(KAFKA_OFFSET)
            .required(PrimitiveTypeName.INT64).named(ARCHIVED_AT)
            .named(LakeLayout.INCIDENTS);
    public static final MessageType MONITORED = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named(MINUTE)
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(REGION)
            .required(PrimitiveTypeName.INT32).named(MONITORED_IPS)
            .required(PrimitiveTypeName.INT32).named(PARTITION)
            .required(PrimitiveTypeName.INT32).named(KAFKA_PARTITION)
            .required(PrimitiveTypeName.INT64).named(KAFKA_OFFSET)
            .required(PrimitiveTypeName.INT64).named(ARCHIVED_AT)
            .named(LakeLayout.MONITORED);

    private static final Map<String, MessageType> BY_TABLE = Map.of(
            LakeLayout.RETX_COUNTERS, RETX_COUNTERS,
            LakeLayout.RETX_DETAILS, RETX_DETAILS,
            LakeLayout.IP_ATTRIBUTES, IP_ATTRIBUTES,
            LakeLayout.LABELS, LABELS,
            LakeLayout.SERIES_TRUTH, SERIES_TRUTH,
            LakeLayout.ABNORMAL, ABNORMAL,
            LakeLayout.INCIDENTS, INCIDENTS,
            LakeLayout.MONITORED, MONITORED);

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
