package io.andiag.batch.router;

import io.andiag.model.features.FeatureReplay;
import io.andiag.batch.detector.SeriesScoring;
import io.andiag.batch.series.IpSeries;
import io.andiag.model.features.FeatureExtractor;
import io.andiag.model.forest.AnomalyDetector;
import io.andiag.model.incident.Diagnoser;
import io.andiag.model.incident.DiagnosisSettings;
import io.andiag.model.incident.MinuteDiagnosis;
import io.andiag.model.lake.LakeSchemas;
import io.andiag.model.record.DetailRecord;
import io.andiag.model.record.RetxType;
import io.andiag.model.record.Scenario;
import io.andiag.model.routing.AbnormalSource;
import io.andiag.model.routing.RegionMinute;
import io.andiag.model.routing.RuleRouter;
import io.andiag.model.routing.RuleRouterSettings;
import io.andiag.model.severity.SeverityLevel;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.pmod;

/**
 * The history replay of train-router, on Spark: what the speed layer would have diagnosed in every minute of the
 * history with the candidate's parameter set.
 * <ol>
 *   <li>{@link #abnormal}: every profiled series replayed with common-model's {@code FeatureExtractor} (common-model's
 *       {@link FeatureReplay}) and scored with the candidate's {@link AnomalyDetector}; the abnormal series-minutes,
 *       merged per IP-minute (slot mask, retransmissions).</li>
 *   <li>{@link #monitored}: IPs with a heartbeat per region and minute (the severity denominator), the region from
 *       the day's {@code ip_attributes} ({@link AttributeSnapshots#DEFAULT_REGION} for unknown IPs).</li>
 *   <li>{@link #candidates}: the abnormal IP-minutes and their sampled {@code retx_details} grouped per region-minute
 *       into common-model {@link RegionMinute}s (attributes of sources and destinations resolved from the day's
 *       snapshot, the region's {@code Population}, the monitored count), diagnosed by common-model's
 *       {@link Diagnoser} (features, {@code EmissionRule}, drill-down, the rule router's route); the emitted ones are
 *       joined with the labels.</li>
 * </ol>
 */
public final class CandidateReplay {

    /** One abnormal IP-minute: the IP's abnormal series in that minute. */
    public record AbnormalIpMinute(String ip, long minute, int slotMask, int observed) implements Serializable {
    }

    static final StructType ABNORMAL_KEYS = DataTypes.createStructType(List.of(
            DataTypes.createStructField(LakeSchemas.IP, DataTypes.StringType, false),
            DataTypes.createStructField("minute", DataTypes.LongType, false)));

    private CandidateReplay() {
    }

