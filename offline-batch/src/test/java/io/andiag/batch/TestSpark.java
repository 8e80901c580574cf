package io.andiag.batch;

import io.andiag.batch.spark.BatchSpark;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM, shared by every test class (the machine has 2 cores shared with others):
 * local[2], 4 shuffle partitions, no UI, loopback driver. Built with the batch's own configuration code, so the tests
 * exercise what the CLI does; the CLI, finding it active, reuses it and does not stop it.
 */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession get() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSession.builder().config(BatchSpark.conf("andiag-batch-tests", "local[2]", 4))
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return session;
    }
}
