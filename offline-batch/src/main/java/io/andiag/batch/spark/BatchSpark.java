package io.andiag.batch.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a batch run. The master given here ({@code --master}) only applies when nothing set one
 * already: under {@code spark-submit --master yarn|k8s://...|spark://...} the submitted master and every
 * {@code --conf} win, so the same jar runs unchanged on any cluster manager. Local-mode defaults (loopback driver
 * host, no UI, few shuffle partitions) are applied only to a local master and only when not set explicitly.
 */
public final class BatchSpark {

    public static final String DEFAULT_MASTER = "local[*]";

    private BatchSpark() {
    }

    /** The configuration a session would get: explicit settings (system properties, spark-submit) win. */
    public static SparkConf conf(String appName, String fallbackMaster, int localShufflePartitions) {
        SparkConf conf = new SparkConf(true); // loads spark.* system properties, which is how spark-submit passes its settings
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.master", fallbackMaster == null ? DEFAULT_MASTER : fallbackMaster);
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(localShufflePartitions));
        }
        // Parameter tables are read by parquet-java and DuckDB: plain Parquet, no legacy INT96 or Spark-only encodings.
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        conf.setIfMissing("spark.sql.parquet.writeLegacyFormat", "false");
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        return conf;
    }

    /**
     * The active session when there is one (a test harness, a notebook), else a new one. {@link Handle#close()} stops
     * only a session this call created.
     */
    public static Handle open(String appName, String fallbackMaster, int localShufflePartitions) {
        SparkSession existing = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
                : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
        if (existing != null && !existing.sparkContext().isStopped()) {
            return new Handle(existing, false);
        }
        SparkSession session = SparkSession.builder().config(conf(appName, fallbackMaster, localShufflePartitions)).getOrCreate();
        return new Handle(session, true);
    }

    /** A session and whether closing it stops it. */
    public static final class Handle implements AutoCloseable {
        private final SparkSession session;
        private final boolean owned;

        Handle(SparkSession session, boolean owned) {
            this.session = session;
            this.owned = owned;
        }

        public SparkSession session() {
            return session;
        }

        @Override
        public void close() {
            if (owned) {
                session.stop();
            }
        }
    }
}