    /** UTC day of an epoch-ms instant, {@code YYYY-MM-DD}. */
    static String dayOf(long ms) {
        return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** The abnormal IP-minutes of the history (IPs without a profiled series are never abnormal in the replay). */
    public static JavaRDD<AbnormalIpMinute> abnormal(JavaPairRDD<String, Tuple2<IpSeries, Iterable<SeriesScoring>>> ips,
                                                     FeatureExtractor extractor, Broadcast<AnomalyDetector> detector) {
        return ips.flatMap(t -> abnormalOf(t._2()._1(), t._2()._2(), extractor, detector.value()).iterator());
    }

    static List<AbnormalIpMinute> abnormalOf(IpSeries ip, Iterable<SeriesScoring> scoring, FeatureExtractor extractor,
                                             AnomalyDetector detector) {
        TreeMap<Integer, int[]> byMinute = new TreeMap<>();
        for (SeriesScoring s : scoring) {
            int bit = 1 << s.slot();
            FeatureReplay.replay(ip.series(s.slot()), s.profile(), extractor, (m, ts, count, f) -> {
                if (detector.flags(f)) {
                    int[] acc = byMinute.computeIfAbsent(m, k -> new int[2]);
                    acc[0] |= bit;
                    acc[1] += count;
                }
            });
        }
        List<AbnormalIpMinute> out = new ArrayList<>(byMinute.size());
        byMinute.forEach((m, acc) -> out.add(new AbnormalIpMinute(ip.ip(), ip.startMs() + m * 60_000L, acc[0], acc[1])));
        return out;
    }

    /** Per region, the number of IPs with a heartbeat in each minute of the history (index = minute of the window). */
    public static Map<String, int[]> monitored(JavaRDD<IpSeries> series, Broadcast<AttributeSnapshots> attributes, long startMs,
                                              int minutes) {
        return series.mapPartitionsToPair(it -> {
                    Map<String, int[]> acc = new HashMap<>();
                    AttributeSnapshots snap = attributes.value();
                    while (it.hasNext()) {
                        IpSeries s = it.next();
                        long[] words = s.observedWords();
                        String day = null;
                        String region = null;
                        int[] counts = null;
                        for (int w = 0; w < words.length; w++) {
                            long bits = words[w];
                            while (bits != 0) {
                                int m = (w << 6) + Long.numberOfTrailingZeros(bits);
                                bits &= bits - 1;
                                if (m >= minutes) {
                                    break;
                                }
                                String d = dayOf(startMs + m * 60_000L);
                                if (!d.equals(day)) {
                                    day = d;
                                    region = snap.day(d).regionOf(s.ip());
                                    counts = acc.computeIfAbsent(region, r -> new int[minutes]);
                                }
                                counts[m]++;
                            }
                        }
                    }
                    List<Tuple2<String, int[]>> out = new ArrayList<>();
                    acc.forEach((r, c) -> out.add(new Tuple2<>(r, c)));
                    return out.iterator();
                })
                .reduceByKey((a, b) -> {
                    int[] sum = a.clone();
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += b[i];
                    }
                    return sum;
                })
                .collect()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Tuple2::_1, Tuple2::_2, (a, b) -> a, HashMap::new));
    }

    /** What the candidate tasks share. */
    public record Context(AttributeSnapshots attributes, Map<String, int[]> monitored, long startMs, LabelIndex labels)
            implements Serializable {
    }

    /**
     * The emitted region-minutes of the history with their labels.
     *
     * @param abnormal   the abnormal IP-minutes
     * @param details    {@code retx_details} rows of the history (lake columns)
     * @param notEmitted counts the region-minutes with abnormal IPs that the emission rule did not emit
     */
    public static JavaRDD<RouterCandidate> candidates(SparkSession spark, JavaRDD<AbnormalIpMinute> abnormal, Dataset<Row> details,
                                                      Broadcast<Context> context, LongAccumulator notEmitted) {
        Dataset<Row> keys = spark.createDataFrame(abnormal.map(a -> RowFactory.create(a.ip(), a.minute())), ABNORMAL_KEYS);
        Dataset<Row> abnormalDetails = details
                .select(col(LakeSchemas.TS), col(LakeSchemas.IP), col(LakeSchemas.SPORT), col(LakeSchemas.DIP), col(LakeSchemas.DPORT),
                        col(LakeSchemas.TYPE), col(LakeSchemas.SCENARIO), col(LakeSchemas.PID), col(LakeSchemas.COMM))
                .withColumn("minute", col(LakeSchemas.TS).minus(pmod(col(LakeSchemas.TS), org.apache.spark.sql.functions.lit(60_000L))))
                .join(keys, scala.jdk.javaapi.CollectionConverters.asScala(List.of(LakeSchemas.IP, "minute")).toSeq(), "left_semi")
                // a join on named columns puts them first: restore the order detail() reads
                .select(col(LakeSchemas.TS), col(LakeSchemas.IP), col(LakeSchemas.SPORT), col(LakeSchemas.DIP), col(LakeSchemas.DPORT),
                        col(LakeSchemas.TYPE), col(LakeSchemas.SCENARIO), col(LakeSchemas.PID), col(LakeSchemas.COMM), col("minute"));

        JavaPairRDD<Tuple2<String, Long>, AbnormalIpMinute> sources = abnormal.mapToPair(a -> new Tuple2<>(
                new Tuple2<>(context.value().attributes().day(dayOf(a.minute())).regionOf(a.ip()), a.minute()), a));
        JavaPairRDD<Tuple2<String, Long>, Row> detailRows = abnormalDetails.javaRDD().mapToPair(r -> {
            long minute = r.getLong(9);
            return new Tuple2<>(new Tuple2<>(context.value().attributes().day(dayOf(minute)).regionOf(r.getString(1)), minute), r);
        });
        return sources.cogroup(detailRows).mapPartitions(it -> {
            Context ctx = context.value();
            Diagnoser diagnoser = new Diagnoser(DiagnosisSettings.DEFAULTS, new RuleRouter(RuleRouterSettings.DEFAULTS));
            List<RouterCandidate> out = new ArrayList<>();
            while (it.hasNext()) {
                Tuple2<Tuple2<String, Long>, Tuple2<Iterable<AbnormalIpMinute>, Iterable<Row>>> g = it.next();
                RouterCandidate c = candidate(g._1()._1(), g._1()._2(), g._2()._1(), g._2()._2(), ctx, diagnoser);
                if (c == null) {
                    notEmitted.add(1);
                } else {
                    out.add(c);
                }
            }
            return out.iterator();
        });
    }

    /** One region-minute, diagnosed exactly as the speed layer does; null when the emission rule does not emit it. */
    static RouterCandidate candidate(String region, long minute, Iterable<AbnormalIpMinute> sources, Iterable<Row> details,
                                     Context ctx, Diagnoser diagnoser) {
        String dt = dayOf(minute);
        AttributeSnapshots.Day day = ctx.attributes().day(dt);
        int[] monitored = ctx.monitored().get(region);
        int index = (int) ((minute - ctx.startMs()) / 60_000L);
        RegionMinute.Builder b = RegionMinute.builder(region, minute)
                .population(day.population(region))
                .monitoredIps(monitored == null || index < 0 || index >= monitored.length ? 0 : monitored[index]);
        List<String> ips = new ArrayList<>();
        for (AbnormalIpMinute a : sources) {
            b.source(new AbnormalSource(a.ip(), a.slotMask(), a.observed()));
            ips.add(a.ip());
        }
        if (ips.isEmpty()) {
            return null;
        }
        for (Row r : details) {
            b.detail(detail(r));
        }
        RegionMinute c = b.resolveAttributes(day::lookup).build();
        MinuteDiagnosis d = diagnoser.diagnose(c);
        if (!d.emits()) {
            return null;
        }
        String[] sorted = ips.toArray(new String[0]);
        Arrays.sort(sorted);
        LabelIndex.Match m = ctx.labels().match(region, minute, Arrays.asList(sorted)).orElse(null);
        return new RouterCandidate(region, minute, dt, sorted, c.monitoredIps(), d.severity().map(SeverityLevel::level).orElse(-1),
                d.emission().reason(), d.scope().text(), d.features(), d.decision().team().name(), d.decision().confidence(),
                m == null ? null : m.incidentId(), m == null ? null : m.kind().name(),
                m == null ? null : m.team().map(Enum::name).orElse(null), m == null ? null : m.source().name(),
                m == null ? 0 : m.overlap());
    }

    static DetailRecord detail(Row r) {
        return new DetailRecord(r.getLong(0), r.getString(1), r.getInt(2), r.getString(3), r.getInt(4),
                RetxType.fromWire(r.getString(5)).orElseThrow(() -> new IllegalArgumentException("unknown retx type " + r.getString(5))),
                Scenario.fromWire(r.getString(6)).orElseThrow(() -> new IllegalArgumentException("unknown scenario " + r.getString(6))),
                r.getInt(7), r.getString(8));
    }
}
