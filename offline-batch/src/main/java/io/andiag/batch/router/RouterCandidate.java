package io.andiag.batch.router;

import io.andiag.model.routing.RoutingFeatureSchema;
import io.andiag.model.routing.Team;
import io.andiag.batch.spark.SparkArrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * One emitted region-minute of the history replay: what the speed layer would have diagnosed in that minute with the
 * candidate's detector (its routing features, severity, scope and the rule router's route), and the label it takes
 * ({@link LabelIndex}). The rows of {@code _work/router_candidates}, the training and evaluation input of the router.
 *
 * @param region         region
 * @param minute         epoch ms, minute-aligned
 * @param dt             UTC day of the minute
 * @param abnormalIps    abnormal source IPs, sorted
 * @param monitoredIps   IPs of the region with a heartbeat in that minute
 * @param severity       severity level 0..9, -1 below L0 (emitted for a concentration)
 * @param emitReason     {@code severity} or {@code concentrated} (EmissionRule)
 * @param scope          the drill-down scope text ("" = region-wide)
 * @param features       routing features, RoutingFeatureSchema order
 * @param ruleTeam       the rule router's team
 * @param ruleConfidence the rule router's confidence
 * @param labelId        the winning label's id, null when none overlaps
 * @param labelKind      INCIDENT or BENIGN, null when none
 * @param labelTeam      the team of an INCIDENT label, else null
 * @param labelSource    OPERATOR, SIMULATOR or SELF, null when none
 * @param labelOverlap   abnormal IPs among the label's affected IPs (0 when none)
 */
public record RouterCandidate(String region, long minute, String dt, String[] abnormalIps, int monitoredIps, int severity,
                              String emitReason, String scope, double[] features, String ruleTeam, double ruleConfidence,
                              String labelId, String labelKind, String labelTeam, String labelSource, int labelOverlap)
        implements Serializable {

    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("region", DataTypes.StringType, false),
            DataTypes.createStructField("minute", DataTypes.LongType, false),
            DataTypes.createStructField("dt", DataTypes.StringType, false),
            DataTypes.createStructField("abnormal_ips", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("abnormal_count", DataTypes.IntegerType, false),
            DataTypes.createStructField("monitored_ips", DataTypes.IntegerType, false),
            DataTypes.createStructField("severity", DataTypes.IntegerType, false),
            DataTypes.createStructField("emit_reason", DataTypes.StringType, false),
            DataTypes.createStructField("scope", DataTypes.StringType, false),
            DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false),
            DataTypes.createStructField("rule_team", DataTypes.StringType, false),
            DataTypes.createStructField("rule_confidence", DataTypes.DoubleType, false),
            DataTypes.createStructField("label_id", DataTypes.StringType, true),
            DataTypes.createStructField("label_kind", DataTypes.StringType, true),
            DataTypes.createStructField("label_team", DataTypes.StringType, true),
            DataTypes.createStructField("label_source", DataTypes.StringType, true),
            DataTypes.createStructField("label_overlap", DataTypes.IntegerType, false)));

    public RouterCandidate {
        if (features.length != RoutingFeatureSchema.size()) {
            throw new IllegalArgumentException("a candidate needs " + RoutingFeatureSchema.size() + " features, got " + features.length);
        }
    }

    /** The team of its INCIDENT label; empty for benign or unlabelled candidates ("no incident"). */
    public Optional<Team> team() {
        return "INCIDENT".equals(labelKind) && labelTeam != null ? Optional.of(Team.valueOf(labelTeam)) : Optional.empty();
    }

    public boolean isLabelled() {
        return labelKind != null;
    }

    public Row toRow() {
        // with its schema, so fromRow reads it back by name (as it reads the rows of the work table)
        return new GenericRowWithSchema(new Object[] {region, minute, dt, abnormalIps, abnormalIps.length, monitoredIps, severity,
                emitReason, scope, features, ruleTeam, ruleConfidence, labelId, labelKind, labelTeam, labelSource, labelOverlap}, SCHEMA);
    }

    public static RouterCandidate fromRow(Row r) {
        return new RouterCandidate(r.getString(r.fieldIndex("region")), r.getLong(r.fieldIndex("minute")), r.getString(r.fieldIndex("dt")),
                SparkArrays.strings(r.get(r.fieldIndex("abnormal_ips"))), r.getInt(r.fieldIndex("monitored_ips")), r.getInt(r.fieldIndex("severity")),
                r.getString(r.fieldIndex("emit_reason")), r.getString(r.fieldIndex("scope")),
                SparkArrays.doubles(r.get(r.fieldIndex("features"))), r.getString(r.fieldIndex("rule_team")),
                r.getDouble(r.fieldIndex("rule_confidence")), r.getString(r.fieldIndex("label_id")), r.getString(r.fieldIndex("label_kind")),
                r.getString(r.fieldIndex("label_team")), r.getString(r.fieldIndex("label_source")), r.getInt(r.fieldIndex("label_overlap")));
    }
}
